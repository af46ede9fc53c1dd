#ifndef SCORECARD_CFILESWAP_H
#define SCORECARD_CFILESWAP_H

/// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`): a period
/// folder is replaced by its new version with no moment at which neither exists.
/// glibc declares `renameat2` only under _GNU_SOURCE, which Swift's Glibc module does
/// not set, hence these few lines of C. Returns 0, or -1 with errno set (EINVAL or
/// ENOSYS where the file system or kernel cannot exchange: the caller falls back).
int scorecard_exchange(const char *a, const char *b);

#endif
