#ifndef GIFTWISE_SQLITE_PROCESS_H
#define GIFTWISE_SQLITE_PROCESS_H

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

#endif
