/// A line of figures above a pane's table: text in tones, and bars where a figure reads better drawn.
public struct SummaryLine: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case text(String, CellTone)
        case bar(BarValue, width: Int)
    }
    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }

    public init(_ text: String, _ tone: CellTone = .normal) { segments = [.text(text, tone)] }

    /// Plain text of the line, bars left out.
    public var text: String {
        segments.map { if case .text(let t, _) = $0 { return t } else { return "" } }.joined()
    }
}

extension SummaryLine.Segment {
    static func plain(_ s: String) -> Self { .text(s, .normal) }
    static func muted(_ s: String) -> Self { .text(s, .muted) }
}
