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

/// The rule `--user` follows to find a rep: the login first, then the name, then the e-mail,
/// ignoring case. One rule for the snapshot's reps and for the rep list read when writing.
func firstMatchingUser<T>(_ user: String, in items: [T], login: (T) -> String?, name: (T) -> String,
                          email: (T) -> String?) -> T? {
    let key = user.lowercased()
    return items.first { login($0)?.lowercased() == key } ?? items.first { name($0).lowercased() == key }
        ?? items.first { email($0)?.lowercased() == key }
}
