#ifndef SCORECARD_CMALLOCTUNING_H
#define SCORECARD_CMALLOCTUNING_H

/// Pins glibc's mmap threshold at 128 KiB (its default starting value). glibc otherwise
/// raises the threshold each time a large block is freed (up to 32 MiB), so that after the
/// load's big buffers go, the metrics' large arrays come from the heap, where freed space is
/// fragmented and not given back: the bank-sized set peaked at 589 MiB with the moving
/// threshold and 498 MiB with it pinned (issue 10). `mallopt` and `M_MMAP_THRESHOLD` are in
/// <malloc.h>, which Swift's Glibc module does not include, hence these lines of C.
/// Returns 1 on success, 0 where the C library refuses (or is not glibc).
int scorecard_pin_mmap_threshold(void);

/// Gives the C library's free memory back to the system (`malloc_trim(0)`: every arena, the
/// free pages inside the heap too), between the run's stages: what the load's threads freed
/// in their arenas otherwise stays resident under the metrics (issue 29). Returns 1 when
/// memory was given back, 0 when none was (or not glibc).
int scorecard_release_free_memory(void);

/// Bytes the C library has handed out and not had back (`mallinfo2`: heap and mmapped blocks),
/// for `SCORECARD_TRACE_MEMORY`: beside the resident size it tells live data from memory the
/// arenas keep. 0 where not glibc.
unsigned long long scorecard_heap_in_use(void);

#endif
