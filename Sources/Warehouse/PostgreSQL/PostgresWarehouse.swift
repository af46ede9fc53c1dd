import Foundation
import ScorecardModel
import ScorecardPipeline
import ScorecardSQL
import ScorecardWarehouse

/// The warehouse on a PostgreSQL server (SPEC §9): the same tables as SQLite's with real
/// types, one transaction per run, a session advisory lock between runs.
package final class PostgresWarehouse: Warehouse {
    package let location: WarehouseLocation
    private let connection: PGConnection
    private let clock: ZoneClock
    /// A Citus coordinator: the engine sums the ledgers on the workers.
    private let citus: Bool

    /// Connects (password from `PGPASSWORD` or `~/.pgpass`); `migrate()` brings the tables up to date.
    package init(uri: String, timeZone: String) throws {
        location = .postgres(uri: uri)
        connection = try PGConnection(uri: uri, timeZone: timeZone)
        citus = try PostgresSchema.hasCitus(connection)
        if citus { try PostgresSchema.citusSession(connection) }
        clock = ZoneClock(timeZone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    package func migrate() throws {
        try PostgresSchema.migrate(connection)
    }

    package func distribute() throws -> [DistributedTable] {
        try PostgresSchema.distribute(connection)
    }

    /// `pg_try_advisory_lock` on this connection, held until the returned lock is released:
    /// a second run waits (saying so), then gives up after `timeout` (SPEC §2.4, §9).
    package func lockRuns(timeout: TimeInterval, onWait: (() -> Void)?) throws -> AnyObject {
        let key = PostgresSchema.runLockKey
        try RunLock.take(location.description, timeout: timeout, onWait: onWait) {
            try connection.execute("SELECT pg_try_advisory_lock(\(key))") == "t"
        }
        return AdvisoryLock(connection: connection, key: key)
    }

    package func transaction<T>(_ body: (any WarehouseSession) throws -> T) throws -> T {
        try inTransaction(body, commit: true)
    }

    package func dryRun<T>(_ body: (any WarehouseSession) throws -> T) throws -> T {
        try inTransaction(body, commit: false)
    }

    private func inTransaction<T>(_ body: (any WarehouseSession) throws -> T, commit: Bool) throws -> T {
        try connection.execute("BEGIN")
        do {
            let result = try body(PostgresSession(connection, location: location, clock: clock, sumsLedgersInEngine: citus))
            if commit {
                // COMMIT of a transaction that failed earlier reports ROLLBACK, not an error.
                let status = try connection.command("COMMIT")
                guard status == "COMMIT" else { throw WarehouseError.database(path: location.description, message: "the transaction was rolled back") }
            } else {
                try connection.execute("ROLLBACK")
            }
            return result
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The run lock: released when the run lets go of it (or its connection closes).
    private final class AdvisoryLock {
        let connection: PGConnection
        let key: Int64

        init(connection: PGConnection, key: Int64) {
            self.connection = connection
            self.key = key
        }

        deinit { _ = try? connection.execute("SELECT pg_advisory_unlock(\(key))") }
    }
}

/// A transaction on the PostgreSQL warehouse. The shared queries' `?` parameters are
/// numbered (`$1`, …) here.
package final class PostgresSession: SQLSession {
    package let connection: PGConnection
    package let location: WarehouseLocation
    package let clock: ZoneClock
    package var dialect: SQLDialect { .postgres }
    package let sumsLedgersInEngine: Bool

    package init(_ connection: PGConnection, location: WarehouseLocation, clock: ZoneClock, sumsLedgersInEngine: Bool = false) {
        self.sumsLedgersInEngine = sumsLedgersInEngine
        self.connection = connection
        self.location = location
        self.clock = clock
    }

    package func execute(_ sql: String, _ arguments: [(any Storable)?]) throws {
        try connection.execute(Self.numbered(sql), arguments.map(\.storedValue))
    }

    package func forEachRow(_ sql: String, _ arguments: [(any Storable)?], _ body: (any SQLRow) throws -> Void) throws {
        try connection.forEachRow(Self.numbered(sql), arguments.map(\.storedValue), clock: clock, body)
    }

    /// `COPY … FROM STDIN`, sent in chunks of about 1 MiB as the rows are made.
    package func insert<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws where Rows.Element == [(any Storable)?] {
        try connection.copy(into: table, columns: columns) { send in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + 4096)
            for row in rows {
                precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
                for (i, value) in row.enumerated() {
                    if i > 0 { buffer.append(0x09) }
                    PGText.append(value.storedValue, to: &buffer)
                }
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    try buffer.withUnsafeBytes(send)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes(send)
        }
    }

    package func insertReturningID(into table: String, columns: [String], values: [(any Storable)?], idColumn: String) throws -> Int64 {
        let sql = "INSERT INTO \(table) (\(columns.map(PostgresSchema.quote).joined(separator: ", "))) VALUES (\(columns.indices.map { "$\($0 + 1)" }.joined(separator: ", "))) RETURNING \(idColumn)"
        guard let id = try connection.execute(sql, values.map(\.storedValue)).flatMap({ Int64($0) }) else {
            throw WarehouseError.database(path: location.description, message: "no \(idColumn) returned by the insert into \(table)")
        }
        return id
    }

    package func columns(of table: String) throws -> [String] {
        var names: [String] = []
        try forEachRow("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                       [table]) { names.append($0.text(0)) }
        return names
    }

    /// Nothing to release: the server keeps the cache.
    package func loaded() throws {}

    package func stager(for entity: Entity, runID: Int64, dimensions: [String], bulk: Bool) throws -> any EntityStager {
        try PostgresStager(entity, runID: runID, dimensions: dimensions, bulk: bulk, session: self)
    }

    /// `?` → `$1`, `$2`, … outside quoted text and names.
    package static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        for c in sql {
            if let q = quote {
                if c == q { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }
}
