import Foundation
import PipelineKit

/// The command palette: every registered command by its long name, plus the choices some commands take
/// (each scope, each pane, the periods), narrowed as the user types.
public enum Palette {
    public struct Entry: Sendable {
        public var label: String
        public var description: String
        public var action: @Sendable (inout AppState) -> [Effect]
    }

    public static func entries(_ state: AppState) -> [Entry] {
        var out: [Entry] = Commands.all.filter { $0.available(in: state.options.view) && !(state.options.readOnly && $0.edits) }.map { c in
            Entry(label: c.name, description: c.description) { s in s.run(c) }
        }
        // The rep view keeps to its rep's own numbers.
        if let snapshot = state.snapshot, state.options.view != .rep {
            for scope in Metrics.scopes(snapshot) {
                out.append(Entry(label: "scope \(scope.label)", description: "Show the numbers for \(scope.label)") { s in
                    s.scope = scope
                    s.recomputeAll()
                    s.say("Scope: \(scope.label)")
                    return []
                })
            }
        }
        for pane in state.paneOrder {
            out.append(Entry(label: "pane \(pane.name)", description: "Focus the \(pane.title) pane") { s in s.focus = pane; return [] })
        }
        out.append(Entry(label: "period month", description: "This month") { s in
            s.period = .month; s.recomputeAll(); return []
        })
        out.append(Entry(label: "period quarter", description: "This quarter (fiscal, from the settings)") { s in
            s.period = .quarter; s.recomputeAll(); return []
        })
        out.append(Entry(label: "period YYYY-MM or YYYY-MM-DD..YYYY-MM-DD", description: "A month, or a range of days: type it") { s in
            s.say("Type the month or range after \"period\", e.g. period 2026-10 or period 2026-11-01..2026-11-15", error: true); return []
        })
        return out
    }

    /// Entries whose label contains every typed word, in registry order.
    public static func matches(_ text: String, in entries: [Entry]) -> [Entry] {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return entries }
        return entries.filter { e in
            let label = e.label.lowercased()
            return words.allSatisfy { label.contains($0) }
        }
    }

    /// The period a typed `period 2026-10` or `period 2026-11-01..2026-11-15` sets, if it is one.
    static func typedPeriod(_ text: String, _ state: AppState) -> Period? {
        guard let s = state.snapshot, let choice = typedChoice(text, s) else { return nil }
        return choice.period(asOf: s.asOf, settings: s.settings)
    }

    static func typedChoice(_ text: String, _ s: Snapshot) -> PeriodChoice? {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "period" else { return nil }
        // Spaces around the dates are forgiven here, where the range is typed by hand.
        let typed = parts[1].components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "..")
        return PeriodChoice.range(typed, timeZone: s.settings.timeZone)
    }

    /// Typed commands with a free argument: `period 2026-10`, `period 2026-11-01..2026-11-15`.
    static func parseTyped(_ text: String, _ state: AppState) -> (@Sendable (inout AppState) -> [Effect])? {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "period", parts[1].contains("..") || parts[1].first?.isNumber == true,
              let s = state.snapshot else { return nil }
        guard let choice = typedChoice(text, s) else {
            let reversed = PeriodChoice.reversedRange(parts[1], timeZone: s.settings.timeZone)
            return { s in
                s.say(reversed.map { "Not a period: \($0)" } ?? "Not a period: write period YYYY-MM or period YYYY-MM-DD..YYYY-MM-DD", error: true)
                return []
            }
        }
        return { s in
            s.period = choice
            s.recomputeAll()
            s.say("Period: \(s.currentPeriod?.label ?? "")")
            return []
        }
    }
}
