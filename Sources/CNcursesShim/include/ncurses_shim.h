#ifndef PIPETOP_NCURSES_SHIM_H
#define PIPETOP_NCURSES_SHIM_H
#include "../../CNcurses/shim.h"
#include <stdint.h>
#include <wchar.h>

// Values and macros of curses.h that Swift cannot import, and a few calls whose C form
// (macros, globals, variadic options) does not survive the trip into Swift.

// Attributes (NCURSES_BITS macros).
uint32_t pt_attr_normal(void);
uint32_t pt_attr_bold(void);
uint32_t pt_attr_dim(void);
uint32_t pt_attr_underline(void);
uint32_t pt_attr_reverse(void);

// Key codes: KEY_F(n) is a function-like macro; the rest are here so Swift reads them all one way.
int pt_key_f(int n);
int pt_key_resize(void);
int pt_key_btab(void);

// Globals of the current screen, read through functions (Swift 6 rejects unsynchronised C globals).
WINDOW *pt_stdscr(void);
int pt_colors(void);
int pt_color_pairs(void);
int pt_getmaxy(WINDOW *window);
int pt_getmaxx(WINDOW *window);

// Whether colour numbers above 255 and pair numbers above 32767 can be used (ncurses 6.1+).
int pt_has_extended_colors(void);
// init_extended_pair where available, init_pair otherwise.
int pt_init_pair(int pair, int foreground, int background);
int pt_set_escdelay(int milliseconds);
// Take the screen size from the terminal (ioctl), never from LINES/COLUMNS in the environment.
// use_env(FALSE) alone makes ncurses fall back to the terminfo entry's fixed size (80x24 for most);
// it needs use_tioctl(TRUE) beside it. Call before newterm.
void pt_size_from_terminal(void);

// Columns a character takes in the current locale (wcwidth, hidden from Swift by glibc's feature macros).
int pt_char_width(wchar_t character);

// Bytes readable from `descriptor` without blocking (FIONREAD, a macro Swift cannot import on
// macOS); -1 when the descriptor cannot tell.
int pt_bytes_waiting(int descriptor);

// How many wide characters one cell can hold (a base character plus combining marks).
int pt_cell_capacity(void);
/// 1 when the terminal opened last can move the cursor to any cell.
int pt_can_move_cursor(void);
/// Whether the terminal has an alternate screen to leave on exit (the Linux console has none).
int pt_has_alternate_screen(void);
// Puts one cell: `text` is a NUL-terminated run of at most pt_cell_capacity() wide characters.
int pt_put_cell(WINDOW *window, int y, int x, const wchar_t *text, uint32_t attributes, int pair);

#endif
