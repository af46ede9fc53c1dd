#include "CMallocTuning.h"

#if defined(__linux__)
#include <malloc.h>  /* defines __GLIBC__ (through features.h) on glibc */
#endif

int scorecard_release_free_memory(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

int scorecard_pin_mmap_threshold(void) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    return mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#else
    return 0;
#endif
}

unsigned long long scorecard_heap_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 info = mallinfo2();
    return (unsigned long long)(info.uordblks + info.hblkhd);
#else
    return 0;
#endif
}
