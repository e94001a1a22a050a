#include "terminal_guard.h"
#include "ncurses_shim.h"
#include "file_mapping.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// ---- Restoring the terminal ----

static struct termios saved_modes;
static int saved_modes_tty = -1;
static char reset_bytes[512];
static int reset_length;
static int reset_output = -1;
static volatile sig_atomic_t guard_armed;

int pt_guard_save_modes(int tty) {
    if (tcgetattr(tty, &saved_modes) != 0) return -1;
    saved_modes_tty = tty;
    return 0;
}

// Appends a terminfo string capability, leaving out $<..> padding (delays for old hardware).
static void append_capability(const char *name) {
    char *value = tigetstr((char *)name);
    if (value == NULL || value == (char *)-1) return;
    for (const char *p = value; *p != '\0'; p++) {
        if (p[0] == '$' && p[1] == '<') {
            const char *end = strchr(p, '>');
            if (end != NULL) { p = end; continue; }
        }
        if (reset_length < (int)sizeof reset_bytes) reset_bytes[reset_length++] = *p;
    }
}

void pt_guard_capture_reset(int output) {
    reset_length = 0;
    append_capability("sgr0");
    append_capability("cnorm");
    append_capability("rmkx");
    append_capability("rmcup");
    reset_output = output;
    guard_armed = 1;
}

void pt_guard_restore(void) {
    if (!guard_armed) return;
    guard_armed = 0;
    int saved_errno = errno;
    const char *next = reset_bytes;
    int left = reset_length;
    while (left > 0) {
        ssize_t written = write(reset_output, next, (size_t)left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) break;
        next += written;
        left -= (int)written;
    }
    if (saved_modes_tty >= 0) tcsetattr(saved_modes_tty, TCSANOW, &saved_modes);
    errno = saved_errno;
}

void pt_guard_disarm(void) { guard_armed = 0; }

int pt_guard_reset_bytes(char *buffer, int capacity) {
    int length = reset_length < capacity ? reset_length : capacity;
    memcpy(buffer, reset_bytes, (size_t)length);
    return length;
}

// ---- Crash signals ----

static const int crash_signals[] = {SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP};
#define CRASH_COUNT ((int)(sizeof crash_signals / sizeof crash_signals[0]))
static struct sigaction crash_previous[CRASH_COUNT];
static int crash_installed;
// Room to run the handler when the crash is a stack overflow.
static char crash_stack[64 * 1024];

static void on_crash(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    // A data file cut short while it is mapped is no crash: its lost pages now read as zeros.
    if (signal_number == SIGBUS && info != NULL && pt_mapping_absorb_fault(info->si_code, info->si_addr)) return;
    pt_guard_restore();
    int is_fault = 0;
    for (int i = 0; i < CRASH_COUNT; i++) {
        if (crash_signals[i] != signal_number) continue;
        struct sigaction previous = crash_previous[i];
        if (previous.sa_handler == SIG_IGN) previous.sa_handler = SIG_DFL;
        sigaction(signal_number, &previous, NULL);
    }
    // A hardware fault happens again when the handler returns, this time reaching the previous
    // handler with its real context. Anything else (abort, kill, a trap that resumes after the
    // breakpoint instruction) must be raised again; it is delivered as soon as this handler returns.
    if (info != NULL && info->si_code > 0 && signal_number != SIGABRT && signal_number != SIGTRAP) {
        is_fault = 1;
    }
    if (!is_fault) raise(signal_number);
}

int pt_crash_handlers_install(void) {
    if (crash_installed) return 0;
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t alternate = {.ss_sp = crash_stack, .ss_size = sizeof crash_stack, .ss_flags = 0};
        sigaltstack(&alternate, NULL);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < CRASH_COUNT; i++) {
        if (sigaction(crash_signals[i], &action, &crash_previous[i]) != 0) return -1;
    }
    crash_installed = 1;
    return 0;
}

void pt_crash_handlers_remove(void) {
    if (!crash_installed) return;
    for (int i = 0; i < CRASH_COUNT; i++) sigaction(crash_signals[i], &crash_previous[i], NULL);
    crash_installed = 0;
    // Mapped data files were guarded through this handler if theirs came before it.
    pt_mapping_reinstall();
}

// ---- Signals routed to the event loop ----

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define STOP_COUNT ((int)(sizeof stop_signals / sizeof stop_signals[0]))
static struct sigaction stop_previous[STOP_COUNT];
static int stop_installed;
static volatile sig_atomic_t stop_pipe = -1;

static struct sigaction resize_previous;
static int resize_installed;
static volatile sig_atomic_t resize_pipe = -1;

static void send_to_pipe(int pipe_write_end, int signal_number) {
    if (pipe_write_end < 0) return;
    unsigned char byte = (unsigned char)signal_number;
    // Non-blocking: when the pipe is full the loop has wake-ups pending anyway.
    while (write(pipe_write_end, &byte, 1) < 0 && errno == EINTR) {}
}

static void on_stop_signal(int signal_number) {
    int saved_errno = errno;
    send_to_pipe(stop_pipe, signal_number);
    errno = saved_errno;
}

static void on_resize_signal(int signal_number, siginfo_t *info, void *context) {
    int saved_errno = errno;
    if (resize_previous.sa_flags & SA_SIGINFO) {
        if (resize_previous.sa_sigaction != NULL) resize_previous.sa_sigaction(signal_number, info, context);
    } else if (resize_previous.sa_handler != SIG_DFL && resize_previous.sa_handler != SIG_IGN) {
        resize_previous.sa_handler(signal_number);
    }
    send_to_pipe(resize_pipe, signal_number);
    errno = saved_errno;
}

int pt_stop_signals_install(int pipe_write_end) {
    if (stop_installed) return 0;
    stop_pipe = pipe_write_end;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < STOP_COUNT; i++) {
        if (sigaction(stop_signals[i], &action, &stop_previous[i]) != 0) return -1;
        // A signal ignored when the program started (nohup, a background job) stays ignored.
        if (stop_previous[i].sa_handler == SIG_IGN) sigaction(stop_signals[i], &stop_previous[i], NULL);
    }
    stop_installed = 1;
    return 0;
}

void pt_stop_signals_remove(void) {
    if (!stop_installed) return;
    for (int i = 0; i < STOP_COUNT; i++) sigaction(stop_signals[i], &stop_previous[i], NULL);
    stop_installed = 0;
    stop_pipe = -1;
}

int pt_resize_signal_install(int pipe_write_end) {
    if (resize_installed) return 0;
    resize_pipe = pipe_write_end;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_resize_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGWINCH, &action, &resize_previous) != 0) return -1;
    resize_installed = 1;
    return 0;
}

void pt_resize_signal_remove(void) {
    if (!resize_installed) return;
    sigaction(SIGWINCH, &resize_previous, NULL);
    resize_installed = 0;
    resize_pipe = -1;
}
