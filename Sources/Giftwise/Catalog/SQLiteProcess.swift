import GiftwiseSystem

/// SQLite settings for a whole process, for a program that owns every use of SQLite in it (the
/// `giftwise` CLI): the library itself never changes its host's SQLite.
package enum SQLiteProcess {
    /// What ``configureOwnProcess()`` set.
    package struct Settings: OptionSet, Sendable {
        package let rawValue: Int32
        package init(rawValue: Int32) { self.rawValue = rawValue }

        /// SQLite keeps no memory statistics: its allocations take no process-wide mutex.
        package static let memoryStatisticsOff = Settings(rawValue: 1)
        /// Connections have no mutex of their own (GRDB uses each from one thread at a time).
        package static let multiThread = Settings(rawValue: 2)
    }

    /// Turns off what only costs time in a process that uses each connection from one thread at a
    /// time and never asks SQLite for its memory statistics: a process-wide mutex taken by every
    /// allocation inside SQLite (an import's writer and full-text builder contended for it: ≈ 9 %
    /// of the import's CPU at 200k rows) and each connection's own mutex. Call before anything opens a
    /// database; once SQLite is in use it changes nothing and returns an empty set.
    @discardableResult
    package static func configureOwnProcess() -> Settings {
        Settings(rawValue: gw_sqlite_configure_process())
    }
}
