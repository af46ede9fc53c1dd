import Foundation

/// Where a run keeps its warehouse (SPEC §9): the SQLite file (default) or a PostgreSQL
/// server named by a libpq connection URI. The password is never part of it: libpq
/// takes it from `PGPASSWORD` or `~/.pgpass`.
public enum WarehouseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(uri: String)

    /// `sqlite:PATH` or `postgresql://…` / `postgres://…` (the scheme in any case), nothing
    /// else (issue 25): a JDBC or SQLAlchemy URL, `pg://`, a libpq `host=… dbname=…` string or
    /// `sqlite::memory:` must not quietly become a SQLite file of that name in the working folder
    /// (or a warehouse that vanishes when the run ends) while the run says "results stored".
    /// - Throws: `WarehouseError.passwordInURI` when the URI carries a password (as libpq reads
    ///   it: `user:password@`, `?password=`, `sslpassword`, percent-encoded or not);
    ///   `WarehouseError.notAWarehouse` for any other form.
    public init(parsing text: String) throws {
        let lower = text.lowercased()
        if let scheme = ["postgresql://", "postgres://"].first(where: lower.hasPrefix) {
            let uri = scheme + text.dropFirst(scheme.count)  // libpq knows the scheme in lower case only
            guard try !PGConnection.hasPassword(uri) else { throw WarehouseError.passwordInURI }
            self = .postgres(uri: uri)
        } else if lower.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            // `sqlite::memory:` and `sqlite:file:…` are SQLite's in-memory and URI names, not a
            // file a warehouse can live in; `sqlite://…` is a URL form we do not guess at.
            guard !path.isEmpty, !path.hasPrefix(":"), !path.lowercased().hasPrefix("file:"), !path.hasPrefix("//") else {
                throw WarehouseError.notAWarehouse(text)
            }
            self = .sqlite(path: path)
        } else {
            throw WarehouseError.notAWarehouse(text)
        }
    }

    /// Printable: a path, or the URI (which holds no password).
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let uri): return uri
        }
    }
}

/// The warehouse a run works in (SPEC §2.4, §9): SQLite (`SQLiteWarehouse`) or
/// PostgreSQL (`PostgresWarehouse`). A run takes the run lock, then does all its work
/// in one transaction through a `WarehouseSession`.
protocol Warehouse: AnyObject {
    var location: WarehouseLocation { get }
    /// Takes the lock two runs on one warehouse share: held until the returned value is released.
    /// - Throws: `WarehouseError.busy` when another run holds it past `timeout`.
    func lockRuns(timeout: TimeInterval, onWait: (() -> Void)?) throws -> AnyObject
    /// Creates or brings up to date the tables (SPEC §4.3), under the run lock.
    func migrate() throws
    /// Runs `body` in one transaction: all of it is committed, or none.
    func transaction<T>(_ body: (any WarehouseSession) throws -> T) throws -> T
    /// Runs `body` in a transaction that is always rolled back (`validate`).
    func dryRun<T>(_ body: (any WarehouseSession) throws -> T) throws -> T
}

/// Opens the warehouse at `location` (its tables are migrated by `migrate()`, under the run lock).
func openWarehouse(_ location: WarehouseLocation, timeZone: String) throws -> any Warehouse {
    switch location {
    case .sqlite(let path): return try SQLiteWarehouse(path: path, migrating: false)
    case .postgres(let uri): return try PostgresWarehouse(uri: uri, timeZone: timeZone)
    }
}

/// The two SQL dialects: the shared queries differ only where these say.
enum SQLDialect {
    case sqlite, postgres

    /// SQLite: scan the table rather than walk an index over most of it (see `MetricQueries`).
    var notIndexed: String { self == .sqlite ? "NOT INDEXED" : "" }
    /// A column of doubles: SQLite's REAL is PostgreSQL's `real` only in name (4 bytes there).
    var doubleType: String { self == .sqlite ? "REAL" : "double precision" }
    /// A table's rows in the order they were inserted: SQLite's `rowid`, PostgreSQL's `seq` identity
    /// column (on `rejects`).
    var insertionOrder: String { self == .sqlite ? "rowid" : "seq" }
}

/// A value bound to a query or copied into a table.
enum SQLValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value the warehouse stores: text, whole numbers, reals, flags (as 0/1).
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { var sqlValue: SQLValue { .integer(self ? 1 : 0) } }

extension Optional where Wrapped == any SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// One row of a query, read in place until the next row.
protocol SQLRow {
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
    func text(_ column: Int) -> String { string(column) ?? "" }
}

/// A transaction in the warehouse: the only way the stages reach the tables. The
/// queries are written once, in SQL both engines accept (`?` parameters; the
/// PostgreSQL session numbers them); the implementations differ in how rows are
/// read, bound, bulk-inserted and staged.
protocol WarehouseSession: AnyObject {
    var dialect: SQLDialect { get }
    /// Where the warehouse is, for messages.
    var location: WarehouseLocation { get }
    func execute(_ sql: String, _ arguments: [(any SQLBindable)?]) throws
    /// Steps through a query's rows one at a time (never all of them in memory).
    func forEachRow(_ sql: String, _ arguments: [(any SQLBindable)?], _ body: (any SQLRow) throws -> Void) throws
    /// Inserts `rows` as they are made: prepared inserts in SQLite, `COPY` in PostgreSQL.
    func insert<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws where Rows.Element == [(any SQLBindable)?]
    /// Inserts one row and returns its generated `idColumn`.
    func insertReturningID(into table: String, columns: [String], values: [(any SQLBindable)?], idColumn: String) throws -> Int64
    /// The columns `table` has now.
    func columns(of table: String) throws -> [String]
    /// The load is done: what only it needed in memory may go before the metrics read.
    func loaded() throws
    /// Stages rows of `entity` for this run (SPEC §2.4: the newer row replaces the older).
    func stager(for entity: Entity, runID: Int64, dimensions: [String], bulk: Bool) throws -> any EntityStager
}

extension WarehouseSession {
    func execute(_ sql: String) throws { try execute(sql, []) }

    func forEachRow(_ sql: String, _ body: (any SQLRow) throws -> Void) throws { try forEachRow(sql, [], body) }

    /// The first column of the first row, or nil.
    func firstString(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws -> String? {
        var value: String?
        var seen = false
        try forEachRow(sql, arguments) { r in
            if !seen { value = r.string(0); seen = true }
        }
        return value
    }

    func firstDouble(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws -> Double? {
        try firstString(sql, arguments).flatMap(Double.init)
    }

    /// True when the query returns a row.
    func exists(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws -> Bool {
        var found = false
        try forEachRow("SELECT 1 WHERE EXISTS (\(sql))", arguments) { _ in found = true }
        return found
    }
}

/// Stages one entity's rows for a run. Rows arrive in load order; a later row with a
/// key staged earlier in the same load replaces it, and `finish` names every row so
/// replaced (its file and line, and the later row's), so the load can report it
/// (SPEC §2.3).
protocol EntityStager: AnyObject {
    /// Stages `row` (its first `entity.columns.count` cells, then a survey's dimension scores)
    /// read from `file`.
    func stage(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>, file: String) throws
    /// Merges what is staged into the entity's table and rebuilds its indexes; returns the
    /// rows of this load replaced by a later one.
    func finish() throws -> [SupersededRow]
}

/// A row of this load replaced by a later row with the same key (SPEC §2.3).
struct SupersededRow: Equatable {
    var file: String
    var line: Int
    var laterFile: String
    var laterLine: Int
}
