import GRDB
import GRDBSQLite

/// A prepared statement executed once per staged row with values bound straight
/// through SQLite's C API. GRDB's `execute(arguments:)` builds a
/// `StatementArguments` of `DatabaseValue`s per row; on a million orders that
/// was a measured ~10 % of ingest (perf), so the hot insert binds directly.
/// Only `Staging/` touches SQLite's C API.
final class UpsertStatement {
    private let statement: Statement
    private let database: Database

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        database = db
    }

    /// Binds `values`, then the row's source (run, file, line), and steps once.
    func execute(_ values: [StagedValue], run: Int64, file: String, line: Int) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in values.enumerated() {
            try bind(value, at: Int32(i + 1))
        }
        let n = Int32(values.count)
        try check(sqlite3_bind_int64(s, n + 1, run))
        try bind(.text(file), at: n + 2)
        try check(sqlite3_bind_int64(s, n + 3, sqlite3_int64(line)))
        let step = sqlite3_step(s)
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    private func bind(_ value: StagedValue, at index: Int32) throws {
        let s = statement.sqliteStatement
        switch value {
        case .null: try check(sqlite3_bind_null(s, index))
        case .integer(let v): try check(sqlite3_bind_int64(s, index, sqlite3_int64(v)))
        case .real(let v): try check(sqlite3_bind_double(s, index, v))
        case .text(var v):
            // SQLITE_TRANSIENT: SQLite copies the bytes before the closure returns.
            try check(v.withUTF8 { b in
                b.withMemoryRebound(to: CChar.self) { c in
                    guard let base = c.baseAddress else { return sqlite3_bind_text(s, index, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
                    return sqlite3_bind_text(s, index, base, Int32(c.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            })
        }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> WarehouseError {
        let connection = database.sqliteConnection
        let path = sqlite3_db_filename(connection, "main").map { String(cString: $0) } ?? "warehouse"
        return .database(path: path, message: "\(String(cString: sqlite3_errstr(code))): \(String(cString: sqlite3_errmsg(connection)))")
    }
}
