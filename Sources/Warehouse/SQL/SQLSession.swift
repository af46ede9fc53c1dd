import ScorecardIngest
import ScorecardWarehouse

/// The two SQL dialects: the shared queries differ only where these say.
package enum SQLDialect {
    case sqlite, postgres

    /// SQLite: scan the table rather than walk an index over most of it (see `SQLSession.access`).
    package var notIndexed: String { self == .sqlite ? "NOT INDEXED" : "" }
    /// A column of doubles: SQLite's REAL is PostgreSQL's `real` only in name (4 bytes there).
    package var doubleType: String { self == .sqlite ? "REAL" : "double precision" }
    /// A table's rows in the order they were inserted: SQLite's `rowid`, PostgreSQL's `seq` identity
    /// column (on `rejects`).
    package var insertionOrder: String { self == .sqlite ? "rowid" : "seq" }
    /// A money column in whole cents, exact: SQLite's REAL rounded half away from zero as the
    /// client rounds it (`LedgerWindow.cents`), PostgreSQL's numeric(18,2) times 100.
    package func cents(_ column: String) -> String {
        self == .sqlite ? "CAST(ROUND(\(column) * 100) AS INTEGER)" : "(\(column) * 100)"
    }
    /// Whole days from date `b` to date `a` (ISO text in SQLite, `date` in PostgreSQL).
    package func days(from b: String, to a: String) -> String {
        self == .sqlite ? "CAST(julianday(\(a)) - julianday(\(b)) AS INTEGER)" : "(\(a) - \(b))"
    }
    /// A text column's length in UTF-8 bytes (both engines' `length` counts characters).
    package func bytes(_ column: String) -> String {
        self == .sqlite ? "length(CAST(\(column) AS BLOB))" : "octet_length(\(column))"
    }
    /// A `?` parameter holding a date, where an expression needs its type.
    package var dateParameter: String { self == .sqlite ? "?" : "CAST(? AS date)" }
    /// After a subquery's FROM: SQLite merges a subquery into an aggregate over it, evaluating
    /// its expressions once per use; `LIMIT -1` keeps them once per row (bank-shaped ledger:
    /// 3.06 → 2.79 s). PostgreSQL computes a subquery's columns once as it is.
    package var unflattened: String { self == .sqlite ? "LIMIT -1" : "" }
    /// The larger of two values.
    package func greatest(_ a: String, _ b: String) -> String { self == .sqlite ? "MAX(\(a), \(b))" : "GREATEST(\(a), \(b))" }
}

/// One row of a query, read in place until the next row.
package protocol SQLRow {
    func isNull(_ column: Int) -> Bool
    func string(_ column: Int) -> String?
    func int(_ column: Int) -> Int?
    func double(_ column: Int) -> Double?
    /// The column's text bytes (a time's ISO text, a number's digits), nil when NULL.
    func bytes<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T?
    /// Appends the row's first `width` columns to `batch` as a new row.
    func pack(into batch: inout PackedBatch, width: Int)
}

extension SQLRow {
    /// A NOT NULL text column.
    package func text(_ column: Int) -> String { string(column) ?? "" }
}

/// A transaction in a SQL warehouse: what the SQLite and PostgreSQL sessions provide, on
/// which the shared queries (this folder) implement `WarehouseSession`. The queries are
/// written once, in SQL both engines accept (`?` parameters; the PostgreSQL session numbers
/// them); the implementations differ in how rows are read, bound, bulk-inserted and staged.
package protocol SQLSession: WarehouseSession {
    var dialect: SQLDialect { get }
    func execute(_ sql: String, _ arguments: [(any Storable)?]) throws
    /// Steps through a query's rows one at a time (never all of them in memory).
    func forEachRow(_ sql: String, _ arguments: [(any Storable)?], _ body: (any SQLRow) throws -> Void) throws
    /// Inserts `rows` as they are made: prepared inserts in SQLite, `COPY` in PostgreSQL.
    func insert<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws where Rows.Element == [(any Storable)?]
    /// Inserts one row and returns its generated `idColumn`.
    func insertReturningID(into table: String, columns: [String], values: [(any Storable)?], idColumn: String) throws -> Int64
    /// The columns `table` has now.
    func columns(of table: String) throws -> [String]
}

extension SQLSession {
    package func execute(_ sql: String) throws { try execute(sql, []) }

    package func forEachRow(_ sql: String, _ body: (any SQLRow) throws -> Void) throws { try forEachRow(sql, [], body) }

    /// The first column of the first row, or nil.
    package func firstString(_ sql: String, _ arguments: [(any Storable)?] = []) throws -> String? {
        var value: String?
        var seen = false
        try forEachRow(sql, arguments) { r in
            if !seen { value = r.string(0); seen = true }
        }
        return value
    }

    package func firstDouble(_ sql: String, _ arguments: [(any Storable)?] = []) throws -> Double? {
        try firstString(sql, arguments).flatMap(Double.init)
    }

    /// True when the query returns a row.
    package func exists(_ sql: String, _ arguments: [(any Storable)?] = []) throws -> Bool {
        var found = false
        try forEachRow("SELECT 1 WHERE EXISTS (\(sql))", arguments) { _ in found = true }
        return found
    }
}
