/// A person on the sales or marketing team, as listed in reps.csv.
public struct Rep: Sendable, Equatable {
    public var name: String
    public var team: String
    public var manager: String?
    public var region: String?
    /// ae, sdr, manager or marketing; nil when the file does not say.
    public var role: String?
    public var email: String?
    public var login: String?
    public var line: Int
}
