// Guarded read-only file mappings. A mapped file that another program truncates makes every later
// read of the lost pages raise SIGBUS; the handler here maps zero pages over the rest of such a
// mapping and marks it cut, so the reader finishes, sees the mark, and reads the file again.
// The handler only touches atomics and calls mmap, a system call with no library state.

#include "file_mapping.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SLOT_COUNT 64

struct guarded {
    // Zero when the slot is free; `end` is rounded up to a whole page.
    _Atomic uintptr_t start;
    _Atomic uintptr_t end;
    atomic_int cut;
    // Handlers looking at the slot: it is not unmapped while one is.
    atomic_int busy;
};

static struct guarded slots[SLOT_COUNT];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static int slot_used[SLOT_COUNT];
static uintptr_t page_mask;
static struct sigaction previous_action;
static volatile sig_atomic_t handler_installed;

int pt_mapping_absorb_fault(int code, void *address) {
    // Only an access past the end of the file; an alignment fault or a signal sent by another
    // process says nothing of a cut file, and answering it with zeros would fault again forever.
    if (code != BUS_ADRERR) return 0;
    uintptr_t at = (uintptr_t)address;
    for (int i = 0; i < SLOT_COUNT; i++) {
        atomic_fetch_add(&slots[i].busy, 1);
        uintptr_t start = atomic_load(&slots[i].start), end = atomic_load(&slots[i].end);
        int absorbed = 0;
        if (start != 0 && at >= start && at < end) {
            // The file ends before this page now: everything from here on reads as zeros.
            uintptr_t page = at & ~page_mask;
            void *zeros = mmap((void *)page, end - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (zeros != MAP_FAILED) {
                atomic_store(&slots[i].cut, 1);
                absorbed = 1;
            }
        }
        atomic_fetch_sub(&slots[i].busy, 1);
        if (absorbed) return 1;
    }
    return 0;
}

static void on_bus_error(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    if (info != NULL && pt_mapping_absorb_fault(info->si_code, info->si_addr)) {
        errno = saved_errno;
        return;
    }
    // Not ours: hand the signal to whoever had it. A fault happens again on return and reaches
    // that handler with its real context; a signal sent by someone must be raised again.
    handler_installed = 0;
    sigaction(signal_number, &previous_action, NULL);
    if (info == NULL || info->si_code <= 0) raise(signal_number);
    errno = saved_errno;
}

static int handler_is_current(void) {
    struct sigaction current;
    return sigaction(SIGBUS, NULL, &current) == 0 && (current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_bus_error;
}

// With the lock held.
static void install_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, &previous_action) == 0) handler_installed = 1;
}

void pt_mapping_reinstall(void) {
    pthread_mutex_lock(&slots_lock);
    // Only once it has been installed, and only when it is no longer there: a handler set
    // after it keeps it as the one to pass other faults to.
    if (page_mask != 0 && !handler_is_current()) install_handler();
    pthread_mutex_unlock(&slots_lock);
}

void *pt_map_file(int fd, size_t size, int *slot) {
    if (size == 0) return NULL;
    pthread_mutex_lock(&slots_lock);
    if (page_mask == 0) page_mask = (uintptr_t)sysconf(_SC_PAGESIZE) - 1;
    // Installed once; later the terminal's guard, set after it, absorbs these faults too, and
    // puts this handler back when it goes.
    if (!handler_installed) install_handler();
    int free_slot = -1;
    for (int i = 0; i < SLOT_COUNT && handler_installed; i++) {
        if (!slot_used[i]) { free_slot = i; break; }
    }
    void *address = NULL;
    if (free_slot >= 0) {
        void *mapped = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (mapped != MAP_FAILED) {
            address = mapped;
            slot_used[free_slot] = 1;
            atomic_store(&slots[free_slot].cut, 0);
            atomic_store(&slots[free_slot].end, ((uintptr_t)mapped + size + page_mask) & ~page_mask);
            atomic_store(&slots[free_slot].start, (uintptr_t)mapped);
            *slot = free_slot;
        }
    }
    pthread_mutex_unlock(&slots_lock);
    return address;
}

int pt_mapping_was_cut(int slot) {
    if (slot < 0 || slot >= SLOT_COUNT) return 0;
    return atomic_load(&slots[slot].cut);
}

void pt_unmap_file(void *address, size_t size, int slot) {
    pthread_mutex_lock(&slots_lock);
    if (slot >= 0 && slot < SLOT_COUNT && slot_used[slot]) {
        atomic_store(&slots[slot].start, 0);
        atomic_store(&slots[slot].end, 0);
        // A handler that saw the slot before it was cleared may still be mapping zeros into it:
        // the range must not be given back (and reused) until it is done.
        while (atomic_load(&slots[slot].busy) != 0) sched_yield();
        slot_used[slot] = 0;
    }
    munmap(address, size);
    pthread_mutex_unlock(&slots_lock);
}
