import Foundation

/// A built-in set of settings for a known export: which file is which table, which column is
/// which field, the export's stage names and date layout. A preset is settings text that the
/// folder's own `pipetop.toml` is laid over, so the folder's settings can change anything in it.
public struct Preset: Sendable {
    public let name: String
    /// One line for `pipetop init` and the docs.
    public let summary: String
    /// Whether a folder looks like this export (by its file names and headers).
    let recognises: @Sendable (ExportFolder) -> Bool
    /// The settings text for a folder, and notes on what it had to assume.
    let text: @Sendable (ExportFolder) -> (text: String, notes: [Diagnostic])

    public static let all: [Preset] = [salesforce, hubspot, mavenCRM]

    public static var names: [String] { all.map(\.name) }

    /// The preset of that name, matched like every word (`Maven_CRM` is `maven-crm`).
    public static func named(_ name: String) -> Preset? {
        all.first { normalizedKey($0.name) == normalizedKey(name) }
    }

    /// The preset whose export the folder looks like, if any.
    public static func recognised(in folder: URL) -> Preset? {
        let export = ExportFolder(url: folder)
        return all.first { $0.recognises(export) }
    }

    /// The preset's settings for a folder, as TOML text, with notes on what it assumed.
    public func settingsText(for folder: URL) -> (text: String, notes: [Diagnostic]) {
        text(ExportFolder(url: folder))
    }

    func settingsText(for export: ExportFolder) -> (text: String, notes: [Diagnostic]) {
        text(export)
    }

    /// The folder's files that the preset's settings read.
    func files(in export: ExportFolder) -> [String] {
        let settings = SettingsLoader.parse(text: text(export).text, fileName: "preset \(name)").0
        return Schemas.all.compactMap { schema in
            guard let mapping = settings.tables[schema.name], !mapping.absent, let file = mapping.file else { return nil }
            return export.files.contains(file) ? file : nil
        }
    }
}

// MARK: - Salesforce

extension Preset {
    /// Salesforce's default opportunity stages and their default probabilities.
    static let salesforceStages: [(String, Int)] = [
        ("Prospecting", 10), ("Qualification", 10), ("Needs Analysis", 20), ("Value Proposition", 50),
        ("Id. Decision Makers", 60), ("Perception Analysis", 70), ("Proposal/Price Quote", 75), ("Negotiation/Review", 90),
    ]

    /// The files of Salesforce's objects, with columns only that object's file has: a file renamed
    /// on the way (`Leads.CSV`, `crm-leads-2024.csv`) is still found.
    static let salesforceObjects: [(file: String, headers: [String])] = [
        ("Opportunity.csv", ["Id", "Name", "StageName"]),
        ("OpportunityHistory.csv", ["OpportunityId", "StageName", "CreatedDate"]),
        ("Lead.csv", ["Id", "Company", "Status", "LeadSource"]),
        ("CampaignMember.csv", ["CampaignId", "LeadId"]),
        ("Campaign.csv", ["Id", "Type", "StartDate", "BudgetedCost"]),
        ("User.csv", ["Id", "Username"]),
    ]

    /// Object exports (Data Loader, Data Export: API field names, ISO timestamps) and report
    /// exports (the same names, dates as `MM/DD/YY` and `MM/DD/YY hh:mm AM`), told apart by their dates.
    public static let salesforce = Preset(
        name: "salesforce",
        summary: "Salesforce object or report exports: Lead.csv, Opportunity.csv, OpportunityHistory.csv, Campaign.csv, User.csv",
        recognises: { export in
            let found = export.find(salesforceObjects)
            if let opportunities = found["Opportunity.csv"], export.headerCell(opportunities, "StageName") != nil { return true }
            guard let leads = found["Lead.csv"] else { return false }
            return ["Status", "LeadSource", "ConvertedOpportunityId"].allSatisfy { export.headerCell(leads, $0) != nil }
        },
        text: { export in
            let found = export.find(salesforceObjects)
            func file(_ name: String) -> String { found[name] ?? name }
            let lead = file("Lead.csv"), opportunity = file("Opportunity.csv"), history = file("OpportunityHistory.csv")
            let campaign = file("Campaign.csv"), user = file("User.csv"), members = file("CampaignMember.csv")
            var notes: [Diagnostic] = []
            // Which flavour: the dates say. Report exports write MM/DD/YY in a US org.
            var samples: [(value: String, line: Int)] = []
            var sampleFile = opportunity
            for (f, columns) in [(opportunity, ["CloseDate", "CreatedDate"]), (lead, ["CreatedDate", "ConvertedDate", "LastModifiedDate"]),
                                 (history, ["CreatedDate", "CloseDate"])] {
                let found = columns.flatMap { export.values(f, column: $0) }
                if samples.isEmpty, !found.isEmpty { sampleFile = f }
                samples += found
            }
            var dateLine = "# Dates: ISO (an object export)."
            switch DateEvidence.of(samples) {
            case .none, .iso:
                break
            case .monthFirst:
                dateLine = "# Dates: MM/DD/YY (a report export).\ndate_format = \"MM/DD/YY\""
            case .dayFirst:
                dateLine = "# Dates: DD/MM/YY (a report export from an org outside the US).\ndate_format = \"DD/MM/YY\""
            case .ambiguous(let example, let line):
                dateLine = "# Dates: MM/DD/YY (a report export), assumed.\ndate_format = \"MM/DD/YY\""
                notes.append(Diagnostic(file: sampleFile, line: line, severity: .warning,
                                        message: "dates such as \"\(example)\" could be month or day first: read month first, as Salesforce's US reports write them",
                                        suggestion: "set date_format = \"MM/DD/YY\" (or \"DD/MM/YY\") under [data] to say which"))
            case .conflicting:
                dateLine = "# Dates: MM/DD/YY (a report export).\ndate_format = \"MM/DD/YY\""
                notes.append(Diagnostic(file: sampleFile, severity: .warning,
                                        message: "some dates are only valid month first and others only day first: read month first",
                                        suggestion: "check the dates, and set date_format under [data]"))
            }
            let stages = salesforceStages.map { "\"\($0.0)\"" }.joined(separator: ", ")
            let probabilities = salesforceStages.map { "\"\($0.0)\" = \($0.1)" }.joined(separator: ", ")
            let text = """
            [data]
            \(dateLine)

            [deal_stages]
            open = [\(stages)]
            probabilities = { \(probabilities) }
            aliases = { "Discovery" = "Qualification", "Proposal/Quote" = "Proposal/Price Quote", "Quote" = "Proposal/Price Quote", "Negotiation" = "Negotiation/Review" }

            [channels]
            aliases = { "Banner Ads" = "ppc" }

            [tables.leads]
            file = "\(lead)"
            columns = { lead_id = "Id", created_at = "CreatedDate", name = "Name", company = "Company", email = "Email", source = "LeadSource", stage = "Status", owner = "OwnerId", last_touch_at = "LastActivityDate", opportunity_at = "ConvertedDate", deal_id = "ConvertedOpportunityId" }

            [tables.deals]
            file = "\(opportunity)"
            columns = { deal_id = "Id", name = "Name", account = "AccountId", owner = "OwnerId", stage = "StageName", amount = "Amount", created_at = "CreatedDate", close_date = "CloseDate", probability = "Probability" }

            [tables.stage_history]
            file = "\(history)"
            columns = { deal_id = "OpportunityId", stage = "StageName", at = "CreatedDate" }

            [tables.campaigns]
            file = "\(campaign)"
            columns = { campaign_id = "Id", name = "Name", channel = "Type", owner = "OwnerId", start = "StartDate", end = "EndDate", budget = "BudgetedCost", spend = "ActualCost" }

            [tables.campaign_members]
            file = "\(members)"
            columns = { lead_id = "LeadId", campaign_id = "CampaignId", added_at = "CreatedDate" }

            [tables.reps]
            file = "\(user)"
            columns = { rep = "Name", id = "Id", email = "Email", login = "Username", team = "Department" }
            fixed = { role = "ae" }

            """
            return (text, notes)
        }
    )
}

// MARK: - HubSpot

extension Preset {
    /// HubSpot's default sales pipeline and its default probabilities.
    static let hubspotStages: [(String, Int)] = [
        ("Appointment Scheduled", 20), ("Qualified To Buy", 40), ("Presentation Scheduled", 60),
        ("Decision Maker Bought-In", 80), ("Contract Sent", 90),
    ]

    /// The files the HubSpot preset finds by their headers, and the name it gives one it did not find.
    static let hubspotExports = [
        SoughtExport(table: "deals", what: "HubSpot deals export", headers: ["Record ID", "Deal Stage"], fallback: "deals.csv"),
        SoughtExport(table: "leads", what: "HubSpot contacts export", headers: ["Record ID", "Lifecycle Stage"], fallback: "contacts.csv"),
    ]

    /// HubSpot CRM exports: deals ("Record ID", "Deal Stage", "Amount", "Deal owner", "Create Date",
    /// "Close Date") and contacts ("Lifecycle Stage", "Became a Marketing Qualified Lead Date").
    /// HubSpot names export files after the view, so the files are found by their headers.
    public static let hubspot = Preset(
        name: "hubspot",
        summary: "HubSpot deal and contact exports, found by their headers (\"Deal Stage\", \"Lifecycle Stage\")",
        recognises: { export in
            hubspotExports.contains { export.file(withHeaders: $0.headers) != nil }
        },
        text: { export in
            let (deals, contacts) = (hubspotExports[0].file(in: export), hubspotExports[1].file(in: export))
            let stages = hubspotStages.map { "\"\($0.0)\"" }.joined(separator: ", ")
            let probabilities = hubspotStages.map { "\"\($0.0)\" = \($0.1)" }.joined(separator: ", ")
            let text = """
            [deal_stages]
            open = [\(stages)]
            probabilities = { \(probabilities) }

            [stages]
            aliases = { "Evangelist" = "won" }

            [sources]
            aliases = { "Organic Search" = "inbound", "Direct Traffic" = "inbound", "Referrals" = "referral", "Social Media" = "inbound", "Paid Search" = "campaign", "Paid Social" = "campaign", "Email Marketing" = "campaign", "Other Campaigns" = "campaign" }

            [tables.deals]
            file = "\(deals)"
            columns = { deal_id = "Record ID", name = "Deal Name", owner = "Deal owner", stage = "Deal Stage", amount = "Amount", created_at = "Create Date", close_date = "Close Date", probability = "Deal probability" }

            [tables.leads]
            file = "\(contacts)"
            columns = { lead_id = "Record ID", created_at = "Create Date", email = "Email", company = "Company Name", owner = "Contact owner", stage = "Lifecycle Stage", source = "Original Source", mql_at = "Became a Marketing Qualified Lead Date", sql_at = "Became a Sales Qualified Lead Date", opportunity_at = "Became an Opportunity Date", closed_at = "Became a Customer Date", last_touch_at = "Last Activity Date" }

            """
            return (text, [])
        }
    )
}

// MARK: - Maven CRM

extension Preset {
    /// The sample's files, with columns that tell each apart, for a copy whose files were renamed.
    static let mavenFiles: [(file: String, headers: [String])] = [
        ("sales_pipeline.csv", ["opportunity_id", "sales_agent", "deal_stage"]),
        ("sales_teams.csv", ["sales_agent", "manager", "regional_office"]),
        ("products.csv", ["product", "series", "sales_price"]),
    ]

    /// The Maven Analytics "CRM Sales Opportunities" sample: sales_pipeline.csv (deals),
    /// sales_teams.csv (reps with manager and regional office), products.csv. It has no leads,
    /// campaigns or quotas; open deals have no amount, and prospecting ones no dates.
    public static let mavenCRM = Preset(
        name: "maven-crm",
        summary: "the Maven Analytics CRM Sales Opportunities sample: sales_pipeline.csv, sales_teams.csv, products.csv",
        recognises: { export in
            guard let pipeline = export.find(mavenFiles)["sales_pipeline.csv"] else { return false }
            return export.headerCell(pipeline, "opportunity_id") != nil && export.headerCell(pipeline, "deal_stage") != nil
        },
        text: { export in
            let found = export.find(mavenFiles)
            func file(_ name: String) -> String { found[name] ?? name }
            let text = """
            [deal_stages]
            open = ["Prospecting", "Engaging"]

            [tables.deals]
            file = "\(file("sales_pipeline.csv"))"
            columns = { deal_id = "opportunity_id", owner = "sales_agent", product = "product", account = "account", stage = "deal_stage", created_at = "engage_date", close_date = "close_date", amount = "close_value" }

            [tables.reps]
            file = "\(file("sales_teams.csv"))"
            columns = { rep = "sales_agent", team = "manager", manager = "manager", region = "regional_office" }
            fixed = { role = "ae" }

            [tables.products]
            file = "\(file("products.csv"))"
            columns = { product = "product", series = "series", price = "sales_price" }

            [tables.leads]
            file = false

            [tables.campaigns]
            file = false

            """
            return (text, [])
        }
    )
}

/// A file a preset finds by its headers, since the export names it after something else (a
/// HubSpot view): what to ask for when no file has them.
public struct SoughtExport: Sendable {
    public let table: String
    /// The file in words, without an article: "HubSpot deals export".
    public let what: String
    public let headers: [String]
    /// The name the settings give the table when no file has the headers.
    public let fallback: String

    func file(in export: ExportFolder) -> String { export.file(withHeaders: headers) ?? fallback }
}

extension Preset {
    /// The file this preset looks for by its headers for `table`, if it finds that table so.
    public func soughtExport(for table: String) -> SoughtExport? {
        name == Preset.hubspot.name ? Preset.hubspotExports.first { $0.table == table } : nil
    }
}
