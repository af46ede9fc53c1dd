import Foundation
import GRDB
import GRDBSQLite

/// Steps through a query's rows with SQLite's C API: columns are read in place,
/// without a GRDB `Row` and its values per row. The metrics read two million
/// orders through this; GRDB's cursor took ~3× as long there (measured).
final class RowCursor {
    private let statement: Statement

    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Advances to the next row; false at the end.
    func next() throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw WarehouseError.database(path: "warehouse", message: String(cString: sqlite3_errstr(code)))
    }

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement.sqliteStatement, i) == SQLITE_NULL }

    func double(_ i: Int32) -> Double? { isNull(i) ? nil : sqlite3_column_double(statement.sqliteStatement, i) }

    func string(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(statement.sqliteStatement, i) else { return nil }
        return String(cString: p)
    }

    /// The column's text bytes, valid until the next step.
    func bytes<T>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        guard let p = sqlite3_column_text(statement.sqliteStatement, i) else { return nil }
        let n = Int(sqlite3_column_bytes(statement.sqliteStatement, i))
        return body(UnsafeBufferPointer(start: p, count: n))
    }

    /// Appends the current row's first `width` columns to `batch` as a new row.
    func pack(into batch: inout PackedBatch, width: Int32) {
        let s = statement.sqliteStatement
        batch.beginRow(line: 0)
        for i in 0..<width {
            switch sqlite3_column_type(s, i) {
            case SQLITE_NULL: batch.append(.null)
            case SQLITE_INTEGER: batch.append(.integer(Int(sqlite3_column_int64(s, i))))
            case SQLITE_FLOAT: batch.append(.real(sqlite3_column_double(s, i)))
            default:
                let p = sqlite3_column_text(s, i)
                let n = Int(sqlite3_column_bytes(s, i))
                batch.appendText(UnsafeBufferPointer(start: p, count: n))
            }
        }
    }
}
