import Foundation

/// What `pipetop.toml` says about a data folder: how its files write dates and numbers, the
/// words its stages and channels use, the SLA between the teams, and how to read exports whose
/// columns have other names. `Settings.defaults` is what a folder without the file gets.
public struct Settings: Sendable {
    /// The "now" of the dashboard, to replay old data; nil = the clock.
    public var asOf: Int64?
    /// The zone of times written without one, and of "today", "this month".
    public var timeZone: TimeZone
    public var dateFormat: DateFormat
    public var numberFormat: NumberFormat
    /// 1 = January ... 12 = December.
    public var fiscalYearStartMonth: Int
    /// When set, pipetop never writes to the folder.
    public var readOnly: Bool
    /// A named set of column mappings for a known export (e.g. `salesforce`), applied by the loader.
    public var preset: String?

    public var leadStages: Vocabulary
    public var dealStages: DealStages
    public var channels: Vocabulary
    public var sources: Vocabulary
    /// Source words (from `sources.words`) that sales finds itself; the others are marketing's.
    public var salesSources: Set<String>
    public var roles: Vocabulary
    public var metrics: Vocabulary
    public var periods: Vocabulary

    public var sla: SLASettings
    /// The choices offered when a rep disqualifies a lead.
    public var disqualifyReasons: [String]
    public var display: DisplaySettings
    /// How to read an export whose file or columns have other names, keyed by table name:
    /// campaigns, leads, deals, reps, quotas, stage_history, activity.
    public var tables: [String: TableMapping]

    public static let defaultDisqualifyReasons = [
        "No budget", "No need", "No authority", "Bad timing", "Chose a competitor",
        "Unresponsive", "Bad contact data", "Duplicate",
    ]

    public static let defaults = Settings(
        asOf: nil,
        timeZone: TimeZone(identifier: "UTC")!,
        dateFormat: .iso,
        numberFormat: .standard,
        fiscalYearStartMonth: 1,
        readOnly: false,
        preset: nil,
        leadStages: LeadStage.vocabulary,
        dealStages: DealStages(),
        channels: Channel.vocabulary,
        sources: LeadSource.vocabulary,
        salesSources: LeadSource.defaultSales,
        roles: RepRole.vocabulary,
        metrics: QuotaMetric.vocabulary,
        periods: QuotaPeriod.vocabulary,
        sla: SLASettings(),
        disqualifyReasons: defaultDisqualifyReasons,
        display: DisplaySettings(),
        tables: [:]
    )

    /// True when a source word (or alias) is one sales finds itself.
    public func isSalesSource(_ raw: String) -> Bool {
        sources.word(for: raw).map(salesSources.contains) ?? false
    }

    /// Where the settings file is when it is kept outside the data folder (`--settings`); table
    /// files given as paths are found from it. Nil: the data folder.
    public var settingsFolder: URL?
    /// The settings file given with `--settings`, named in messages about the settings; nil: the
    /// folder's pipetop.toml.
    public var settingsFile: URL?

    /// A table's file: a name in the data folder, a path (with a `/`) from the settings file's
    /// folder, or an absolute path, as the loader finds it.
    public func fileURL(of table: TableSchema, folder: URL) -> URL {
        SnapshotLoader.url(of: tables[table.name]?.file ?? table.defaultFile, folder: folder, settingsFolder: settingsFolder ?? folder)
    }

    /// How a table's file writes dates: its own `[tables.NAME]` format, else the folder's.
    public func dateFormat(of table: TableSchema) -> DateFormat {
        tables[table.name]?.dateFormat ?? dateFormat
    }
}

/// The deal pipeline: the open stages in order, then `won` and `lost`.
public struct DealStages: Sendable {
    /// Open stages, earliest first.
    public private(set) var open: [String]
    /// Percent chance of closing, 0-100, for every stage word (won is 100, lost 0).
    public private(set) var probabilities: [String: Double]
    /// open + won + lost, with aliases; an index into its words is a deal-stage code.
    public private(set) var vocabulary: Vocabulary

    /// The defaults: prospecting, qualification, proposal, negotiation (10, 25, 50, 75 %).
    public init() {
        self.init(open: DefaultDealStages.open, probabilities: [:], aliases: [:])
    }

    /// `open` without won and lost; probabilities in percent for some of them (the others get the
    /// built-in figure for a built-in stage name, or are spread evenly between 0 and 100 by
    /// position); aliases on top of the built-in ones whose stage is still in the list.
    public init(open: [String], probabilities: [String: Double], aliases: [String: String]) {
        let wonKey = normalizedKey(DefaultDealStages.won), lostKey = normalizedKey(DefaultDealStages.lost)
        var seen = Set<String>()
        let open = open.filter { seen.insert(normalizedKey($0)).inserted && normalizedKey($0) != wonKey && normalizedKey($0) != lostKey }
        self.open = open
        let base = Vocabulary(words: open + [DefaultDealStages.won, DefaultDealStages.lost],
                              aliases: DefaultDealStages.builtInAliases)
        self.vocabulary = base.adding(aliases: aliases)
        var p: [String: Double] = [DefaultDealStages.won: 100, DefaultDealStages.lost: 0]
        let given = Dictionary(probabilities.map { (normalizedKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        for (i, stage) in open.enumerated() {
            p[stage] = given[normalizedKey(stage)]
                ?? DefaultDealStages.probabilities[stage.lowercased()]
                ?? (Double(i + 1) * 100 / Double(open.count + 1)).rounded()
        }
        self.probabilities = p
    }

    public var wonIndex: Int { open.count }
    public var lostIndex: Int { open.count + 1 }
    public func isWon(_ index: Int) -> Bool { index == wonIndex }
    public func isLost(_ index: Int) -> Bool { index == lostIndex }
    public func isOpen(_ index: Int) -> Bool { index >= 0 && index < open.count }
    public func isClosed(_ index: Int) -> Bool { index == wonIndex || index == lostIndex }

    /// Percent chance of closing for a stage index.
    public func probability(_ index: Int) -> Double {
        guard index >= 0, index < vocabulary.words.count else { return 0 }
        return probabilities[vocabulary.words[index]] ?? 0
    }
}

/// Minutes of the day, `09:00-17:00` being 540..<1020.
public struct BusinessHours: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// The service-level agreement between marketing and sales.
public struct SLASettings: Sendable, Hashable {
    /// MQLs marketing promises a month; nil = no target set.
    public var mqlTargetPerMonth: Int?
    /// Sales promises a first touch within this many hours of a lead's creation.
    public var firstTouchHours: Double
    /// The "fast" figure shown beside it (leads touched within an hour qualify far more often).
    public var fastTouchHours: Double
    /// A deal with no change for more than this many days is stale.
    public var staleDays: Int
    /// When set, SLA clocks run only inside these hours, on `businessDays`.
    public var businessHours: BusinessHours?
    /// 1 = Monday ... 7 = Sunday; used only with `businessHours`.
    public var businessDays: Set<Int>

    public init(mqlTargetPerMonth: Int? = nil, firstTouchHours: Double = 4, fastTouchHours: Double = 1,
                staleDays: Int = 21, businessHours: BusinessHours? = nil, businessDays: Set<Int> = [1, 2, 3, 4, 5]) {
        self.mqlTargetPerMonth = mqlTargetPerMonth
        self.firstTouchHours = firstTouchHours
        self.fastTouchHours = fastTouchHours
        self.staleDays = staleDays
        self.businessHours = businessHours
        self.businessDays = businessDays
    }
}

public struct DisplaySettings: Sendable, Hashable {
    /// A theme name; nil = the default theme.
    public var theme: String?
    /// The pane to open on; nil = the default.
    public var view: String?
    /// Seconds per pane in the standup rotation.
    public var rotateSeconds: Int

    public init(theme: String? = nil, view: String? = nil, rotateSeconds: Int = 20) {
        self.theme = theme
        self.view = view
        self.rotateSeconds = rotateSeconds
    }
}

/// How one of pipetop's tables is read from an export that names things its own way.
public struct TableMapping: Sendable, Hashable {
    /// The file: a name in the data folder, or a path (with a `/`) from the settings file's folder
    /// or absolute; nil = the table's own name (`leads.csv`).
    public var file: String?
    /// The export has no such file (`file = false`): it is not asked for, and the panes that need
    /// it say what is missing.
    public var absent: Bool
    /// Our field -> the header in the file.
    public var columns: [String: String]
    /// Our field -> (raw value in the file -> our value), e.g. a CRM's stage names.
    public var values: [String: [String: String]]
    /// Overrides the folder's `date_format` / `number_format` for this file.
    public var dateFormat: DateFormat?
    public var numberFormat: NumberFormat?
    /// Our field -> the value every row gets, for a column the export lacks.
    public var fixed: [String: String]

    public init(file: String? = nil, columns: [String: String] = [:], values: [String: [String: String]] = [:],
                dateFormat: DateFormat? = nil, numberFormat: NumberFormat? = nil, fixed: [String: String] = [:],
                absent: Bool = false) {
        self.file = file
        self.absent = absent
        self.columns = columns
        self.values = values
        self.dateFormat = dateFormat
        self.numberFormat = numberFormat
        self.fixed = fixed
    }
}
