#ifndef GIFTWISE_SYSTEM_H
#define GIFTWISE_SYSTEM_H

/// Process-wide SQLite settings for a program that owns every use of SQLite in its process (the
/// `giftwise` CLI), set before SQLite's first use (`sqlite3_config`, a variadic C function Swift
/// cannot call):
///
/// - memory statistics off (`SQLITE_CONFIG_MEMSTATUS`): with them on, every allocation and free
///   inside SQLite takes one process-wide mutex, which an import's two SQLite threads (the writer
///   and the full-text builder) contend for;
/// - connections without a mutex of their own (`SQLITE_CONFIG_MULTITHREAD`, what
///   `SQLITE_OPEN_NOMUTEX` does per connection): GRDB uses each connection from one thread at a
///   time, and the full-text builder already opens its connection so.
///
/// Returns a bit mask of what was set: 1 memory statistics off, 2 multi-thread mode. 0 when SQLite
/// was already in use in this process (nothing changes then) or the library was built single-threaded.
int gw_sqlite_configure_process(void);

/// Asks the operating system to start writing `fd`'s file's dirty pages to disk now, without
/// waiting for them (Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`; `fd` may be read-only).
/// Durability is unchanged (the next fsync still waits for every page); a later fsync then finds
/// less to write. Returns 0, or -1 where unsupported or refused (nothing happens then).
int gw_start_writeback(int fd);

#endif
