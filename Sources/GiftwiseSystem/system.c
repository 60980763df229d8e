#if defined(__linux__)
#define _GNU_SOURCE
#include <fcntl.h>
#endif

#include "GiftwiseSystem.h"

#include <sqlite3.h>

int gw_sqlite_configure_process(void) {
    int applied = 0;
    // Each call fails with SQLITE_MISUSE once SQLite is initialised: then nothing changes.
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK) applied |= 1;
    // A library built without threads (SQLITE_THREADSAFE=0) refuses this: nothing to switch off.
    if (sqlite3_threadsafe() != 0 && sqlite3_config(SQLITE_CONFIG_MULTITHREAD) == SQLITE_OK) applied |= 2;
    return applied;
}

int gw_start_writeback(int fd) {
#if defined(__linux__)
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) == 0 ? 0 : -1;
#else
    (void)fd;
    return -1;
#endif
}
