import PipelineKit

/// Something that happened: the only input to `update`.
public enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The clock moved (once a second at most).
    case tick(now: Int64)
    /// The data's own "now" (the wall clock, or the demo's; fixed when the settings pin as_of),
    /// sent with each tick: once it reaches a new minute the numbers are computed again for it.
    case dataClock(Int64)
    /// Files in the data folder changed.
    case filesChanged(Set<String>)
    /// A load finished off the UI thread.
    case loaded(Snapshot)
    /// A triage write finished off the UI thread.
    case triaged(TriageResult, TriageKind)
    /// The theme was chosen again, after the settings named another one.
    case themeChosen(ThemeChoice)
}

/// Work `update` asks for; it runs outside and comes back as events.
public enum Effect: Sendable, Equatable {
    /// Whether it changes the data files.
    var writes: Bool {
        switch self {
        case .triage, .undo, .redo: true
        case .reload, .chooseTheme, .quit: false
        }
    }

    /// Read the data folder again: everything (nil) or just these files.
    case reload(Set<String>?)
    /// Write a triage action to the data files.
    case triage(TriageRequest)
    case undo(AppliedTriage)
    case redo(AppliedTriage)
    /// Choose the theme again from the settings just loaded (it reads theme files); the choice
    /// comes back as `.themeChosen`.
    case chooseTheme
    case quit
}
