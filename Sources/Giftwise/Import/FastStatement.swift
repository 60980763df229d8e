import GRDB
import GRDBSQLite

/// Binds and steps a prepared GRDB statement through SQLite's C API, checking every return code.
///
/// The importer runs several inserts per product; building `StatementArguments` boxes every
/// value and was a fifth of import time. This is used only inside the importer's own write
/// transaction, for plain INSERTs that no GRDB observer watches.
struct FastStatement {
    private let db: Database
    private let statement: Statement
    /// The statement's SQLite handle, read once: reading it through `statement` on every bind
    /// retained and released the statement each time (≈ 0.5 % of an import's samples at 200k).
    private let handle: OpaquePointer

    init(_ db: Database, _ statement: Statement) {
        self.db = db
        self.statement = statement
        handle = statement.sqliteStatement
    }

    func bind(_ index: Int32, _ value: Int64) throws { try check(sqlite3_bind_int64(handle, index, value)) }
    func bind(_ index: Int32, _ value: Int) throws { try check(sqlite3_bind_int64(handle, index, Int64(value))) }
    func bind(_ index: Int32, _ value: Int?) throws {
        if let value { try bind(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }
    func bind(_ index: Int32, _ value: Double) throws { try check(sqlite3_bind_double(handle, index, value)) }
    func bind(_ index: Int32, _ value: Bool) throws { try check(sqlite3_bind_int(handle, index, value ? 1 : 0)) }
    func bind(_ index: Int32, _ value: String?) throws {
        guard var value else {
            try check(sqlite3_bind_null(handle, index))
            return
        }
        let code = value.withUTF8 { buffer in
            // SQLITE_TRANSIENT: SQLite copies the bytes before this call returns.
            sqlite3_bind_text(
                handle, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                Int32(buffer.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        try check(code)
    }

    func bind(_ index: Int32, bytes: [UInt8]) throws {
        let code = bytes.withUnsafeBytes { buffer in
            sqlite3_bind_blob(
                handle, index, buffer.baseAddress, Int32(buffer.count),
                unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        try check(code)
    }

    /// Binds a copy of a value read by another statement (of any connection), type and bytes as they are.
    func bind(_ index: Int32, value: OpaquePointer?) throws { try check(sqlite3_bind_value(handle, index, value)) }

    /// Runs the statement once and resets it; throws the connection's error as a `DatabaseError`.
    /// The bindings stay: every caller binds each parameter before each step (clearing them was
    /// 1 % of an import's CPU).
    func step() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
    }

    /// A failed bind (a bad index, a value too big, out of memory) must not go unnoticed: the
    /// row would be written with the previous row's value.
    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            throw error(code)
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
