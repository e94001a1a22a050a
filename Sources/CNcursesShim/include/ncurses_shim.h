#ifndef PIPETOP_NCURSES_SHIM_H
#define PIPETOP_NCURSES_SHIM_H
#include <stdint.h>
// Values and macros that Swift cannot import from curses.h.
uint32_t pt_attr_bold(void);
#endif
