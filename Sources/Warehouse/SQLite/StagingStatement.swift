import GRDB
import GRDBSQLite
import ScorecardIngest
import ScorecardModel
import ScorecardWarehouse

/// A prepared statement executed once per staged row, with values bound straight
/// through SQLite's C API from a packed batch. GRDB's `execute(arguments:)` builds
/// `StatementArguments` of `DatabaseValue`s per row; on a million orders that was a
/// measured ~10 % of ingest (perf), so the hot statements bind directly. Text is
/// bound in place (SQLITE_STATIC): the batch's bytes outlive the step.
/// Only `Sources/Warehouse/SQLite/` touches SQLite's C API.
package final class StagingStatement {
    private let statement: Statement
    private let database: Database
    private var s: OpaquePointer { statement.sqliteStatement }
    /// Per parameter (1-based): NULL is bound now. A column an export lacks is NULL on every
    /// row, and is not bound again (a reset keeps bindings): orders carry six optional columns
    /// most exports lack (SPEC §2.7), 12 M binds on 2 M orders.
    private let nullBound: UnsafeMutableBufferPointer<Bool>

    package init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        database = db
        nullBound = Self.allNull(statement)
    }

    package init(_ statement: Statement, _ db: Database) {
        self.statement = statement
        database = db
        nullBound = Self.allNull(statement)
    }

    deinit { nullBound.deallocate() }

    /// A new statement's parameters are all NULL.
    private static func allNull(_ statement: Statement) -> UnsafeMutableBufferPointer<Bool> {
        let buffer = UnsafeMutableBufferPointer<Bool>.allocate(capacity: Int(sqlite3_bind_parameter_count(statement.sqliteStatement)) + 1)
        buffer.initialize(repeating: true)
        return buffer
    }

    /// Binds cells `range` of `row` to parameters 1…, after `reset()`.
    package func bind(_ batch: PackedBatch, _ row: PackedBatch.Row, _ range: Range<Int>, bytes: UnsafeBufferPointer<UInt8>) throws {
        var i: Int32 = 1
        for k in range {
            try bind(batch.cell(row: row, column: k), at: i, bytes: bytes)
            i += 1
        }
    }

    package func bind(_ cell: PackedBatch.Cell, at index: Int32, bytes: UnsafeBufferPointer<UInt8>) throws {
        let i = Int(index)
        if case .null = cell {
            if nullBound[i] { return }
            nullBound[i] = true
            return try check(sqlite3_bind_null(s, index))
        }
        nullBound[i] = false
        switch cell {
        case .null: break
        case .integer(let v): try check(sqlite3_bind_int64(s, index, sqlite3_int64(v)))
        case .real(let v): try check(sqlite3_bind_double(s, index, v))
        case .text(let start, let count):
            guard let buffer = bytes.baseAddress else { return try bind("", at: index) }  // only empty texts
            let base = UnsafeRawPointer(buffer + Int(start)).assumingMemoryBound(to: CChar.self)
            try check(sqlite3_bind_text(s, index, base, count, nil))  // nil = SQLITE_STATIC
        }
    }

    package func bind(_ value: Int64, at index: Int32) throws {
        nullBound[Int(index)] = false
        try check(sqlite3_bind_int64(s, index, value))
    }

    /// Text that lives longer than one row (a file name, a dimension): SQLite copies it.
    package func bind(_ value: String, at index: Int32) throws {
        nullBound[Int(index)] = false
        try check(sqlite3_bind_text(s, index, value, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)))
    }

    /// A value of a query's arguments or a result row.
    package func bind(_ value: StoredValue, at index: Int32) throws {
        nullBound[Int(index)] = value == .null
        switch value {
        case .null: try check(sqlite3_bind_null(s, index))
        case .integer(let v): try check(sqlite3_bind_int64(s, index, v))
        case .real(let v): try check(sqlite3_bind_double(s, index, v))
        case .text(let v): try bind(v, at: index)
        }
    }

    package func reset() {
        sqlite3_reset(s)
    }

    /// Forgets bound values, so no pointer into a freed batch stays bound.
    package func clearBindings() {
        sqlite3_clear_bindings(s)
        for i in nullBound.indices { nullBound[i] = true }
    }

    /// Steps a statement that returns no row.
    package func execute() throws {
        let step = sqlite3_step(s)
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    /// Steps a `SELECT source_run, source_file, source_line …`: the first row's values, or nil.
    package func source() throws -> (run: Int64, file: String, line: Int)? {
        let step = sqlite3_step(s)
        if step == SQLITE_DONE { return nil }
        guard step == SQLITE_ROW else { throw failure(step) }
        let file = sqlite3_column_text(s, 1).map { String(cString: $0) } ?? ""
        return (sqlite3_column_int64(s, 0), file, Int(sqlite3_column_int64(s, 2)))
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
