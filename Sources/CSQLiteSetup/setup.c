#include "CSQLiteSetup.h"
#include <sqlite3.h>

int scorecard_sqlite_setup(void) {
    // Debian builds SQLite with memory statistics on: every allocation takes a
    // global mutex to count bytes nobody reads here. Measured on the 2 M-order
    // load: 20 % of SQLite's time (README, Performance).
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
