import Foundation
import GRDB
import GRDBSQLite
import ScorecardIngest
import ScorecardSQL

/// The current row of an SQLite statement, read in place with SQLite's C API: no GRDB
/// `Row` and its values per row. The metrics read two million orders through this;
/// GRDB's cursor took ~3× as long there (measured).
package final class SQLiteRow: SQLRow {
    private let s: OpaquePointer

    package init(_ statement: Statement) { s = statement.sqliteStatement }

    package func isNull(_ i: Int) -> Bool { sqlite3_column_type(s, Int32(i)) == SQLITE_NULL }

    package func double(_ i: Int) -> Double? { isNull(i) ? nil : sqlite3_column_double(s, Int32(i)) }

    package func int(_ i: Int) -> Int? { isNull(i) ? nil : Int(sqlite3_column_int64(s, Int32(i))) }

    /// Text; a real as the shortest text that reads back as the same double (SQLite's own
    /// text of a real keeps 15 digits, which may not).
    package func string(_ i: Int) -> String? {
        if sqlite3_column_type(s, Int32(i)) == SQLITE_FLOAT { return "\(sqlite3_column_double(s, Int32(i)))" }
        guard let p = sqlite3_column_text(s, Int32(i)) else { return nil }
        return String(cString: p)
    }

    package func bytes<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        guard let p = sqlite3_column_text(s, Int32(i)) else { return nil }
        return body(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, Int32(i)))))
    }

    package func pack(into batch: inout PackedBatch, width: Int) {
        batch.beginRow(line: 0)
        for k in 0..<Int32(width) {
            switch sqlite3_column_type(s, k) {
            case SQLITE_NULL: batch.append(.null)
            case SQLITE_INTEGER: batch.append(.integer(Int(sqlite3_column_int64(s, k))))
            case SQLITE_FLOAT: batch.append(.real(sqlite3_column_double(s, k)))
            default:
                let p = sqlite3_column_text(s, k)
                batch.appendText(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, k))))
            }
        }
    }
}
