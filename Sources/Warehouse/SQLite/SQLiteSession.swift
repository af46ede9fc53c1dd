import Foundation
import GRDB
import GRDBSQLite
import ScorecardModel
import ScorecardPipeline
import ScorecardSQL
import ScorecardWarehouse

/// A transaction in the SQLite warehouse, through GRDB's connection; hot paths
/// (rows read, bound, inserted) use SQLite's C API directly.
package final class SQLiteSession: SQLSession {
    package let db: Database
    package let path: String
    package var dialect: SQLDialect { .sqlite }
    /// The client folds the orders: see `SQLSession.sumsLedgersInEngine`.
    package var sumsLedgersInEngine: Bool { false }
    package var location: WarehouseLocation { .sqlite(path: path) }

    package init(_ db: Database, path: String) {
        self.db = db
        self.path = path
    }

    package func execute(_ sql: String, _ arguments: [(any Storable)?]) throws {
        let statement = try StagingStatement(db, sql: sql)
        for (i, value) in arguments.enumerated() { try statement.bind(value.storedValue, at: Int32(i + 1)) }
        try statement.execute()
    }

    package func forEachRow(_ sql: String, _ arguments: [(any Storable)?], _ body: (any SQLRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        let s = statement.sqliteStatement
        let binder = StagingStatement(statement, db)
        for (i, value) in arguments.enumerated() { try binder.bind(value.storedValue, at: Int32(i + 1)) }
        let row = SQLiteRow(statement)
        defer { sqlite3_reset(s) }
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw WarehouseError.database(path: path, message: "\(String(cString: sqlite3_errstr(code))): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            try body(row)
        }
    }

    /// Prepared once, bound through SQLite's C API per row (GRDB's arguments cost more than
    /// the insert itself on 1.1 M customer grades).
    package func insert<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws where Rows.Element == [(any Storable)?] {
        let quoted = columns.map { "\"\($0)\"" }
        let statement = try StagingStatement(db, sql: "INSERT INTO \(table) (\(quoted.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        for row in rows {
            precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
            statement.reset()
            for (i, value) in row.enumerated() { try statement.bind(value.storedValue, at: Int32(i + 1)) }
            try statement.execute()
        }
        statement.clearBindings()
    }

    package func insertReturningID(into table: String, columns: [String], values: [(any Storable)?], idColumn: String) throws -> Int64 {
        try insert(into: table, columns: columns, rows: [values])
        return db.lastInsertedRowID
    }

    package func columns(of table: String) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    /// The page cache down from the load's 64 MiB to 8 MiB: the metrics' reads are scans and
    /// grouped scans, as fast with it (bank-sized set: 10.3 s against 12.4 s), and the pages
    /// left from the load were ~60 MB of the run's peak (issue 10).
    package func loaded() throws {
        try execute("PRAGMA cache_size = -8192")
    }

    package func stager(for entity: Entity, runID: Int64, dimensions: [String], bulk: Bool) throws -> any EntityStager {
        try SQLiteStager(entity, runID: runID, dimensions: dimensions, bulk: bulk, session: self)
    }
}
