#!/usr/bin/env python3
"""Writes the sample company pipetop opens by default into seeds/.

Kestrel Insight sells revenue-analytics software to other businesses. The
script invents six months of its marketing campaigns, leads, deals, reps and
quotas, all seen from one fixed moment (AS_OF), so every run writes the same
bytes: a fixed random seed, no clock, no hash-ordered collections.

    python3 scripts/make_seeds.py              # (re)write seeds/
    python3 scripts/make_seeds.py --out DIR    # write somewhere else
    python3 scripts/make_seeds.py --check      # verify the files in seeds/

Python 3 standard library only.
"""

import argparse
import csv
import os
import re
import sys
import unicodedata
from datetime import date, datetime, timedelta
from random import Random

AS_OF = datetime(2026, 11, 26, 10, 30, 0)  # read in TIME_ZONE; no zone is written
TIME_ZONE = "UTC"
SEED = 15  # chosen among candidates for a month with reps both ahead and behind
WINDOW_START = datetime(2026, 5, 26, 10, 30, 0)  # six months of leads before AS_OF
BRAND = "Kestrel Insight"
BRAND_DOMAIN = "kestrelinsight.com"

SLA_FIRST_TOUCH_HOURS = 4
SLA_FAST_TOUCH_HOURS = 1
STALE_DAYS = 21

LEAD_STAGES = ["lead", "mql", "sal", "sql", "opportunity", "won", "lost", "disqualified", "recycled"]
DEAL_OPEN = ["prospecting", "qualification", "proposal", "negotiation"]
DEAL_STAGES = DEAL_OPEN + ["won", "lost"]
STAGE_PROBABILITY = {"prospecting": 10, "qualification": 25, "proposal": 50, "negotiation": 75}
SALES_SOURCES = ["cold_call", "networking", "linkedin", "email_outreach", "referral"]
DISQUALIFY_REASONS = ["No budget", "Wrong fit", "No response", "Competitor chosen", "Duplicate", "Student or job seeker"]
CHANNELS = ["print", "content", "social", "ppc", "email", "events"]
METRICS = ["won_amount", "deals_won", "sals", "sqls", "meetings"]

HEADERS = {
    "campaigns.csv": ["campaign_id", "name", "channel", "owner", "start", "end", "budget", "spend",
                      "impressions", "clicks"],
    "leads.csv": ["lead_id", "created_at", "name", "company", "email", "source", "campaign_id", "stage",
                  "owner", "score", "first_touch_at", "last_touch_at", "mql_at", "sal_at", "sql_at",
                  "opportunity_at", "closed_at", "disqualify_reason", "deal_id"],
    "deals.csv": ["deal_id", "name", "account", "owner", "stage", "amount", "created_at", "close_date",
                  "lead_id", "probability", "product"],
    "reps.csv": ["rep", "team", "manager", "region", "role", "email", "login"],
    "quotas.csv": ["owner", "period_start", "period", "metric", "target"],
    "activity.csv": ["at", "user", "file", "record", "field", "old", "new"],
    "stage_history.csv": ["deal_id", "stage", "at"],
}

# Columns the check reads as ISO timestamps, dates and plain numbers.
TIMESTAMP_COLUMNS = {"created_at", "first_touch_at", "last_touch_at", "mql_at", "sal_at", "sql_at",
                     "opportunity_at", "closed_at", "at"}
DATE_COLUMNS = {"start", "end", "close_date", "period_start"}
MONEY_COLUMNS = {"budget", "spend", "amount"}
NUMBER_COLUMNS = {"impressions", "clicks", "score", "probability", "target"}
TIMESTAMP_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
MONEY_PATTERN = re.compile(r"-?\d+\.\d{2}")
NUMBER_PATTERN = re.compile(r"\d+")

# ---------------------------------------------------------------- people

# rep, team, manager, region, role
REPS = [
    ("Helena Brandt", "Enterprise", "", "EMEA", "manager"),
    ("Marcus Webb", "Enterprise", "Helena Brandt", "North America", "ae"),
    ("Priya Natarajan", "Enterprise", "Helena Brandt", "North America", "ae"),
    ("Jonas Eriksen", "Enterprise", "Helena Brandt", "EMEA", "ae"),
    ("David Okafor", "Mid-Market", "", "North America", "manager"),
    ("Sarah Lindqvist", "Mid-Market", "David Okafor", "EMEA", "ae"),
    ("Kevin Tran", "Mid-Market", "David Okafor", "North America", "ae"),
    ("Rachel Moreno", "Lead Development", "", "North America", "manager"),
    ("Ben Carter", "Lead Development", "Rachel Moreno", "North America", "sdr"),
    ("Chloe Dubois", "Lead Development", "Rachel Moreno", "EMEA", "sdr"),
    ("Omar Haddad", "Lead Development", "Rachel Moreno", "EMEA", "sdr"),
    ("Nina Kowalski", "Marketing", "", "Global", "marketing"),
    ("Leo Park", "Marketing", "Nina Kowalski", "Global", "marketing"),
]
SALES_TEAMS = ["Enterprise", "Mid-Market", "Lead Development"]
# How often each SDR picks up a lead, and how each AE wins: reps differ.
SDR_WEIGHT = {"Ben Carter": 1.15, "Chloe Dubois": 1.0, "Omar Haddad": 0.85}
AE_TEAM = {"enterprise": ["Marcus Webb", "Priya Natarajan", "Jonas Eriksen"],
           "midmarket": ["Sarah Lindqvist", "Kevin Tran"]}
AE_WIN_RATE = {"Marcus Webb": 0.24, "Priya Natarajan": 0.2, "Jonas Eriksen": 0.14,
               "Sarah Lindqvist": 0.24, "Kevin Tran": 0.17}

# Monthly quotas, set at the start of the quarter (December carries the year-end push).
AE_MONTHLY_QUOTA = {"Marcus Webb": 85000, "Priya Natarajan": 75000, "Jonas Eriksen": 70000,
                    "Sarah Lindqvist": 45000, "Kevin Tran": 45000}
SDR_MONTHLY_SALS = {"Ben Carter": 38, "Chloe Dubois": 34, "Omar Haddad": 30}
SDR_MONTHLY_SQLS = {"Ben Carter": 20, "Chloe Dubois": 18, "Omar Haddad": 18}
QUOTA_MONTHS = [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
QUOTA_MONTH_FACTOR = {10: 1.0, 11: 1.0, 12: 1.15}

FIRST_NAMES = [
    "James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Lucas", "Mia", "Mason",
    "Isabella", "Logan", "Amelia", "Elijah", "Harper", "Aiden", "Evelyn", "Jacob", "Abigail", "Daniel",
    "Emily", "Henry", "Ella", "Samuel", "Grace", "Matthew", "Chloe", "Owen", "Lily", "Arjun", "Ananya",
    "Wei", "Mei", "Hiroshi", "Yuki", "Kwame", "Amara", "Mateo", "Valentina", "Lars", "Ingrid", "Pierre",
    "Camille", "Giulia", "Marco", "Fatima", "Youssef", "Sven", "Anja", "Rahul", "Sneha", "Diego", "Lucía",
    "Chen", "Hana", "Tariq", "Leila", "Connor", "Siobhán", "Björn", "Renée", "Nikolai", "Olga", "Tomasz",
    "Agnieszka", "Andrés", "Carmen", "Kofi", "Zainab", "Erik", "Freya", "Hugo", "Elif", "Emre", "Tyler",
    "Megan", "Brandon", "Rachel", "Jordan", "Taylor", "Nathan", "Hannah", "Ryan", "Laura",
]
LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martinez", "Wilson",
    "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
    "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green",
    "Adams", "Baker", "Nelson", "Patel", "Shah", "Kumar", "Singh", "Chen", "Wang", "Li", "Zhang",
    "Nakamura", "Tanaka", "Kim", "Park", "Nguyen", "Mensah", "Schmidt", "Fischer", "Weber", "Becker",
    "Laurent", "Rossi", "Bianchi", "Novak", "Kowalczyk", "Jensen", "Larsen", "Johansson", "Lindberg",
    "Khan", "Rahman", "Silva", "Santos", "O'Connor", "Murphy", "Byrne", "Müller", "Gómez", "Fernández",
    "Yılmaz", "Petrov", "Ivanova", "Costa", "Hughes", "Reid", "Campbell", "Fitzgerald", "Moreau",
]
FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "proton.me"]
UNIVERSITIES = ["", "", "University of Leeds", "TU München", "Northeastern University", "Universidad de Chile",
                "University of Toronto", ""]

# ---------------------------------------------------------------- accounts

PREFIXES = ["North", "Blue", "Silver", "Granite", "Harbor", "Summit", "Cedar", "Iron", "Bright", "Clear",
            "Red", "Oak", "Pine", "Stone", "River", "Maple", "Falcon", "Atlas", "Vector", "Crescent",
            "Meridian", "Lumen", "Nova", "Orion", "Everest", "Pioneer", "Keystone", "Sterling", "Cobalt",
            "Juniper", "Willow", "Aspen", "Horizon", "Polar", "Copper", "Amber", "Hawthorne", "Lake"]
CORES = ["field", "gate", "wood", "bridge", "point", "line", "view", "path", "ridge", "brook", "crest",
         "way", "mark", "works", "light", "haven", "stream", "ford"]
INDUSTRIES = ["Logistics", "Health", "Foods", "Manufacturing", "Retail", "Financial", "Energy", "Software",
              "Labs", "Media", "Insurance", "Consulting", "Capital", "Systems", "Pharma", "Robotics",
              "Apparel", "Freight", "Hospitality", "Telecom", "Learning", "Biotech", "Materials", "Motors",
              "Travel", "Packaging", "Dental", "Legal", "Security", "Agritech"]
SUFFIXES = [("", ".com"), ("", ".com"), (" Inc", ".com"), (", Inc.", ".com"), (" LLC", ".com"),
            (" Ltd", ".co.uk"), (" plc", ".co.uk"), (" GmbH", ".de"), (" AG", ".ch"), (" BV", ".nl"),
            (" SA", ".fr"), (" Group", ".com"), (" Corp", ".com"), (", LLC", ".com")]
# Accounts every release of the sample should show: commas and quotes exercise CSV quoting,
# the others exercise wide and accented text. (name, domain, segment)
FEATURED_ACCOUNTS = [
    ("Hartley, Moss & Co", "hartleymoss.com", "enterprise"),
    ('The "Blue" Door Ltd', "bluedoor.co.uk", "midmarket"),
    ("株式会社サクラ", "sakura.co.jp", "enterprise"),
    ("Baker, Price and Partners", "bakerprice.com", "midmarket"),
    ('"Quill" Media Group', "quillmedia.com", "midmarket"),
    ("Müller & Söhne GmbH", "mueller-soehne.de", "enterprise"),
    ("Café Lumière SARL", "cafelumiere.fr", "midmarket"),
    ("O'Brien Freight", "obrienfreight.ie", "midmarket"),
]

PRODUCTS = {  # product: (low, high, most likely) amount
    "Kestrel Core": (5000, 15000, 8000),
    "Kestrel Pro": (12000, 45000, 20000),
    "Kestrel Enterprise": (40000, 120000, 55000),
    "Data Connectors": (5000, 20000, 8000),
    "Premium Support": (6000, 25000, 10000),
}

# ---------------------------------------------------------------- campaigns

# id, name, channel, owner, start, end, budget; event days for the events campaign
CAMPAIGNS = [
    ("CMP-01", "Buyer's Guide Print Mailer", "print", "Leo Park", date(2026, 4, 13), date(2026, 6, 26), 24000),
    ("CMP-02", "State of Revenue Analytics 2026 Report", "content", "Nina Kowalski",
     date(2026, 5, 4), date(2026, 10, 30), 30000),
    ("CMP-03", "LinkedIn: Dashboards Your CFO Will Read", "social", "Leo Park", date(2026, 6, 8), None, 42000),
    ("CMP-04", "Search Ads: Sales Analytics Software", "ppc", "Nina Kowalski",
     date(2026, 5, 18), date(2026, 12, 31), 64000),
    ("CMP-05", "Nurture: From Spreadsheets to Pipeline", "email", "Leo Park",
     date(2026, 7, 6), date(2026, 12, 18), 12000),
    ("CMP-06", "RevOps Summit Berlin 2026", "events", "Nina Kowalski", date(2026, 9, 1), date(2026, 10, 16), 45000),
    ("CMP-07", "Webinars: Forecasting, Quotas & Pipeline", "content", "Leo Park",
     date(2026, 9, 28), date(2027, 1, 29), 18000),
    ("CMP-08", "Retargeting: Trial Visitors", "social", "Nina Kowalski",
     date(2026, 8, 3), date(2026, 11, 30), 15000),
    ("CMP-09", "2027 Planning Kit", "email", "Leo Park", date(2026, 12, 7), date(2027, 2, 26), 9000),
]
EVENT_DAYS = [date(2026, 10, 7), date(2026, 10, 8)]
HOUR_WEIGHTS = [0.08, 0.05, 0.04, 0.04, 0.05, 0.1, 0.25, 0.6, 1.4, 2.0, 2.2, 2.1, 1.5, 1.8, 2.0,
                1.9, 1.6, 1.0, 0.6, 0.45, 0.35, 0.25, 0.15, 0.1]  # inquiries by hour of day
OPEN_ENDED_MONTHLY_SPEND = 3500.0  # the always-on social campaign spends about this a month
# How readily a channel's leads become MQLs.
CHANNEL_MQL_RATE = {"print": 0.28, "content": 0.42, "social": 0.33, "ppc": 0.45, "email": 0.4, "events": 0.36}
INBOUND_MQL_RATE = 0.55


# ================================================================ small helpers

def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S") if dt else ""


def ds(d):
    return d.strftime("%Y-%m-%d") if d else ""


def money(x):
    return f"{x:.2f}"


def ascii_fold(text):
    """Lowercase ASCII letters and digits for e-mail addresses and logins."""
    special = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "ı": "i", "đ": "d"}
    text = "".join(special.get(ch, ch) for ch in text)
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded.lower() if ch.isascii() and ch.isalnum())


def csv_field(value):
    """RFC 4180: quote only a field holding a comma, a quote or a line break."""
    text = "" if value is None else str(value)
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(header, rows):
    lines = [",".join(csv_field(v) for v in header)]
    lines += [",".join(csv_field(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def weighted(rng, pairs):
    """Pick from [(item, weight), ...] keeping the list's order (no dict or set ordering)."""
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def office(rng, dt):
    """A person's action lands in working hours: late or weekend work moves to the next morning."""
    if dt.weekday() < 5 and 8 <= dt.hour < 18:
        return dt
    day = dt.date()
    if dt.weekday() < 5 and dt.hour < 8:
        target = day
    else:
        target = day + timedelta(days=1)
    while target.weekday() >= 5:
        target += timedelta(days=1)
    start = datetime(target.year, target.month, target.day, 8, 0, 0)
    return start + timedelta(seconds=rng.randint(0, 150 * 60))


def covered(rng, dt):
    """When a rep can first answer: Lead Development spans Europe and America, so weekdays
    07:00-21:00 UTC are covered; nights and weekends wait for the next morning."""
    if dt.weekday() < 5 and 7 <= dt.hour < 21:
        return dt
    target = dt.date() if (dt.weekday() < 5 and dt.hour < 7) else dt.date() + timedelta(days=1)
    while target.weekday() >= 5:
        target += timedelta(days=1)
    return datetime(target.year, target.month, target.day, 7, 0, 0) + timedelta(seconds=rng.randint(0, 180 * 60))


def days(rng, median, spread, low, high):
    """A skewed duration in days: most near the median, a long tail, clipped."""
    value = rng.lognormvariate(0, spread) * median
    return timedelta(days=min(max(value, low), high))


def truncate_seconds(dt):
    return dt.replace(microsecond=0)


def month_key(dt):
    return (dt.year, dt.month)


# ================================================================ the world

class SeedWorld:
    def __init__(self):
        self.rng = Random(SEED)
        self.reps = REPS
        self.accounts = []
        self.leads = []
        self.deals = []
        self.campaign_rows = []

    # ------------------------------------------------------------ accounts and people

    def make_accounts(self):
        rng = self.rng
        seen = []
        for name, domain, segment in FEATURED_ACCOUNTS:
            self.accounts.append({"name": name, "domain": domain, "segment": segment, "ae": ""})
            seen.append(name)
        while len(self.accounts) < 640:
            shape = rng.random()
            if shape < 0.72:
                suffix, tld = rng.choice(SUFFIXES)
                stem = rng.choice(PREFIXES) + rng.choice(CORES)
                name = f"{stem} {rng.choice(INDUSTRIES)}{suffix}"
                domain = ascii_fold(stem) + ascii_fold(name.split(" ")[1].rstrip(",")) + tld
            elif shape < 0.86:
                a, b = rng.sample(LAST_NAMES, 2)
                kind = rng.random()
                if kind < 0.4:
                    name = f"{a}, {b} & Co"
                elif kind < 0.75:
                    name = f"{a} & {b} LLP"
                else:
                    name = f"{a}, {b} and Partners"
                domain = ascii_fold(a) + ascii_fold(b) + ".com"
            else:
                stem = rng.choice(PREFIXES)
                name = f"{stem} {rng.choice(INDUSTRIES)} {rng.choice(['Holdings', 'International', 'Partners'])}"
                domain = ascii_fold(name.split(" ")[0]) + ascii_fold(name.split(" ")[1]) + ".com"
            if name in seen:
                continue
            seen.append(name)
            segment = "enterprise" if rng.random() < 0.45 else "midmarket"
            self.accounts.append({"name": name, "domain": domain, "segment": segment, "ae": ""})
        rng.shuffle(self.accounts)
        # Each account belongs to one AE of the segment's team.
        for account in self.accounts:
            account["ae"] = rng.choice(AE_TEAM[account["segment"]])

    def person(self, account):
        rng = self.rng
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        return self.identity(first, last, account)

    def identity(self, first, last, account):
        rng = self.rng
        f, l = ascii_fold(first), ascii_fold(last)
        pattern = rng.random()
        if pattern < 0.6:
            local = f"{f}.{l}"
        elif pattern < 0.8:
            local = f"{f[0]}{l}"
        else:
            local = f"{f}{l[0]}"
        return f"{first} {last}", f"{local}@{account['domain']}"

    def pick_account(self):
        # A long tail: a few accounts send many leads, most send one or two.
        index = int(len(self.accounts) * (self.rng.random() ** 1.3))
        return self.accounts[min(index, len(self.accounts) - 1)]

    def pick_sdr(self):
        return weighted(self.rng, list(SDR_WEIGHT.items()))

    # ------------------------------------------------------------ campaigns

    def campaign_active(self, campaign, day):
        start, end = campaign[4], campaign[5]
        return start <= day and (end is None or day <= end)

    def pick_campaign(self, created):
        day = created.date()
        pairs = []
        for c in CAMPAIGNS:
            if not self.campaign_active(c, day) or c[4] > AS_OF.date():
                continue
            start, end, budget = c[4], c[5], c[6]
            if end is None:
                daily = OPEN_ENDED_MONTHLY_SPEND / 30.0
            else:
                daily = budget / ((end - start).days + 1)
            if c[2] == "events":
                daily *= 0.35  # registrations trickle in before the show; the badge scans come on the day
            pairs.append((c, daily))
        if not pairs:
            return None
        return weighted(self.rng, pairs)

    def make_campaign_rows(self):
        rng = self.rng
        rows = []
        for cid, name, channel, owner, start, end, budget in CAMPAIGNS:
            today = AS_OF.date()
            if start > today:
                spend = 0.0
            elif end is None:
                months = (today - start).days / 30.4
                spend = OPEN_ENDED_MONTHLY_SPEND * months * rng.uniform(0.95, 1.03)
            elif end < today:
                spend = budget * rng.uniform(0.93, 1.06)
            else:
                share = ((today - start).days + 1) / ((end - start).days + 1)
                spend = budget * share * rng.uniform(0.9, 1.04)
            spend = round(spend, 2)
            impressions = clicks = ""
            if spend > 0 and channel == "ppc":
                clicks = int(spend / rng.uniform(3.6, 4.6))
                impressions = int(clicks / rng.uniform(0.028, 0.036))
            elif spend > 0 and channel == "social":
                impressions = int(spend / rng.uniform(7.5, 11.0) * 1000)
                clicks = int(impressions * rng.uniform(0.004, 0.009))
            elif spend > 0 and channel == "email":
                impressions = int(spend / rng.uniform(0.05, 0.08))  # e-mails delivered
                clicks = int(impressions * rng.uniform(0.018, 0.03))
            elif spend > 0 and channel == "content":
                impressions = int(spend / rng.uniform(0.25, 0.4))  # page views
                clicks = int(impressions * rng.uniform(0.03, 0.05))  # downloads and sign-ups
            rows.append([cid, name, channel, owner, ds(start), ds(end), money(budget), money(spend),
                         impressions, clicks])
        self.campaign_rows = rows

    # ------------------------------------------------------------ lead arrival times

    def arrival_time(self):
        """When an inquiry arrives: later months busier, weekdays busier, office hours."""
        rng = self.rng
        span = (AS_OF - WINDOW_START).days + 1
        while True:
            offset = rng.randrange(span)
            day = WINDOW_START.date() + timedelta(days=offset)
            trend = 0.8 + 0.7 * offset / span
            if day.month == 8:
                trend *= 0.85  # summer holidays
            weekday = 1.0 if day.weekday() < 5 else 0.22
            if rng.random() * 1.5 > trend * weekday:
                continue
            dt = self.time_of_day(day)
            if WINDOW_START <= dt < AS_OF:
                return dt

    def time_of_day(self, day):
        """A moment on this day when people read mail and fill in forms."""
        rng = self.rng
        hour = rng.choices(range(24), weights=HOUR_WEIGHTS, k=1)[0]
        return datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))

    # ------------------------------------------------------------ leads

    def new_lead(self, created, source, campaign_id, account=None):
        account = account or self.pick_account()
        name, email = self.person(account)
        lead = {
            "lead_id": "", "created_at": created, "name": name, "company": account["name"], "email": email,
            "source": source, "campaign_id": campaign_id, "stage": "lead", "owner": "", "score": 0,
            "first_touch_at": None, "last_touch_at": None, "mql_at": None, "sal_at": None, "sql_at": None,
            "opportunity_at": None, "closed_at": None, "disqualify_reason": "", "deal_id": "",
            "account": account, "deal": None,
        }
        self.leads.append(lead)
        return lead

    def close_lead(self, lead, stage, at, reason=""):
        lead["stage"] = stage
        lead["closed_at"] = at
        lead["disqualify_reason"] = reason

    def touch_delay(self):
        rng = self.rng
        r = rng.random()
        if r < 0.42:
            return timedelta(minutes=rng.uniform(3, 59))
        if r < 0.94:
            return timedelta(minutes=rng.uniform(60, 236))
        return timedelta(hours=rng.uniform(8, 72))  # lost in a busy week

    def simulate_marketing(self, lead, mql_rate):
        rng = self.rng
        created = lead["created_at"]
        if rng.random() >= mql_rate:
            lead["score"] = rng.randint(3, 48)
            if rng.random() < 0.08:
                at = office(rng, created + days(rng, 3, 0.8, 0.2, 20))
                if at <= AS_OF:
                    reason = weighted(rng, [("Student or job seeker", 0.5), ("Duplicate", 0.3), ("Wrong fit", 0.2)])
                    self.close_lead(lead, "disqualified", at, reason)
            return
        if rng.random() < 0.35:
            mql = created + timedelta(minutes=rng.uniform(1, 40))  # a demo request scores at once
        else:
            # nurture pushed it over the line: a click on a later day
            day = (created + days(rng, 4, 0.8, 1, 40)).date()
            if day.weekday() >= 5 and rng.random() < 0.8:
                day += timedelta(days=7 - day.weekday())  # few read marketing mail at the weekend
            mql = self.time_of_day(day)
            if mql <= created:
                mql = created + timedelta(minutes=rng.uniform(5, 90))
        mql = truncate_seconds(mql)
        lead["score"] = rng.randint(50, 99)
        if mql >= AS_OF:
            lead["score"] = rng.randint(35, 49)
            return
        lead["mql_at"] = mql
        lead["stage"] = "mql"
        touch = covered(rng, mql + self.touch_delay())  # an MQL arriving at night waits for the morning
        if touch > AS_OF:
            # Every MQL the bulk makes has been worked; the untouched ones are added on purpose.
            start = max(mql, AS_OF.replace(hour=8, minute=0, second=0))
            touch = start + (AS_OF - start) * rng.uniform(0.2, 0.9)
        lead["first_touch_at"] = truncate_seconds(touch)
        sdr = self.pick_sdr()
        fate = weighted(rng, [("sal", 0.6), ("disqualified", 0.16), ("recycled", 0.17), ("stuck", 0.07)])
        if fate == "sal":
            at = office(rng, touch + timedelta(hours=rng.lognormvariate(1.5, 1.2)))
            if at > AS_OF:
                lead["owner"] = sdr if rng.random() < 0.4 else ""
                return
            lead["sal_at"] = at
            lead["stage"] = "sal"
            lead["owner"] = sdr
            self.advance_from_sal(lead, at)
        elif fate == "disqualified":
            at = office(rng, touch + days(rng, 4, 0.7, 0.5, 20))
            if at > AS_OF:
                lead["owner"] = sdr if rng.random() < 0.4 else ""
                return
            reason = weighted(rng, [("No response", 0.4), ("Wrong fit", 0.18), ("No budget", 0.16),
                                    ("Student or job seeker", 0.1), ("Duplicate", 0.1), ("Competitor chosen", 0.06)])
            lead["owner"] = sdr
            self.close_lead(lead, "disqualified", at, reason)
        elif fate == "recycled":
            at = office(rng, touch + days(rng, 8, 0.6, 2, 30))
            if at > AS_OF:
                lead["owner"] = sdr if rng.random() < 0.4 else ""
                return
            self.close_lead(lead, "recycled", at)
        else:
            lead["owner"] = sdr if rng.random() < 0.4 else ""

    def simulate_sales(self, lead):
        """A rep found this lead; it enters at SAL (calls, outreach) or SQL (introductions)."""
        rng = self.rng
        created = lead["created_at"]
        lead["first_touch_at"] = created
        lead["owner"] = self.pick_sdr()
        lead["score"] = rng.randint(25, 85)
        enters_sql = rng.random() < (0.6 if lead["source"] in ("networking", "referral") else 0.2)
        if enters_sql:
            lead["sql_at"] = created
            lead["stage"] = "sql"
            self.advance_from_sql(lead, created)
        else:
            lead["sal_at"] = created
            lead["stage"] = "sal"
            self.advance_from_sal(lead, created)

    def advance_from_sal(self, lead, sal):
        rng = self.rng
        fate = weighted(rng, [("sql", 0.57), ("disqualified", 0.24), ("recycled", 0.13), ("stuck", 0.06)])
        if fate == "stuck":
            return
        if fate == "sql":
            at = office(rng, sal + days(rng, 4, 0.7, 0.3, 30))
        else:
            at = office(rng, sal + days(rng, 7, 0.7, 1, 40))
        if at > AS_OF:
            return
        if fate == "sql":
            lead["sql_at"] = at
            lead["stage"] = "sql"
            lead["score"] = max(lead["score"], rng.randint(60, 99))
            self.advance_from_sql(lead, at)
        elif fate == "disqualified":
            reason = weighted(rng, [("No budget", 0.3), ("Wrong fit", 0.25), ("No response", 0.3),
                                    ("Competitor chosen", 0.15)])
            self.close_lead(lead, "disqualified", at, reason)
        else:
            lead["owner"] = ""
            self.close_lead(lead, "recycled", at)

    def advance_from_sql(self, lead, sql):
        rng = self.rng
        fate = weighted(rng, [("opportunity", 0.47), ("disqualified", 0.27), ("recycled", 0.18), ("stuck", 0.08)])
        if fate == "stuck":
            return
        at = office(rng, sql + days(rng, 5, 0.7, 0.5, 30))
        if at > AS_OF:
            return
        if fate == "opportunity":
            lead["opportunity_at"] = at
            lead["stage"] = "opportunity"
            lead["owner"] = lead["account"]["ae"]
            self.open_deal_for(lead)
        elif fate == "disqualified":
            reason = weighted(rng, [("No budget", 0.4), ("Competitor chosen", 0.35), ("Wrong fit", 0.25)])
            self.close_lead(lead, "disqualified", at, reason)
        else:
            lead["owner"] = ""
            self.close_lead(lead, "recycled", at)

    # ------------------------------------------------------------ deals

    def open_deal_for(self, lead):
        rng = self.rng
        created = lead["opportunity_at"] + timedelta(minutes=rng.uniform(2, 45))
        if created >= AS_OF:
            created = lead["opportunity_at"] + (AS_OF - lead["opportunity_at"]) / 2
        account = lead["account"]
        if account["segment"] == "enterprise":
            product = weighted(rng, [("Kestrel Enterprise", 0.35), ("Kestrel Pro", 0.65)])
        else:
            product = weighted(rng, [("Kestrel Core", 0.55), ("Kestrel Pro", 0.45)])
        deal = self.simulate_deal(truncate_seconds(created), account, product, lead["owner"],
                                  AE_WIN_RATE[lead["owner"]], lead)
        lead["deal"] = deal
        if deal["stage"] in ("won", "lost"):
            lead["stage"] = deal["stage"]
            lead["closed_at"] = deal["closed_at"]

    def deal_amount(self, product):
        low, high, mode = PRODUCTS[product]
        value = self.rng.triangular(low, high, mode)
        step = 500 if value >= 20000 else 250
        return round(value / step) * step

    def simulate_deal(self, created, account, product, owner, win_rate, lead):
        rng = self.rng
        won = rng.random() < win_rate
        if won:
            path = list(DEAL_OPEN) + ["won"]
        else:
            last_open = weighted(rng, [(0, 0.3), (1, 0.3), (2, 0.25), (3, 0.15)])
            path = DEAL_OPEN[:last_open + 1] + ["lost"]
        if "proposal" in path and rng.random() < 0.1:
            path.remove("qualification")  # a buyer who already knows what they want
        medians = {"prospecting": 6, "qualification": 9, "proposal": 11, "negotiation": 8}
        stall_at = rng.randrange(len(path) - 1) if rng.random() < 0.15 else -1
        events = [(path[0], created)]
        unstalled = created
        t = created
        for i, stage in enumerate(path[1:]):
            step = days(rng, medians[path[i]], 0.55, 1, 45)
            if path[i + 1] == "lost":
                step = step * rng.uniform(0.6, 1.6)
            unstalled += step
            if i == stall_at:
                step = step * rng.uniform(3.0, 6.0)  # the buyer went quiet
            t = office(rng, t + step)
            events.append((stage, t))
        done = [e for e in events if e[1] <= AS_OF]
        stage, _ = done[-1]
        deal = {"deal_id": "", "account": account["name"], "owner": owner, "stage": stage,
                "amount": self.deal_amount(product), "created_at": created, "product": product,
                "lead": lead, "events": done, "closed_at": None, "close_date": None, "probability": ""}
        if stage in ("won", "lost"):
            deal["closed_at"] = done[-1][1]
            deal["close_date"] = done[-1][1].date()
        else:
            # The rep's expected date: a stalled deal keeps the date it was meant to close (now past);
            # others were moved to a future date when it slipped, a few never were.
            expected = (created + (unstalled - created) * rng.uniform(0.8, 1.0)).date()
            if expected <= AS_OF.date() and stall_at < 0 and rng.random() < 0.92:
                expected = AS_OF.date() + timedelta(days=rng.randint(4, 50))
            deal["close_date"] = expected
            if rng.random() < 0.07:
                default = STAGE_PROBABILITY[stage]
                deal["probability"] = max(5, min(95, default + rng.choice([-15, -10, 10, 15, 20])))
        self.deals.append(deal)
        return deal

    def make_expansions(self, count):
        """Upsells to existing customers: no lead behind them."""
        rng = self.rng
        customers = [a for a in self.accounts[8:] if rng.random() < 0.06][:40]
        for _ in range(count):
            account = rng.choice(customers)
            created = office(rng, self.arrival_time())
            if created >= AS_OF - timedelta(days=1):
                created = AS_OF - timedelta(days=rng.uniform(2, 20))
            created = truncate_seconds(created)
            product = weighted(rng, [("Data Connectors", 0.4), ("Premium Support", 0.35), ("Kestrel Pro", 0.25)])
            owner = account["ae"]
            deal = self.simulate_deal(created, account, product, owner, min(0.7, AE_WIN_RATE[owner] + 0.2), None)
            deal["expansion"] = True

    # ------------------------------------------------------------ the run

    def build(self):
        rng = self.rng
        self.make_accounts()
        self.make_campaign_rows()

        for _ in range(1880):
            created = self.arrival_time()
            if rng.random() < 0.7:
                campaign = self.pick_campaign(created) if rng.random() < 0.76 else None
                if campaign:
                    lead = self.new_lead(created, "campaign", campaign[0])
                    self.simulate_marketing(lead, CHANNEL_MQL_RATE[campaign[2]])
                else:
                    lead = self.new_lead(created, "inbound", "")
                    self.simulate_marketing(lead, INBOUND_MQL_RATE)
            else:
                source = weighted(rng, [("cold_call", 0.25), ("networking", 0.15), ("linkedin", 0.25),
                                        ("email_outreach", 0.25), ("referral", 0.1)])
                # calls and outreach in office hours; networking events run into the evening
                created = office(rng, created) if source != "networking" else covered(rng, created)
                if created >= AS_OF:
                    created = AS_OF - timedelta(minutes=rng.uniform(20, 120))
                lead = self.new_lead(truncate_seconds(created), source, "")
                self.simulate_sales(lead)

        # Badge scans at the summit, typed in during the show.
        for _ in range(105):
            day = rng.choice(EVENT_DAYS)
            created = datetime(day.year, day.month, day.day, rng.randint(9, 17), rng.randrange(60), rng.randrange(60))
            lead = self.new_lead(created, "campaign", "CMP-06")
            self.simulate_marketing(lead, CHANNEL_MQL_RATE["events"])

        self.add_inbox()
        self.make_expansions(32)
        self.finish_leads()
        self.number_records()
        self.feature_people()
        self.copy_duplicates()
        self.override_probabilities()

    def add_inbox(self):
        """A dozen MQLs from the last two days nobody has touched yet: the Inbox's work this morning."""
        rng = self.rng
        ages = [timedelta(hours=h) for h in (44.5, 41.0, 30.2, 26.5, 23.9, 21.3, 18.75, 5.4)]
        ages += [timedelta(minutes=m) for m in (212, 134, 71, 18)]
        for i, age in enumerate(ages):
            mql = truncate_seconds(AS_OF - age + timedelta(seconds=rng.randrange(60)))
            created = mql - timedelta(minutes=rng.uniform(1, 25))
            campaign = self.pick_campaign(created) if i % 3 != 2 else None
            if campaign:
                lead = self.new_lead(truncate_seconds(created), "campaign", campaign[0])
            else:
                lead = self.new_lead(truncate_seconds(created), "inbound", "")
            lead.update({"stage": "mql", "mql_at": mql, "score": rng.randint(58, 96),
                         "owner": self.pick_sdr() if i % 2 == 0 and i < 10 else ""})

    def finish_leads(self):
        """Last touches, and the student leads' private addresses."""
        rng = self.rng
        for lead in self.leads:
            first = lead["first_touch_at"]
            if first is None:
                continue
            marks = [lead[k] for k in ("first_touch_at", "mql_at", "sal_at", "sql_at", "opportunity_at") if lead[k]]
            latest = max(marks)
            if lead["deal"]:
                latest = max([latest] + [e[1] for e in lead["deal"]["events"]])
            end = lead["closed_at"] or AS_OF
            if lead["closed_at"] is None and lead["stage"] in ("sal", "sql", "opportunity"):
                end = min(AS_OF, latest + timedelta(days=rng.uniform(0.5, 25)))
            elif lead["closed_at"] is None:
                end = min(AS_OF, latest + timedelta(days=rng.uniform(0, 6)))
            last = latest
            if end > latest:
                # a call or an e-mail on a working day between the last step and now (or the close)
                day = (latest + (end - latest) * rng.uniform(0.3, 1.0)).date()
                while day.weekday() >= 5:
                    day -= timedelta(days=1)
                moment = datetime(day.year, day.month, day.day, 8, 0, 0) + timedelta(seconds=rng.randint(0, 10 * 3600))
                if latest <= moment <= end:
                    last = moment
            if rng.random() < 0.18 and lead["stage"] not in ("opportunity", "won", "lost"):
                last = first  # a single call, nothing since
            lead["last_touch_at"] = truncate_seconds(max(last, first))
        for lead in self.leads:
            if lead["disqualify_reason"] == "Student or job seeker":
                first, last = lead["name"].split(" ", 1)
                lead["company"] = rng.choice(UNIVERSITIES)
                lead["email"] = f"{ascii_fold(first)}{ascii_fold(last)}{rng.randint(1, 99)}@{rng.choice(FREE_MAIL)}"

    def number_records(self):
        self.leads.sort(key=lambda l: (l["created_at"], l["name"]))
        for i, lead in enumerate(self.leads, 1):
            lead["lead_id"] = f"L-{i:05d}"
        self.deals.sort(key=lambda d: (d["created_at"], d["account"]))
        for i, deal in enumerate(self.deals, 1):
            deal["deal_id"] = f"D-{i:04d}"
        for lead in self.leads:
            if lead["deal"]:
                lead["deal_id"] = lead["deal"]["deal_id"]

    def feature_people(self):
        """Names every version of the sample should show: accents, a non-Latin script, quoted accounts."""
        rng = self.rng
        by_account = {a["name"]: a for a in self.accounts}

        def recast(lead, first, last, account_name=None):
            account = by_account[account_name] if account_name else lead["account"]
            name, email = self.identity(first, last, account)
            lead["name"], lead["email"], lead["company"], lead["account"] = name, email, account["name"], account
            if lead["deal"]:
                lead["deal"]["account"] = account["name"]

        def pick(stage, segment=None, used=()):
            pool = [l for l in self.leads if l["stage"] == stage and l["lead_id"] not in used
                    and l["disqualify_reason"] == "" and (segment is None or
                                                          l["account"]["segment"] == segment)]
            return pool[int(rng.random() * len(pool))]

        used = []

        def place(stage, first, last, account_name=None):
            segment = by_account[account_name]["segment"] if account_name else None
            lead = pick(stage, segment, used)
            if lead["deal"] and account_name:
                # the deal and the lead keep one owner: the new account's AE (same segment, same team)
                ae = by_account[account_name]["ae"]
                lead["deal"]["owner"] = ae
                lead["owner"] = ae
            recast(lead, first, last, account_name)
            used.append(lead["lead_id"])

        place("won", "José", "Álvarez")
        place("opportunity", "Łukasz", "Wójcik", "Hartley, Moss & Co")
        place("opportunity", "Haruki", "Sato", "株式会社サクラ")
        place("won", "Grace", "Whitfield", 'The "Blue" Door Ltd')
        place("lost", "Tom", "Baker", "Baker, Price and Partners")
        place("sql", "Amélie", "Moreau", "Café Lumière SARL")
        place("sal", "Klaus", "Müller", "Müller & Söhne GmbH")
        inbox = [l for l in self.leads if l["stage"] == "mql" and l["first_touch_at"] is None]
        for lead, (first, last, account) in zip(inbox, [("Zoë", "Brontë", '"Quill" Media Group'),
                                                         ("Misaki", "Tanaka", "株式会社サクラ"),
                                                         ("Ciarán", "O'Brien", "O'Brien Freight")]):
            recast(lead, first, last, account)

    def copy_duplicates(self):
        """A duplicate is the same person arriving twice: copy an earlier lead's identity."""
        rng = self.rng
        earlier = []
        for lead in self.leads:
            if lead["disqualify_reason"] == "Duplicate" and earlier:
                twin = earlier[int(rng.random() * len(earlier))]
                lead["name"], lead["email"], lead["company"] = twin["name"], twin["email"], twin["company"]
            elif lead["disqualify_reason"] != "Student or job seeker":
                earlier.append(lead)

    def override_probabilities(self):
        """A few reps read a deal differently from its stage's default and say so."""
        rng = Random(SEED + 1)  # its own stream, so this step leaves the rest of the company unchanged
        plain = [d for d in self.deals if d["stage"] in DEAL_OPEN and d["probability"] == ""]
        for deal in rng.sample(plain, 3):
            default = STAGE_PROBABILITY[deal["stage"]]
            deal["probability"] = max(5, min(95, default + rng.choice([-15, -10, 10, 15, 20])))

    # ------------------------------------------------------------ tables

    def lead_rows(self):
        rows = []
        for l in self.leads:
            rows.append([l["lead_id"], ts(l["created_at"]), l["name"], l["company"], l["email"], l["source"],
                         l["campaign_id"], l["stage"], l["owner"], l["score"], ts(l["first_touch_at"]),
                         ts(l["last_touch_at"]), ts(l["mql_at"]), ts(l["sal_at"]), ts(l["sql_at"]),
                         ts(l["opportunity_at"]), ts(l["closed_at"]), l["disqualify_reason"], l["deal_id"]])
        return rows

    def deal_rows(self):
        rows = []
        for d in self.deals:
            if d.get("expansion"):
                name = f"{d['account']} - Expansion: {d['product']}"
            else:
                name = f"{d['account']} - {d['product']}"
            rows.append([d["deal_id"], name, d["account"], d["owner"], d["stage"], money(d["amount"]),
                         ts(d["created_at"]), ds(d["close_date"]), d["lead"]["lead_id"] if d["lead"] else "",
                         d["probability"], d["product"]])
        return rows

    def history_rows(self):
        rows = []
        for d in self.deals:
            for stage, at in d["events"]:
                rows.append([d["deal_id"], stage, ts(at)])
        return rows

    def rep_rows(self):
        rows = []
        for rep, team, manager, region, role in self.reps:
            first, last = rep.split(" ", 1)
            rows.append([rep, team, manager, region, role, f"{ascii_fold(first)}.{ascii_fold(last)}@{BRAND_DOMAIN}",
                         ascii_fold(first)])
        return rows

    def quota_rows(self):
        rows = []
        team_of = {r[0]: r[1] for r in self.reps}
        team_totals = {}  # (team, metric) -> target, in first-seen order
        for month in QUOTA_MONTHS:
            factor = QUOTA_MONTH_FACTOR[month.month]
            for rep, target in AE_MONTHLY_QUOTA.items():
                value = int(round(target * factor / 5000.0) * 5000)
                rows.append([rep, ds(month), "month", "won_amount", value])
                key = (team_of[rep], "won_amount")
                team_totals[key] = team_totals.get(key, 0) + value
            for rep, target in SDR_MONTHLY_SALS.items():
                rows.append([rep, ds(month), "month", "sals", target])
                key = (team_of[rep], "sals")
                team_totals[key] = team_totals.get(key, 0) + target
            for rep, target in SDR_MONTHLY_SQLS.items():
                rows.append([rep, ds(month), "month", "sqls", target])
        # Team rows for the quarter; the Mid-Market team also counts deals.
        for (team, metric), total in team_totals.items():
            rows.append([team, "2026-10-01", "quarter", metric, total])
        rows.append(["Mid-Market", "2026-10-01", "quarter", "deals_won", 18])
        return rows

    def activity_rows(self):
        """Edits made in pipetop over the last two days, consistent with the files."""
        rng = self.rng
        login = {r[0]: ascii_fold(r[0].split(" ")[0]) for r in self.reps}
        since = AS_OF - timedelta(hours=48)
        candidates = []
        for l in self.leads:
            ft = l["first_touch_at"]
            if l["mql_at"] and ft and since <= ft <= AS_OF and l["owner"] in SDR_WEIGHT:
                candidates.append((ft, login[l["owner"]], "leads.csv", l["lead_id"], "first_touch_at", "", ts(ft)))
            if l["mql_at"] and l["sal_at"] and since <= l["sal_at"] <= AS_OF:
                sdr = l["owner"] if l["owner"] in SDR_WEIGHT else self.pick_sdr()
                candidates.append((l["sal_at"], login[sdr], "leads.csv", l["lead_id"], "stage", "mql", "sal"))
        for d in self.deals:
            for (old, _), (new, at) in zip(d["events"], d["events"][1:]):
                if since <= at <= AS_OF:
                    candidates.append((at, login[d["owner"]], "deals.csv", d["deal_id"], "stage", old, new))
        candidates.sort(key=lambda c: (c[0], c[3], c[4]))
        if len(candidates) > 22:
            keep = sorted(rng.sample(range(len(candidates)), 22))
            candidates = [candidates[i] for i in keep]
        return [[ts(c[0])] + list(c[1:]) for c in candidates]

    def mql_target(self):
        """Marketing's monthly MQL promise, set so November is running a little behind it."""
        november = sum(1 for l in self.leads if l["mql_at"] and month_key(l["mql_at"]) == (2026, 11))
        elapsed = (AS_OF - datetime(2026, 11, 1)).total_seconds() / (30 * 86400)
        return int(round(november / elapsed / 0.92 / 10.0) * 10)

    def settings_text(self):
        return f"""# Settings for the {BRAND} sample company.
# Written by scripts/make_seeds.py: edit the script and regenerate rather than editing by hand.

[data]
# The moment the data is seen from: "now" for every age, pace and SLA clock.
as_of = "{ts(AS_OF)}"
# Timestamps without a zone in the CSV files are read in this zone.
time_zone = "{TIME_ZONE}"
# How dates are written in the files: "iso" means 2026-11-03 and 2026-11-03T14:05:00.
date_format = "iso"
# The month the fiscal year starts in (1 = January), so quarters are calendar quarters.
fiscal_year_start = 1

[sla]
# Marketing's promise: marketing-qualified leads delivered per month.
mql_target_per_month = {self.mql_target()}
# Sales' promise: every new MQL touched within this many hours.
first_touch_hours = {SLA_FIRST_TOUCH_HOURS}
# The stricter mark for a fast touch, shown beside the SLA.
fast_touch_hours = {SLA_FAST_TOUCH_HOURS}
# An open deal with no stage change for longer than this many days is stale.
stale_days = {STALE_DAYS}

[deal_stages]
# Open deal stages, in order; won and lost close a deal.
open = [{", ".join(f'"{s}"' for s in DEAL_OPEN)}]
# Default win probability (percent) per open stage, used when a deal has no probability of its own.
probabilities = {{ {", ".join(f"{k} = {v}" for k, v in STAGE_PROBABILITY.items())} }}

[sources]
# Lead sources that count as sales-generated; campaign and inbound are marketing's.
sales = [{", ".join(f'"{s}"' for s in SALES_SOURCES)}]

[stages]
# The reasons offered when a lead is disqualified.
disqualify_reasons = [{", ".join(f'"{s}"' for s in DISQUALIFY_REASONS)}]

[display]
# Colour theme: one of the files in themes/ (dark, light, high-contrast, colorblind, mono).
theme = "dark"
"""

    def readme_text(self, counts):
        stages = ", ".join(f"{s} {counts.get(s, 0)}" for s in LEAD_STAGES)
        return f"""# Sample data: {BRAND}

{BRAND} sells revenue-analytics software to other businesses. This folder is
the company pipetop opens by default: six months of marketing campaigns, the
leads they and the sales team brought in, the deals those became, the people
and their quotas for the fourth quarter of 2026, all seen from
**{ts(AS_OF)} {TIME_ZONE}** (`as_of` in `pipetop.toml`).

- `campaigns.csv`: {len(self.campaign_rows)} campaigns over print, content, social, ppc, email and
  events; finished, running and one planned for December.
- `reps.csv`: {len(self.reps)} people: the Enterprise and Mid-Market account executives, the
  Lead Development reps who qualify leads, their managers and two marketers.
- `leads.csv`: {len(self.leads)} leads ({stages}).
  About a dozen fresh MQLs have not been touched yet: the Inbox's work this morning.
- `deals.csv`: {len(self.deals)} deals, from leads and from expansions with existing customers;
  `stage_history.csv` holds every deal's stage changes.
- `quotas.csv`: monthly quotas for October to December 2026 and team quotas for the quarter.
- `activity.csv`: edits made in pipetop over the last two days.

Every name, company and number is invented. The files are written by a script
with a fixed random seed, so they are the same on every run. To regenerate, and
to check them:

    python3 scripts/make_seeds.py
    python3 scripts/make_seeds.py --check
"""

    def files(self):
        counts = {}
        for l in self.leads:
            counts[l["stage"]] = counts.get(l["stage"], 0) + 1
        return [
            ("campaigns.csv", csv_bytes(HEADERS["campaigns.csv"], self.campaign_rows)),
            ("reps.csv", csv_bytes(HEADERS["reps.csv"], self.rep_rows())),
            ("leads.csv", csv_bytes(HEADERS["leads.csv"], self.lead_rows())),
            ("deals.csv", csv_bytes(HEADERS["deals.csv"], self.deal_rows())),
            ("stage_history.csv", csv_bytes(HEADERS["stage_history.csv"], self.history_rows())),
            ("quotas.csv", csv_bytes(HEADERS["quotas.csv"], self.quota_rows())),
            ("activity.csv", csv_bytes(HEADERS["activity.csv"], self.activity_rows())),
            ("pipetop.toml", self.settings_text().encode("utf-8")),
            ("README.md", self.readme_text(counts).encode("utf-8")),
        ]


def write(out_dir):
    world = SeedWorld()
    world.build()
    os.makedirs(out_dir, exist_ok=True)
    for name, data in world.files():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    print(f"wrote {out_dir}: {len(world.leads)} leads, {len(world.deals)} deals")


# ================================================================ --check

class Check:
    def __init__(self, folder):
        self.folder = folder
        self.problems = []

    def fail(self, message):
        self.problems.append(message)

    def expect(self, condition, message):
        if not condition:
            self.fail(message)
        return condition

    def table(self, name):
        path = os.path.join(self.folder, name)
        with open(path, "rb") as f:
            raw = f.read()
        self.expect(not raw.startswith(b"\xef\xbb\xbf"), f"{name}: starts with a byte-order mark")
        self.expect(b"\r" not in raw, f"{name}: has CR line ends")
        self.expect(raw.endswith(b"\n"), f"{name}: last line has no line end")
        text = raw.decode("utf-8")
        rows = list(csv.reader(text.splitlines(keepends=True)))
        header, body = rows[0], rows[1:]
        self.expect(header == HEADERS[name], f"{name}: header {header} is not {HEADERS[name]}")
        # Quoting is minimal: writing the parsed rows again gives the same bytes.
        self.expect(csv_bytes(header, body) == raw, f"{name}: quoting is not minimal RFC 4180")
        kept = []
        for i, row in enumerate(body, 2):
            if not self.expect(len(row) == len(header), f"{name}:{i}: {len(row)} fields, header has {len(header)}"):
                continue
            record = dict(zip(header, row))
            if all(self.well_formed(name, i, column, value) for column, value in record.items()):
                kept.append(record)
        return kept

    def well_formed(self, name, line, column, value):
        """Each typed cell is empty or in the one layout the seeds use; a bad cell drops its row."""
        for columns, pattern, kind in ((TIMESTAMP_COLUMNS, TIMESTAMP_PATTERN, "an ISO timestamp"),
                                       (DATE_COLUMNS, DATE_PATTERN, "an ISO date"),
                                       (MONEY_COLUMNS, MONEY_PATTERN, "a plain money amount"),
                                       (NUMBER_COLUMNS, NUMBER_PATTERN, "a whole number")):
            if value and column in columns:
                try:
                    valid = pattern.fullmatch(value) is not None
                    if valid and columns is TIMESTAMP_COLUMNS:
                        self.when(value)
                    elif valid and columns is DATE_COLUMNS:
                        self.day(value)
                except ValueError:
                    valid = False
                if not valid:
                    self.fail(f"{name}:{line}: {column} {value!r} is not {kind}")
                    return False
        return True

    @staticmethod
    def when(text):
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S") if text else None

    @staticmethod
    def day(text):
        return datetime.strptime(text, "%Y-%m-%d").date() if text else None

    def unique(self, name, rows, key):
        values = [r[key] for r in rows]
        self.expect(len(values) == len(set(values)), f"{name}: {key} not unique")
        return {r[key]: r for r in rows}

    def run(self):
        campaigns = self.table("campaigns.csv")
        reps = self.table("reps.csv")
        leads = self.table("leads.csv")
        deals = self.table("deals.csv")
        history = self.table("stage_history.csv")
        quotas = self.table("quotas.csv")
        activity = self.table("activity.csv")

        campaign_by_id = self.unique("campaigns.csv", campaigns, "campaign_id")
        rep_by_name = self.unique("reps.csv", reps, "rep")
        lead_by_id = self.unique("leads.csv", leads, "lead_id")
        deal_by_id = self.unique("deals.csv", deals, "deal_id")
        self.unique("reps.csv", reps, "login")
        role = {r["rep"]: r["role"] for r in reps}
        teams = []
        for r in reps:
            if r["team"] not in teams:
                teams.append(r["team"])

        self.check_reps(reps, rep_by_name)
        self.check_campaigns(campaigns, role)
        self.check_leads(leads, campaign_by_id, deal_by_id, role)
        self.check_deals(deals, lead_by_id, role)
        self.check_history(history, deal_by_id)
        self.check_quotas(quotas, role, teams)
        self.check_activity(activity, lead_by_id, deal_by_id, reps, history)
        self.check_settings()
        return leads, deals, quotas

    def check_reps(self, reps, rep_by_name):
        for r in reps:
            self.expect(r["role"] in ("ae", "sdr", "manager", "marketing"), f"rep {r['rep']}: role {r['role']}")
            self.expect(r["manager"] == "" or r["manager"] in rep_by_name, f"rep {r['rep']}: unknown manager")
            self.expect(r["login"] == r["login"].lower() and r["rep"].lower().startswith(r["login"]),
                        f"rep {r['rep']}: login {r['login']}")
        self.expect(len({r["team"] for r in reps if r["role"] != "marketing"}) in (2, 3), "reps: 2-3 sales teams")

    def check_campaigns(self, campaigns, role):
        channels = set()
        for c in campaigns:
            channels.add(c["channel"])
            self.expect(c["channel"] in CHANNELS, f"campaign {c['campaign_id']}: channel {c['channel']}")
            self.expect(role.get(c["owner"]) == "marketing", f"campaign {c['campaign_id']}: owner not in marketing")
            start, end = self.day(c["start"]), self.day(c["end"])
            self.expect(end is None or start <= end, f"campaign {c['campaign_id']}: ends before it starts")
            if start > AS_OF.date():
                self.expect(float(c["spend"]) == 0, f"campaign {c['campaign_id']}: planned but has spend")
            if c["impressions"] and c["clicks"]:
                self.expect(int(c["clicks"]) <= int(c["impressions"]), f"campaign {c['campaign_id']}: clicks > impressions")
            for key in ("budget", "spend"):
                self.expect(c[key] == money(float(c[key])), f"campaign {c['campaign_id']}: {key} not plain money")
        self.expect(channels == set(CHANNELS), f"campaigns: channels {sorted(channels)}")
        self.expect(any(self.day(c["start"]) > AS_OF.date() for c in campaigns), "campaigns: none planned")

    def check_leads(self, leads, campaign_by_id, deal_by_id, role):
        stamps = ["mql_at", "sal_at", "sql_at", "opportunity_at", "closed_at"]
        stages = set()
        previous = None
        for l in leads:
            lid = l["lead_id"]
            stage = l["stage"]
            stages.add(stage)
            self.expect(stage in LEAD_STAGES, f"{lid}: stage {stage}")
            created = self.when(l["created_at"])
            self.expect(WINDOW_START <= created <= AS_OF, f"{lid}: created outside the six months")
            if previous:
                self.expect(previous <= created, f"{lid}: ids not in creation order")
            previous = created
            self.expect(0 <= int(l["score"]) <= 100, f"{lid}: score")
            times = [(k, self.when(l[k])) for k in stamps if l[k]]
            last = created
            for key, t in times:
                self.expect(t >= last, f"{lid}: {key} before an earlier stage")
                self.expect(t <= AS_OF, f"{lid}: {key} after as_of")
                last = t
            reached = {"lead": 0, "mql": 1, "sal": 2, "sql": 3, "opportunity": 4, "won": 5, "lost": 5}
            sales = l["source"] in SALES_SOURCES
            self.expect(l["source"] in SALES_SOURCES + ["campaign", "inbound"], f"{lid}: source {l['source']}")
            if sales:
                self.expect(not l["mql_at"] and not l["campaign_id"], f"{lid}: sales-sourced lead with mql_at or campaign")
                self.expect(l["sal_at"] or l["sql_at"], f"{lid}: sales-sourced lead enters at neither SAL nor SQL")
                entry = l["sal_at"] or l["sql_at"]
                self.expect(entry == l["created_at"], f"{lid}: sales-sourced lead enters later than created")
            if l["source"] == "campaign":
                c = campaign_by_id.get(l["campaign_id"])
                if self.expect(c is not None, f"{lid}: campaign {l['campaign_id']} missing"):
                    start, end = self.day(c["start"]), self.day(c["end"])
                    self.expect(start <= created.date() and (end is None or created.date() <= end),
                                f"{lid}: created outside its campaign's dates")
            else:
                self.expect(l["campaign_id"] == "", f"{lid}: campaign_id on a non-campaign lead")
            if stage in reached:
                k = reached[stage]
                for i, key in enumerate(["mql_at", "sal_at", "sql_at", "opportunity_at"], 1):
                    if i > k:
                        self.expect(not l[key], f"{lid}: {stage} lead has {key}")
                if k >= 1 and not sales:
                    self.expect(l["mql_at"], f"{lid}: {stage} lead without mql_at")
                if k >= 4:
                    self.expect(l["opportunity_at"], f"{lid}: {stage} lead without opportunity_at")
                self.expect(bool(l["closed_at"]) == (stage in ("won", "lost")), f"{lid}: closed_at vs stage {stage}")
            else:
                self.expect(l["closed_at"], f"{lid}: {stage} without closed_at")
            self.expect(bool(l["disqualify_reason"]) == (stage == "disqualified"), f"{lid}: disqualify_reason")
            if l["disqualify_reason"]:
                self.expect(l["disqualify_reason"] in DISQUALIFY_REASONS, f"{lid}: reason {l['disqualify_reason']}")
            self.expect(bool(l["deal_id"]) == (stage in ("opportunity", "won", "lost")), f"{lid}: deal_id vs stage")
            if l["deal_id"]:
                d = deal_by_id.get(l["deal_id"])
                if self.expect(d is not None, f"{lid}: deal {l['deal_id']} missing"):
                    self.expect(d["lead_id"] == lid, f"{lid}: its deal points elsewhere")
                    self.expect(self.when(d["created_at"]) > self.when(l["opportunity_at"]),
                                f"{lid}: deal created before the opportunity")
                    self.expect(d["account"] == l["company"] and d["owner"] == l["owner"], f"{lid}: deal account/owner")
                    expected = {"won": "won", "lost": "lost"}.get(d["stage"], "opportunity")
                    self.expect(stage == expected, f"{lid}: stage {stage} but deal is {d['stage']}")
                    if stage in ("won", "lost"):
                        self.expect(self.when(l["closed_at"]).date() == self.day(d["close_date"]),
                                    f"{lid}: closed_at differs from the deal's close date")
            # owners
            owner = l["owner"]
            if owner:
                self.expect(owner in role, f"{lid}: owner {owner} not a rep")
            if stage in ("sal", "sql"):
                self.expect(role.get(owner) == "sdr", f"{lid}: {stage} not owned by an SDR")
            if stage in ("opportunity", "won", "lost"):
                self.expect(role.get(owner) == "ae", f"{lid}: {stage} not owned by an AE")
            if stage == "lead":
                self.expect(owner == "", f"{lid}: lead-stage owner")
            # touches
            first, lastt = self.when(l["first_touch_at"]), self.when(l["last_touch_at"])
            self.expect(bool(first) == bool(lastt), f"{lid}: first and last touch go together")
            if first:
                self.expect(lastt >= first and lastt <= AS_OF, f"{lid}: last touch before first or after as_of")
                start = self.when(l["mql_at"]) or created
                self.expect(first >= start, f"{lid}: touched before the SLA clock started")
                for key in ("sal_at", "sql_at"):
                    if l[key] and not sales:
                        self.expect(self.when(l[key]) >= first, f"{lid}: {key} before the first touch")
            elif stage not in ("lead", "disqualified", "mql"):
                self.fail(f"{lid}: {stage} lead never touched")
        self.expect(stages == set(LEAD_STAGES), f"leads: stages present {sorted(stages)}")

    def check_deals(self, deals, lead_by_id, role):
        stages = set()
        for d in deals:
            did = d["deal_id"]
            stages.add(d["stage"])
            self.expect(d["stage"] in DEAL_STAGES, f"{did}: stage {d['stage']}")
            self.expect(role.get(d["owner"]) == "ae", f"{did}: owner {d['owner']} is not an AE")
            amount = float(d["amount"])
            self.expect(5000 <= amount <= 120000 and d["amount"] == money(amount), f"{did}: amount {d['amount']}")
            created = self.when(d["created_at"])
            close = self.day(d["close_date"])
            self.expect(created <= AS_OF, f"{did}: created after as_of")
            self.expect(close >= created.date(), f"{did}: closes before it was created")
            if d["stage"] in ("won", "lost"):
                self.expect(close <= AS_OF.date(), f"{did}: closed in the future")
                self.expect(d["probability"] == "", f"{did}: probability on a closed deal")
            if d["probability"]:
                self.expect(0 <= int(d["probability"]) <= 100, f"{did}: probability")
            if d["lead_id"]:
                lead = lead_by_id.get(d["lead_id"])
                if self.expect(lead is not None, f"{did}: lead {d['lead_id']} missing"):
                    self.expect(lead["deal_id"] == did, f"{did}: its lead points elsewhere")
            self.expect(d["product"] in PRODUCTS, f"{did}: product {d['product']}")
        self.expect(stages == set(DEAL_STAGES), f"deals: stages present {sorted(stages)}")

    def check_history(self, history, deal_by_id):
        by_deal = {}
        for h in history:
            if self.expect(h["deal_id"] in deal_by_id, f"stage_history: unknown deal {h['deal_id']}"):
                by_deal.setdefault(h["deal_id"], []).append(h)
        for did, d in deal_by_id.items():
            steps = by_deal.get(did, [])
            if not self.expect(steps, f"{did}: no stage history"):
                continue
            self.expect(steps[0]["at"] == d["created_at"], f"{did}: history does not start at created_at")
            self.expect(steps[-1]["stage"] == d["stage"], f"{did}: history ends at {steps[-1]['stage']}")
            times = [self.when(s["at"]) for s in steps]
            self.expect(all(a < b for a, b in zip(times, times[1:])), f"{did}: history out of order")
            self.expect(times[-1] <= AS_OF, f"{did}: history after as_of")
            order = [DEAL_STAGES.index(s["stage"]) for s in steps]
            self.expect(all(a < b for a, b in zip(order, order[1:])), f"{did}: history goes backwards")
            if d["stage"] in ("won", "lost"):
                self.expect(times[-1].date() == self.day(d["close_date"]), f"{did}: history close differs")

    def check_quotas(self, quotas, role, teams):
        seen = set()
        for q in quotas:
            who = q["owner"]
            self.expect(who in role or who in teams, f"quota owner {who} unknown")
            self.expect(q["period"] in ("month", "quarter") and q["metric"] in METRICS, f"quota {q}")
            start = self.day(q["period_start"])
            self.expect(start.day == 1 and (q["period"] == "month" or start.month in (1, 4, 7, 10)),
                        f"quota {who}: period_start {start}")
            key = (who, q["period_start"], q["period"], q["metric"])
            self.expect(key not in seen, f"quota {key} twice")
            seen.add(key)
            if who in role and q["metric"] == "won_amount":
                self.expect(role[who] == "ae" and 40000 <= int(q["target"]) <= 100000, f"quota {who}: {q['target']}")

    def check_activity(self, activity, lead_by_id, deal_by_id, reps, history):
        logins = {r["login"] for r in reps}
        changes = set()
        for h in history:
            changes.add((h["deal_id"], h["stage"], h["at"]))
        previous = None
        for a in activity:
            at = self.when(a["at"])
            self.expect(AS_OF - timedelta(days=2) <= at <= AS_OF, f"activity at {a['at']} outside the last two days")
            if previous:
                self.expect(previous <= at, "activity not in time order")
            previous = at
            self.expect(a["user"] in logins, f"activity user {a['user']}")
            records = lead_by_id if a["file"] == "leads.csv" else deal_by_id
            rec = records.get(a["record"])
            if not self.expect(rec is not None, f"activity record {a['record']} missing"):
                continue
            if a["field"] == "first_touch_at":
                self.expect(rec["first_touch_at"] == a["new"] == a["at"], f"activity {a['record']}: touch differs")
            elif a["file"] == "leads.csv" and a["new"] == "sal":
                self.expect(rec["sal_at"] == a["at"], f"activity {a['record']}: accept time differs")
            elif a["file"] == "deals.csv":
                self.expect((a["record"], a["new"], a["at"]) in changes and (a["record"], a["old"]) in
                            {(c[0], c[1]) for c in changes}, f"activity {a['record']}: not in stage_history")

    def check_settings(self):
        with open(os.path.join(self.folder, "pipetop.toml"), "rb") as f:
            text = f.read().decode("utf-8")
        self.expect(f'as_of = "{ts(AS_OF)}"' in text, "pipetop.toml: as_of")
        self.expect("\r" not in text, "pipetop.toml: CR line ends")


def report(folder):
    check = Check(folder)
    leads, deals, quotas = check.run()
    counts = {s: 0 for s in LEAD_STAGES}
    for l in leads:
        counts[l["stage"]] = counts.get(l["stage"], 0) + 1
    print("leads per stage: " + ", ".join(f"{s} {n}" for s, n in counts.items()) + f" (total {len(leads)})")
    sources = {}
    for l in leads:
        sources[l["source"]] = sources.get(l["source"], 0) + 1
    print("leads per source: " + ", ".join(f"{s} {n}" for s, n in sorted(sources.items())))
    deal_counts = {s: 0 for s in DEAL_STAGES}
    for d in deals:
        deal_counts[d["stage"]] += 1
    stale = 0
    slipped = 0
    history = {}
    with open(os.path.join(folder, "stage_history.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            history[row["deal_id"]] = row["at"]
    for d in deals:
        if d["stage"] in DEAL_OPEN:
            if AS_OF - Check.when(history[d["deal_id"]]) > timedelta(days=STALE_DAYS):
                stale += 1
            if Check.day(d["close_date"]) < AS_OF.date():
                slipped += 1
    print("deals per stage: " + ", ".join(f"{s} {n}" for s, n in deal_counts.items())
          + f" (total {len(deals)}, {sum(1 for d in deals if not d['lead_id'])} expansions,"
          f" {stale} open deals stale > {STALE_DAYS} days, {slipped} past their close date)")

    untouched = [l for l in leads if l["stage"] == "mql" and not l["first_touch_at"]]
    overdue = [l for l in untouched if AS_OF - Check.when(l["mql_at"]) > timedelta(hours=SLA_FIRST_TOUCH_HOURS)]
    print(f"inbox: {len(untouched)} untouched MQLs, {len(overdue)} past the {SLA_FIRST_TOUCH_HOURS}-hour SLA")
    delays = sorted((Check.when(l["first_touch_at"]) - Check.when(l["mql_at"])).total_seconds() / 3600
                    for l in leads if l["mql_at"] and l["first_touch_at"])
    if delays:
        fast = sum(1 for d in delays if d <= SLA_FAST_TOUCH_HOURS) / len(delays)
        within = sum(1 for d in delays if d <= SLA_FIRST_TOUCH_HOURS) / len(delays)
        print(f"first touch: median {delays[len(delays) // 2]:.1f} h, p90 {delays[int(len(delays) * 0.9)]:.1f} h,"
              f" {fast:.0%} within 1 h, {within:.0%} within {SLA_FIRST_TOUCH_HOURS} h")
    months = {}
    for l in leads:
        if l["mql_at"]:
            key = l["mql_at"][:7]
            months[key] = months.get(key, 0) + 1
    print("MQLs per month: " + ", ".join(f"{k} {v}" for k, v in sorted(months.items())))

    month_share = (AS_OF - datetime(2026, 11, 1)).total_seconds() / (30 * 86400)
    print(f"won amount and counts against monthly quotas (November {month_share:.0%} elapsed, October complete):")
    for period, label in (("2026-11", "2026-11-01"), ("2026-10", "2026-10-01")):
        for q in quotas:
            if q["metric"] != "won_amount" or q["period"] != "month" or q["period_start"] != label:
                continue
            won = [float(d["amount"]) for d in deals
                   if d["owner"] == q["owner"] and d["stage"] == "won" and d["close_date"].startswith(period)]
            target = float(q["target"])
            share = month_share if period == "2026-11" else 1.0
            print(f"  {period} {q['owner']:<16} won {sum(won):>10.2f} in {len(won):>2} deals, quota {target:>9.0f},"
                  f" attainment {sum(won) / target:>5.0%}, pace {sum(won) / target / share:>4.2f}")
    for period, label in (("2026-11", "2026-11-01"), ("2026-10", "2026-10-01")):
        for q in quotas:
            if q["metric"] not in ("sals", "sqls") or q["period"] != "month" or q["period_start"] != label:
                continue
            field = "sal_at" if q["metric"] == "sals" else "sql_at"
            n = sum(1 for l in leads if l["owner"] == q["owner"] and l[field].startswith(period))
            print(f"  {period} {q['owner']:<16} {q['metric']} {n:>3} of {q['target']}")
    total = 0
    print("file sizes:")
    for name in sorted(os.listdir(folder)):
        size = os.path.getsize(os.path.join(folder, name))
        total += size
        print(f"  {name:<18} {size:>8} bytes")
    print(f"  {'total':<18} {total:>8} bytes")
    check.expect(total < 1_500_000, "seeds: more than 1.5 MB")
    if check.problems:
        for p in check.problems[:60]:
            print("PROBLEM: " + p)
        print(f"{len(check.problems)} problems")
        return 1
    print("check passed")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out", default=os.path.join(root, "seeds"), help="the folder to write (default: seeds/)")
    parser.add_argument("--check", action="store_true", help="verify the files in the folder instead of writing")
    args = parser.parse_args()
    if args.check:
        return report(args.out)
    write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
