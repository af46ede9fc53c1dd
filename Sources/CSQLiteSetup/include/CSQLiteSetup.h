#ifndef SCORECARD_CSQLITESETUP_H
#define SCORECARD_CSQLITESETUP_H

/// Process-wide SQLite settings that only `sqlite3_config` can make. That function
/// is variadic, which Swift cannot call, hence these few lines of C.
/// Returns SQLite's result code (SQLITE_MISUSE when SQLite was already initialized).
int scorecard_sqlite_setup(void);

#endif
