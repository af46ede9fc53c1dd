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

    /// Binds `values` then `extra` (the source columns) and steps once.
    func execute(_ values: [StagedValue], _ extra: [StagedValue] = []) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in (values + extra).enumerated() {
            let index = Int32(i + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(s, index)
            case .integer(let v): code = sqlite3_bind_int64(s, index, sqlite3_int64(v))
            case .real(let v): code = sqlite3_bind_double(s, index, v)
            case .text(let v):
                // SQLITE_TRANSIENT: SQLite copies the bytes before `withCString` returns.
                code = v.withCString { sqlite3_bind_text(s, index, $0, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        let step = sqlite3_step(s)
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    private func failure(_ code: Int32) -> WarehouseError {
        let connection = database.sqliteConnection
        let path = sqlite3_db_filename(connection, "main").map { String(cString: $0) } ?? "warehouse"
        return .database(path: path, message: "\(String(cString: sqlite3_errstr(code))): \(String(cString: sqlite3_errmsg(connection)))")
    }
}
