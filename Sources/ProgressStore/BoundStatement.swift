import GRDB
// GRDB's own SQLite module (a product of GRDB.swift), for the C API on the hot path only.
import GRDBSQLite

/// A statement bound and stepped through SQLite's C API.
///
/// Recording ten thousand graded submissions spent most of its time building GRDB's
/// `StatementArguments` (existential boxing, generic metadata), more than in SQLite itself. The few
/// statements on that path bind their values directly; everything else uses GRDB as usual. The
/// statement is prepared and finalized by GRDB, and runs inside a GRDB transaction.
struct BoundStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` to the parameters in order and runs the statement to completion.
    func run(_ db: Database, _ values: [Value]) throws {
        try bind(db, values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(db, code) }
    }

    /// Binds `values` and returns the first column of the first row as an integer, or nil.
    func firstInteger(_ db: Database, _ values: [Value]) throws -> Int64? {
        try bind(db, values)
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        case let code: throw error(db, code)
        }
    }

    enum Value {
        case integer(Int64)
        case text(String)

        static func bool(_ value: Bool) -> Value { .integer(value ? 1 : 0) }
        static func int(_ value: Int) -> Value { .integer(Int64(value)) }
    }

    private func bind(_ db: Database, _ values: [Value]) throws {
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case let .integer(number):
                code = sqlite3_bind_int64(handle, index, number)
            case let .text(text) where text.isEmpty:
                // Not through withUTF8: an empty buffer may have no address, which SQLite binds as NULL.
                code = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            case var .text(text):
                code = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient)
                    }
                }
            }
            guard code == SQLITE_OK else { throw error(db, code) }
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes, which only live for the duration of `withUTF8`.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func error(_ db: Database, _ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        let extended = db.sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
    }
}
