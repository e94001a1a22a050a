/// Where each pane goes for a terminal size. Three arrangements: every pane in a grid on a large
/// screen, a two-column grid on a medium one, one pane at a time with tabs on a small one; below the
/// minimum, only a message.
public struct Layout: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case large, medium, tabs, tooSmall }

    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var kind: Kind
    public var header: Rect
    /// The tab row, in the one-pane arrangement.
    public var tabs: Rect?
    public var panes: [PaneRect]
    public var footer: Rect
    /// The standup's row of big numbers.
    public var tiles: Rect?

    public struct PaneRect: Sendable, Equatable {
        public var pane: PaneID
        public var rect: Rect
    }

    public static func kind(width: Int, height: Int) -> Kind {
        if width < minimumWidth || height < minimumHeight { return .tooSmall }
        if width >= 160 && height >= 45 { return .large }
        if width >= 100 && height >= 30 { return .medium }
        return .tabs
    }

    public static func make(width: Int, height: Int, focus: PaneID, view: ViewKind = .dashboard) -> Layout {
        let kind = kind(width: width, height: height)
        if view != .dashboard && kind != .tooSmall {
            return makeView(view, kind: kind, width: width, height: height, focus: focus)
        }
        let header = Rect(x: 0, y: 0, width: width, height: kind == .tooSmall ? 0 : 2)
        let footer = Rect(x: 0, y: max(0, height - 1), width: width, height: kind == .tooSmall ? 0 : 1)
        let top = header.height
        let bodyHeight = max(0, height - header.height - footer.height)
        switch kind {
        case .tooSmall:
            return Layout(kind: kind, header: header, tabs: nil, panes: [], footer: footer, tiles: nil)
        case .tabs:
            let tabs = Rect(x: 0, y: top, width: width, height: 1)
            let body = Rect(x: 0, y: top + 1, width: width, height: bodyHeight - 1)
            return Layout(kind: kind, header: header, tabs: tabs, panes: [PaneRect(pane: focus, rect: body)], footer: footer, tiles: nil)
        case .large:
            // Campaigns | Funnel, then Quotas | SLA, then the Inbox across the bottom.
            let h1 = bodyHeight * 36 / 100, h2 = bodyHeight * 32 / 100
            let h3 = bodyHeight - h1 - h2
            let w1 = width * 60 / 100, w2 = width / 2
            return Layout(kind: kind, header: header, tabs: nil, panes: [
                PaneRect(pane: .campaigns, rect: Rect(x: 0, y: top, width: w1, height: h1)),
                PaneRect(pane: .funnel, rect: Rect(x: w1, y: top, width: width - w1, height: h1)),
                PaneRect(pane: .quotas, rect: Rect(x: 0, y: top + h1, width: w2, height: h2)),
                PaneRect(pane: .sla, rect: Rect(x: w2, y: top + h1, width: width - w2, height: h2)),
                PaneRect(pane: .inbox, rect: Rect(x: 0, y: top + h1 + h2, width: width, height: h3)),
            ], footer: footer, tiles: nil)
        case .medium:
            // Two columns: the tables on the left, the funnel and SLA figures on the right.
            let wl = width * 58 / 100
            let l1 = bodyHeight * 36 / 100, l2 = bodyHeight * 30 / 100
            let r1 = bodyHeight / 2
            return Layout(kind: kind, header: header, tabs: nil, panes: [
                PaneRect(pane: .campaigns, rect: Rect(x: 0, y: top, width: wl, height: l1)),
                PaneRect(pane: .quotas, rect: Rect(x: 0, y: top + l1, width: wl, height: l2)),
                PaneRect(pane: .inbox, rect: Rect(x: 0, y: top + l1 + l2, width: wl, height: bodyHeight - l1 - l2)),
                PaneRect(pane: .funnel, rect: Rect(x: wl, y: top, width: width - wl, height: r1)),
                PaneRect(pane: .sla, rect: Rect(x: wl, y: top + r1, width: width - wl, height: bodyHeight - r1)),
            ], footer: footer, tiles: nil)
        }
    }

    /// The standup, manager and rep arrangements.
    static func makeView(_ view: ViewKind, kind: Kind, width: Int, height: Int, focus: PaneID) -> Layout {
        let header = Rect(x: 0, y: 0, width: width, height: 2)
        let footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        var body = Rect(x: 0, y: 2, width: width, height: height - 3)
        switch view {
        case .standup:
            // Big numbers on top when there is room, then one pane at a time, rotating.
            // On a short screen, one line of them: the big numbers vanished there with no word.
            var tiles: Rect?
            if body.height >= 20 {
                tiles = Rect(x: 0, y: body.y, width: width, height: 7)
                body = body.inset(top: 7)
            } else if body.height >= 9 {
                tiles = Rect(x: 0, y: body.y, width: width, height: 1)
                body = body.inset(top: 1)
            }
            let tabs = Rect(x: 0, y: body.y, width: width, height: 1)
            return Layout(kind: kind, header: header, tabs: tabs,
                          panes: [PaneRect(pane: focus, rect: body.inset(top: 1))], footer: footer, tiles: tiles)
        case .manager where kind != .tabs:
            let left = width * 55 / 100, top = body.height / 2
            return Layout(kind: kind, header: header, tabs: nil, panes: [
                PaneRect(pane: .quotas, rect: Rect(x: 0, y: body.y, width: left, height: body.height * 2 / 3)),
                PaneRect(pane: .funnel, rect: Rect(x: 0, y: body.y + body.height * 2 / 3, width: left, height: body.height - body.height * 2 / 3)),
                PaneRect(pane: .deals, rect: Rect(x: left, y: body.y, width: width - left, height: top)),
                PaneRect(pane: .inbox, rect: Rect(x: left, y: body.y + top, width: width - left, height: body.height - top)),
            ], footer: footer, tiles: nil)
        case .rep where kind != .tabs:
            let left = width * 58 / 100, top = body.height * 55 / 100, right = body.height * 45 / 100
            return Layout(kind: kind, header: header, tabs: nil, panes: [
                PaneRect(pane: .inbox, rect: Rect(x: 0, y: body.y, width: left, height: top)),
                PaneRect(pane: .deals, rect: Rect(x: 0, y: body.y + top, width: left, height: body.height - top)),
                PaneRect(pane: .quotas, rect: Rect(x: left, y: body.y, width: width - left, height: right)),
                PaneRect(pane: .sla, rect: Rect(x: left, y: body.y + right, width: width - left, height: body.height - right)),
            ], footer: footer, tiles: nil)
        default:
            let tabs = Rect(x: 0, y: body.y, width: width, height: 1)
            return Layout(kind: .tabs, header: header, tabs: tabs, panes: [PaneRect(pane: focus, rect: body.inset(top: 1))],
                          footer: footer, tiles: nil)
        }
    }

    public func rect(for pane: PaneID) -> Rect? { panes.first { $0.pane == pane }?.rect }

    /// Rows a pane's table can show: its box less the border, the header row and the pane's own summary lines.
    public static func visibleRows(for pane: PaneID, width: Int, height: Int, view: ViewKind = .dashboard) -> Int {
        guard let r = make(width: width, height: height, focus: pane, view: view).rect(for: pane) else { return 1 }
        return max(1, r.height - 3 - PaneCatalog.summaryLines(for: pane, height: r.height))
    }
}
