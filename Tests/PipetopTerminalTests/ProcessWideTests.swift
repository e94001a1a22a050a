import Testing

/// Tests that touch state shared by the whole process: ncurses' current screen, the locale, signal
/// handlers and the terminal guard. They run one at a time.
@Suite(.serialized) struct ProcessWideTests {}
