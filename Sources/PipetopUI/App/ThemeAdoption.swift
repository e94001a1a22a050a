import PipelineKit

extension AppState {
    /// Draws with a theme chosen again while the screen is open: its problems join the `!` list,
    /// and the footer says what happened (a theme that could not be used says why).
    mutating func adopt(_ choice: ThemeChoice) {
        let changed = choice.theme != theme
        theme = choice.theme
        themeProblems = choice.problems
        if case .problems(let scroll) = mode, let s = snapshot {
            problemEntries = ProblemsOverlay.entries(s, more: themeProblems)
            wrapProblems(keepingLine: scroll)
        }
        if let notice = choice.notice {
            say(notice, error: true, seconds: 10)
        } else if changed {
            say("Theme: \(MessageText.escaped(theme.name))")
        }
    }
}
