/// A marketing campaign. Few enough rows to keep as plain values.
public struct Campaign: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Index into the settings' channel vocabulary.
    public var channel: Int
    public var channelName: String
    public var owner: String?
    public var start: Int64
    /// `Missing.time` when open-ended.
    public var end: Int64
    public var budget: Double
    public var spend: Double
    public var impressions: Double
    public var clicks: Double
    public var line: Int

    /// planned, active or finished at a moment.
    public func status(at t: Int64) -> CampaignStatus {
        if t < start { return .planned }
        if end != Missing.time && t > end + 86_399 { return .finished }
        return .active
    }
}

public enum CampaignStatus: String, Sendable {
    case planned, active, finished
}
