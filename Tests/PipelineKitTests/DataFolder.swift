import Foundation
@testable import PipelineKit

/// A small valid data folder in a temporary directory, for tests that break one thing at a time.
struct DataFolder {
    let url: URL

    static let files: [String: String] = [
        "pipetop.toml": """
        [data]
        as_of = "2026-11-26T10:30:00"
        time_zone = "UTC"
        """,
        "campaigns.csv": """
        campaign_id,name,channel,owner,start,end,budget,spend
        C1,Spring webinar,events,Mia,2026-09-01,2026-12-31,10000,4000
        C2,"Search, brand",ppc,Mia,2026-10-01,,5000,2500

        """,
        "reps.csv": """
        rep,team,manager,region,role,email,login
        Ana Ruiz,Enterprise,Kim Lee,West,ae,ana@example.com,ana
        Ben Cole,Enterprise,Kim Lee,West,sdr,ben@example.com,ben
        Kim Lee,Enterprise,,West,manager,kim@example.com,kim

        """,
        "leads.csv": """
        lead_id,created_at,name,company,email,source,campaign_id,stage,owner,score,first_touch_at,mql_at,sal_at,sql_at,opportunity_at,closed_at,disqualify_reason,deal_id
        L1,2026-11-02T09:00:00,Jo Park,"Acme, Inc",jo@acme.test,campaign,C1,won,Ana Ruiz,80,2026-11-02T10:00:00,2026-11-02T09:30:00,2026-11-02T11:00:00,2026-11-03T09:00:00,2026-11-04T09:00:00,2026-11-20T09:00:00,,D1
        L2,2026-11-10T09:00:00,Sam Roe,Globex,sam@globex.test,cold_call,,sal,Ben Cole,40,2026-11-10T09:05:00,,2026-11-10T09:00:00,,,,,
        L3,2026-11-25T08:00:00,Li Wu,Initech,li@initech.test,campaign,C2,mql,,60,,2026-11-25T08:00:00,,,,,,

        """,
        "deals.csv": """
        deal_id,name,account,owner,stage,amount,created_at,close_date,lead_id,probability
        D1,Acme platform,"Acme, Inc",Ana Ruiz,won,12000,2026-11-04T09:00:00,2026-11-20,L1,
        D2,Globex pilot,Globex,Ana Ruiz,proposal,8000,2026-11-12T09:00:00,2026-12-15,,

        """,
        "quotas.csv": """
        owner,period_start,period,metric,target
        Ana Ruiz,2026-11-01,month,won_amount,20000
        Ben Cole,2026-11-01,month,sals,10

        """,
    ]

    init(overriding overrides: [String: String?] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var files = Self.files
        // A nil override leaves the file out.
        for (name, content) in overrides { files[name] = content }
        for (name, content) in files {
            try content.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func load() -> Snapshot { SnapshotLoader(folder: url).load(now: 1_795_696_200) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
