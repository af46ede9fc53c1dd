import Foundation
import GRDB
import ScorecardModel
import ScorecardSQLite
import ScorecardWarehouse

/// The PostgreSQL tables (SPEC §9): the same tables and columns as SQLite's, derived from
/// SQLite's migrations (built in memory and read back), so the two cannot drift apart —
/// with PostgreSQL's own types: `timestamptz` for times, `date` for days,
/// `numeric(18,2)` for staged money, `double precision` for rates and computed values,
/// `bigint` for counts, and text in the "C" collation, so that text sorts and compares
/// byte by byte as in SQLite.
///
/// Migrating is additive, as every SQLite migration so far: a missing table is created,
/// a missing column added; `schema_migrations` records which SQLite migrations the
/// tables now match. Keys hold for Citus as they are (docs/scale-out.md).
package enum PostgresSchema {
    package struct Column: Equatable {
        package var name: String
        package var type: String
        package var notNull: Bool
        package var defaultValue: String?
    }

    package struct Table {
        package var name: String
        package var columns: [Column]
        package var primaryKey: [String]
        package var identity: String?
    }

    /// Result and run columns that hold an instant (SQLite keeps ISO text).
    package static let timeColumns: Set<String> = ["started_at", "finished_at", "as_of", "latest_activity", "first_activity", "received_at",
                                           "last_visit", "completed_at", "sent_at"]

    /// The reference tables: SQLite's schema after every migration, PostgreSQL types.
    package static func reference() throws -> (tables: [Table], migrations: [String], indexes: [(name: String, table: String, column: String)]) {
        let queue = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(queue)
        return try queue.read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
                """)
            let tables = try names.map { name -> Table in
                let info = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
                let entity = Entity(rawValue: name)
                var columns: [Column] = info.map { r in
                    let column: String = r[0]
                    return Column(name: column, type: type(of: column, sqliteType: r[1], entity: entity), notNull: (r[2] as Int) != 0, defaultValue: r[4])
                }
                let key = info.filter { ($0[3] as Int) > 0 }.sorted { ($0[3] as Int) < ($1[3] as Int) }.map { $0[0] as String }
                var identity: String?
                if name == "runs" { identity = "run_id" }
                if name == "deliveries" { identity = "seq" }
                if name == "rejects" { columns.append(Column(name: "seq", type: "bigint", notNull: true, defaultValue: nil)); identity = "seq" }
                return Table(name: name, columns: columns, primaryKey: name == "rejects" ? ["seq"] : citusKey(key, columns: columns, entity: entity),
                             identity: identity)
            }
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            let indexes = try Row.fetchAll(db, sql: """
                SELECT m.name, m.tbl_name, i.name FROM sqlite_master m, pragma_index_info(m.name) i
                WHERE m.type = 'index' AND m.sql IS NOT NULL ORDER BY m.name
                """).map { (name: $0[0] as String, table: $0[1] as String, column: $0[2] as String) }
            return (tables, migrations, indexes)
        }
    }

    /// A staged fact table's key with `customer_id` in front when it lacks it (`orders`:
    /// `(customer_id, order_id)`): Citus requires the distribution column in every unique
    /// key (docs/scale-out.md). The entity's own key stays unique because a load deletes
    /// the incoming keys before inserting (`PostgresStager`).
    package static func citusKey(_ key: [String], columns: [Column], entity: Entity?) -> [String] {
        guard entity != nil, entity != .customers, !key.contains("customer_id"), columns.contains(where: { $0.name == "customer_id" }) else { return key }
        return ["customer_id"] + key
    }

    package static func type(of column: String, sqliteType: String, entity: Entity?) -> String {
        if let spec = entity?.columns.first(where: { $0.name == column }) {
            switch spec.kind {
            case .timestamp: return "timestamptz"
            case .date: return "date"
            case .money: return "numeric(18,2)"
            case .number: return "double precision"
            case .score: return "integer"
            case .text, .choice, .period, .covered, .currency: return "text COLLATE \"C\""
            }
        }
        if timeColumns.contains(column) { return "timestamptz" }
        switch sqliteType.uppercased() {
        case "INTEGER": return "bigint"
        case "REAL": return "double precision"
        default: return "text COLLATE \"C\""
        }
    }

    package static func create(_ table: Table) -> String {
        var lines = table.columns.map { c -> String in
            let identity = c.name == table.identity ? " GENERATED BY DEFAULT AS IDENTITY" : ""
            let value = c.defaultValue.map { " DEFAULT \($0)" } ?? ""
            return "\(quote(c.name)) \(c.type)\(identity)\(value)\(c.notNull || !identity.isEmpty ? " NOT NULL" : "")"
        }
        if !table.primaryKey.isEmpty { lines.append("PRIMARY KEY (\(table.primaryKey.map(quote).joined(separator: ", ")))") }
        return "CREATE TABLE \(table.name) (\n  \(lines.joined(separator: ",\n  "))\n)"
    }

    package static func quote(_ name: String) -> String { "\"\(name)\"" }

    /// Brings the server's tables up to the reference, in one transaction, serialised
    /// between runs that open the warehouse at once. The tables it created placed on a Citus
    /// cluster, if any.
    @discardableResult
    package static func migrate(_ connection: PGConnection) throws -> [DistributedTable] {
        let reference = try reference()
        try connection.execute("BEGIN")
        do {
            try connection.execute("SELECT pg_advisory_xact_lock(\(migrationLockKey))")
            var placed: [DistributedTable] = []
            let applied = try appliedMigrations(connection, reference: reference)
            try WarehouseError.checkKnown(applied: applied, known: reference.migrations, path: connection.uri)
            if !reference.migrations.allSatisfy(applied.contains) {
                // An upgrade ALTERs tables BI tools read: it waits for them a while, then gives up
                // saying so, rather than queue every later reader behind it without a word (issue 25).
                try connection.execute("SET LOCAL lock_timeout = '\(upgradeLockWait)'")
                var created: [Table] = []
                var wideTargets = false
                do {
                    wideTargets = try setAsideWideTargets(connection)  // an ALTER … RENAME: a lock too
                    for table in reference.tables where try bringUp(table, connection) { created.append(table) }
                } catch where connection.lastErrorState == "55P03" {
                    throw WarehouseError.database(path: connection.uri, message: "the warehouse's tables must be upgraded for this scorecard, "
                        + "and another session (a BI tool?) held one of them for \(upgradeLockWait); nothing was changed. Run again when it lets go.")
                }
                placed = try placeCreated(created, of: reference.tables, connection)
                if wideTargets { try restoreWideTargets(connection) }
                for index in reference.indexes {
                    try connection.execute("CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.table) (\(quote(index.column)))")
                }
                for name in reference.migrations where !applied.contains(name) {
                    try connection.execute("INSERT INTO schema_migrations (identifier) VALUES ($1)", [.text(name)])
                }
            }
            try connection.execute("COMMIT")
            return placed
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The migrations applied to the server's schema, creating `schema_migrations` only when it
    /// is missing (issue 25: a role with rights on the existing tables only could not run).
    /// - Throws: `WarehouseError.cannotOpen` naming a table of another application: with no
    ///   migration of ours applied, a table named like ours is not ours, and it is neither
    ///   altered nor filled (issue 25: an `orders` table got our columns and lost its rows).
    private static func appliedMigrations(_ connection: PGConnection, reference: (tables: [Table], migrations: [String], indexes: [(name: String, table: String, column: String)])) throws -> Set<String> {
        var existing = Set<String>()
        try connection.forEachRow("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", [], clock: utc) {
            existing.insert($0.text(0))
        }
        func refuse(_ table: String, _ what: String) -> WarehouseError {
            .cannotOpen(path: connection.uri, reason: "the table \(table) in schema \(schema(connection)) \(what), "
                        + "not a scorecard warehouse's; nothing was changed. Give another database or schema (search_path in the URI's options).")
        }
        var applied = Set<String>()
        if existing.contains("schema_migrations") {
            var columns: [String] = []
            try connection.forEachRow("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
                                      [], clock: utc) { columns.append($0.text(0)) }
            guard columns.contains("identifier") else { throw refuse("schema_migrations", "belongs to another application's migrations") }
            try connection.forEachRow("SELECT identifier FROM schema_migrations", [], clock: utc) { applied.insert($0.text(0)) }
        }
        if applied.isDisjoint(with: reference.migrations) {
            if let foreign = reference.tables.map(\.name).first(where: existing.contains) {
                throw refuse(foreign, "belongs to another application (our migrations did not make it)")
            }
            if !existing.contains("schema_migrations") {
                try connection.execute("CREATE TABLE schema_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            }
        }
        return applied
    }

    /// The schema the warehouse's tables are in, for messages.
    private static func schema(_ connection: PGConnection) -> String {
        (try? connection.execute("SELECT current_schema()")) ?? "public"
    }

    /// Creates `table` (true), or adds the columns it lacks (false).
    private static func bringUp(_ table: Table, _ connection: PGConnection) throws -> Bool {
        var existing: [String] = []
        try connection.forEachRow("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
                                  [.text(table.name)], clock: utc) { existing.append($0.text(0)) }
        if existing.isEmpty {
            try connection.execute(create(table))
            return true
        }
        for column in table.columns where !existing.contains(column.name) {
            // As SQLite's ALTER TABLE adds it: nullable, or NOT NULL with its default.
            let value = column.defaultValue.map { " DEFAULT \($0)" } ?? ""
            let notNull = column.notNull && column.defaultValue != nil ? " NOT NULL" : ""
            try connection.execute("ALTER TABLE \(table.name) ADD COLUMN \(quote(column.name)) \(column.type)\(value)\(notNull)")
        }
        return false
    }

    /// The clock of the schema's own queries (they read no times).
    static let utc = ZoneClock(timeZone: TimeZone(identifier: "UTC")!)

    /// How long a schema upgrade waits for other sessions to let go of a table.
    package static let upgradeLockWait = "30s"

    /// `pg_advisory_xact_lock` key for migrations ("scorecard schema").
    package static let migrationLockKey: Int64 = 0x5C0_12EC_A4D0_0001
    /// `pg_advisory_lock` key held for a whole run ("scorecard run", SPEC §2.4).
    package static let runLockKey: Int64 = 0x5C0_12EC_A4D0_0002
}
