#include "../CNcurses/shim.h"
#include "ncurses_shim.h"
uint32_t pt_attr_bold(void) { return (uint32_t)A_BOLD; }
