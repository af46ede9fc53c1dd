#include "CMallocTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>

int scorecard_pin_mmap_threshold(void) { return mallopt(M_MMAP_THRESHOLD, 128 * 1024); }
#else
int scorecard_pin_mmap_threshold(void) { return 0; }
#endif
