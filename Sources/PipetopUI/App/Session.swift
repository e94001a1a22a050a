import PipelineKit

extension AppState {
    /// A state showing `snapshot` at a size, as the dashboard starts: for `snapshot`, tests and benchmarks.
    public static func showing(_ snapshot: Snapshot, options: AppOptions, width: Int, height: Int, now: Int64,
                               focus: PaneID = .campaigns) -> AppState {
        var state = AppState(options: options, width: width, height: height, now: now)
        state.focus = focus
        _ = update(&state, .loaded(snapshot))
        return state
    }
}
