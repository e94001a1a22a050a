import Foundation

/// How one data file fared in the last load.
public struct FileStatus: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Read; its rows are in the snapshot (some may have been left out: see the counts).
        case ok
        /// Not in the folder.
        case missing
        /// Could not be read as a whole; the last good rows (if any) are still shown.
        case failed
    }
    public var table: String
    public var file: String
    public var state: State
    public var rows: Int
    public var errors: Int
    public var warnings: Int
    /// The first error, for a header or pane to show.
    public var firstProblem: Diagnostic?
    /// True when the rows shown come from an earlier, good read of the file.
    public var showingLastGood: Bool
    /// Whether the file is one the data folder is expected to have.
    public var expected: Bool
    /// Rows of the file left out of the numbers: for a bad cell, a wrong number of cells, a stray
    /// quote or a repeated id when read, an unknown stage or owner when linked. Messages about
    /// one value are summed up after a few, so their count is not this.
    public var leftOut = 0
}

/// One immutable, consistent view of a whole data folder. A reload builds a new one off the UI thread
/// and swaps it in whole.
public struct Snapshot: Sendable {
    public let folder: URL
    public let settings: Settings
    /// The moment the numbers are computed for: the settings' `as_of`, or the time of the load
    /// (moved on by `advanced(to:)` while nothing changes).
    public private(set) var asOf: Int64
    public let campaigns: [Campaign]
    public internal(set) var leads: Leads
    public let deals: Deals
    public let reps: [Rep]
    public let quotas: [Quota]
    public let history: StageHistory
    public let activity: [ActivityEntry]
    public let files: [FileStatus]
    /// Every problem found, settings first, then file by file.
    public let diagnostics: [Diagnostic]
    /// Counts up with every load, so views can tell a new snapshot from an old one.
    public let generation: Int

    public let leadIndex: TextIndex
    public let dealIndex: TextIndex
    public let repIndex: [String: Int]
    public let campaignIndex: [String: Int]
    /// Team names in file order.
    public let teams: [String]

    /// The raw tables, kept so a reload can reuse the files that did not change.
    let tables: [String: LoadedTable]
    /// The names of the files this load read or looked for (the settings file and each table's),
    /// as a change to them is named: a change to any other file in the folder needs no reload.
    public internal(set) var sourceFiles: Set<String> = []
    /// The settings file as the settings shown were read from it: a file that was whole and then
    /// is gone or cut short is taken for one being saved, and these settings stay.
    var settingsShape: SettingsFileShape = .absent
    /// The settings shown are the last good ones while the file is gone or being saved: writes
    /// wait, since the file's own (read_only, say) are not known.
    public internal(set) var settingsHeld = false
    /// Held for a file written moments ago that ends mid-line: read it again shortly, when it
    /// counts as saved even without a final line break.
    public internal(set) var settingsSettling = false
    /// The files held as being written that count as saved once left alone a moment (the
    /// settings file among them): a screen reads them again shortly.
    public internal(set) var settlingFiles: Set<String> = []

    /// The same data seen at a later moment: SLA clocks and periods follow the time of day on a
    /// screen left open when no file changes.
    public func advanced(to moment: Int64) -> Snapshot {
        guard moment != asOf else { return self }
        var later = self
        later.asOf = moment
        later.leads.replay(at: moment)
        return later
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func status(of table: String) -> FileStatus? { files.first { $0.table == table } }

    public func rep(named name: String) -> Rep? { repIndex[name].map { reps[$0] } }

    /// The rep whose login, name or email matches, for `--user`.
    public func rep(matchingUser user: String) -> Rep? {
        firstMatchingUser(user, in: reps, login: \.login, name: \.name, email: \.email)
    }
}
