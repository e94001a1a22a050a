#define _GNU_SOURCE 1  // for wcwidth in glibc's wchar.h
#include <wchar.h>
#include "ncurses_shim.h"
#include <sys/ioctl.h>

#if defined(NCURSES_VERSION_MAJOR) && NCURSES_VERSION_MAJOR >= 6 && defined(NCURSES_EXT_COLORS)
#define PT_EXTENDED_COLORS 1
#else
#define PT_EXTENDED_COLORS 0
#endif

uint32_t pt_attr_normal(void) { return (uint32_t)A_NORMAL; }
uint32_t pt_attr_bold(void) { return (uint32_t)A_BOLD; }
uint32_t pt_attr_dim(void) { return (uint32_t)A_DIM; }
uint32_t pt_attr_underline(void) { return (uint32_t)A_UNDERLINE; }
uint32_t pt_attr_reverse(void) { return (uint32_t)A_REVERSE; }

int pt_key_f(int n) { return KEY_F(n); }
int pt_key_resize(void) { return KEY_RESIZE; }
int pt_key_btab(void) { return KEY_BTAB; }

WINDOW *pt_stdscr(void) { return stdscr; }
int pt_colors(void) { return COLORS; }
int pt_color_pairs(void) { return COLOR_PAIRS; }
int pt_getmaxy(WINDOW *window) { return getmaxy(window); }
int pt_getmaxx(WINDOW *window) { return getmaxx(window); }

int pt_has_extended_colors(void) { return PT_EXTENDED_COLORS; }

int pt_init_pair(int pair, int foreground, int background) {
#if PT_EXTENDED_COLORS
    return init_extended_pair(pair, foreground, background);
#else
    return init_pair((short)pair, (short)foreground, (short)background);
#endif
}

int pt_set_escdelay(int milliseconds) {
#ifdef NCURSES_EXT_FUNCS
    return set_escdelay(milliseconds);
#else
    (void)milliseconds;
    return ERR;
#endif
}

int pt_char_width(wchar_t character) { return wcwidth(character); }

void pt_size_from_terminal(void) {
#if defined(NCURSES_VERSION_MAJOR) && NCURSES_VERSION_MAJOR >= 6
    use_env(FALSE);
    use_tioctl(TRUE);
#if NCURSES_SP_FUNCS
    // newterm starts from a "pre-screen" whose flags were copied from the globals when it was
    // first made, and a resize reads the screen's own flags: set them there too.
    SCREEN *prescreen = new_prescr();
    if (prescreen != NULL) {
        use_env_sp(prescreen, FALSE);
        use_tioctl_sp(prescreen, TRUE);
    }
#endif
#else
    // Older ncurses has no use_tioctl: keep the default, which asks the terminal and lets
    // LINES/COLUMNS (rarely exported) override it.
    use_env(TRUE);
#endif
}

int pt_bytes_waiting(int descriptor) {
    int count = 0;
    return ioctl(descriptor, FIONREAD, &count) == 0 ? count : -1;
}

int pt_cell_capacity(void) { return CCHARW_MAX; }

int pt_put_cell(WINDOW *window, int y, int x, const wchar_t *text, uint32_t attributes, int pair) {
    cchar_t cell;
#if PT_EXTENDED_COLORS
    // The short pair argument cannot hold large pair numbers; the options pointer can.
    int extended = pair;
    if (setcchar(&cell, text, (attr_t)attributes, 0, &extended) == ERR) return ERR;
#else
    if (setcchar(&cell, text, (attr_t)attributes, (short)pair, NULL) == ERR) return ERR;
#endif
    return mvwadd_wch(window, y, x, &cell);
}

int pt_has_alternate_screen(void) {
    char *enter = tigetstr("smcup");
    return enter != NULL && enter != (char *)-1 && enter[0] != '\0';
}

int pt_can_move_cursor(void) {
    // A terminal without cursor addressing (TERM=dumb) would draw every row over the last one.
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
