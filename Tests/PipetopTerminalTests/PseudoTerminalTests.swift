import Testing

/// Tests that open a Screen. ncurses keeps one current screen per process and the terminal guard
/// and signal routing are process-wide, so these run one at a time.
@Suite(.serialized) struct PseudoTerminalTests {}
