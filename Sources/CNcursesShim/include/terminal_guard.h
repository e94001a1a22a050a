#ifndef PIPETOP_TERMINAL_GUARD_H
#define PIPETOP_TERMINAL_GUARD_H

// Putting the terminal back when the program ends in a way that skips the normal exit path.
// Everything a signal handler runs here is async-signal-safe: write(2) and tcsetattr(3) only.

// Remembers the terminal modes of `tty` before curses changes them. Call before newterm.
int pt_guard_save_modes(int tty);
// Remembers the bytes that leave curses mode (sgr0, cnorm, rmkx, rmcup of the current terminfo
// entry) and where to write them. Call after newterm; arms the guard.
void pt_guard_capture_reset(int output);
// Writes the reset bytes and restores the saved modes, once. Safe inside a signal handler.
void pt_guard_restore(void);
// The normal exit (endwin) already restored the terminal: make later calls do nothing.
void pt_guard_disarm(void);
// The bytes pt_guard_capture_reset remembered, for tests.
int pt_guard_reset_bytes(char *buffer, int capacity);

// Crash signals (SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP): restore the terminal, then let
// the previous handler or the default action run, so crash reports and core dumps still happen.
int pt_crash_handlers_install(void);
void pt_crash_handlers_remove(void);

// SIGINT, SIGTERM, SIGHUP, SIGQUIT: write the signal number as one byte to `pipe_write_end`,
// for the event loop to handle. Install before newterm so ncurses keeps its own handlers out.
// Signals ignored at start (nohup) stay ignored.
int pt_stop_signals_install(int pipe_write_end);
void pt_stop_signals_remove(void);
// SIGWINCH: call the handler installed before (ncurses' own, which makes getch return KEY_RESIZE),
// then write SIGWINCH to the pipe so a poll that started just before the signal still wakes.
// Install after newterm.
int pt_resize_signal_install(int pipe_write_end);
void pt_resize_signal_remove(void);

#endif
