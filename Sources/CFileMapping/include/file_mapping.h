#ifndef PIPETOP_FILE_MAPPING_H
#define PIPETOP_FILE_MAPPING_H

#include <stddef.h>

/// Maps `size` bytes of the open file `fd` for reading and guards the mapping: when another program
/// cuts the file short while it is mapped, the pages past the new end read as zeros instead of the
/// process being killed by SIGBUS. Returns NULL when the file cannot be mapped or no guard slot is
/// free (the caller reads the file instead); `*slot` receives the guard's number.
void *pt_map_file(int fd, size_t size, int *slot);

/// 1 when pages of the mapping in `slot` were replaced by zeros because the file was cut short.
int pt_mapping_was_cut(int slot);

/// Unmaps the mapping and frees its guard slot, once no fault on it is being absorbed.
void pt_unmap_file(void *address, size_t size, int slot);

/// For another SIGBUS handler, which must call this first with the signal's `si_code` and
/// `si_addr`: 1 when the fault lies in a guarded mapping and has been absorbed (the handler then
/// simply returns), 0 otherwise.
int pt_mapping_absorb_fault(int code, void *address);

/// Puts the guard's own SIGBUS handler back when another handler that was set after it has been
/// taken away (the terminal's crash guard calls this when it removes its handlers).
void pt_mapping_reinstall(void);

#endif
