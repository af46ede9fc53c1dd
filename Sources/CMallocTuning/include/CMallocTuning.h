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

#endif
