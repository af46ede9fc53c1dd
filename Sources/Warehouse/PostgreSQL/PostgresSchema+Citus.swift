import Foundation
import ScorecardModel
import ScorecardWarehouse

/// The tables on a Citus coordinator (SPEC §9): placed by `CitusPlacement` when the migrations
/// create them, and by `distribute` on a warehouse made before Citus was there. Scorecard
/// connects to the coordinator only; Citus routes every statement (docs/scale-out.md).
extension PostgresSchema {
    /// Whether the database is a Citus coordinator (the `citus` extension created in it).
    package static func hasCitus(_ connection: PGConnection) throws -> Bool {
        try connection.execute("SELECT 1 FROM pg_extension WHERE extname = 'citus'") != nil
    }

    /// What a run's session needs on Citus, set here so that no DBA has to remember it (issue 29):
    /// - the one join that is not co-located (survey dimensions with their surveys) runs as a
    ///   repartition join, which Citus refuses unless asked to;
    /// - no local execution: with the coordinator in the cluster, a write to a reference table is
    ///   done on its local copy, and Citus then refuses the run's later multi-shard statements in
    ///   the same transaction ("a local execution has accessed a placement").
    static func citusSession(_ connection: PGConnection) throws {
        try connection.execute("SET citus.enable_repartition_joins = on")
        try connection.execute("SET citus.enable_local_execution = off")
    }

    /// The tables Citus already manages (distributed or reference), by name.
    static func placedTables(_ connection: PGConnection) throws -> Set<String> {
        var names = Set<String>()
        try connection.forEachRow("""
            SELECT c.relname FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
            WHERE c.relnamespace = to_regnamespace(current_schema())
            """, [], clock: utc) { names.insert($0.text(0)) }
        return names
    }

    /// Places the tables a migration just created: all of them on a new warehouse, and a later
    /// migration's new tables on a warehouse already distributed (SPEC §9: "new tables of later
    /// migrations are created distributed"). On a warehouse not distributed yet they stay plain
    /// tables, for `scorecard warehouse distribute` to place with the rest.
    @discardableResult
    static func placeCreated(_ created: [Table], of all: [Table], _ connection: PGConnection) throws -> [DistributedTable] {
        guard !created.isEmpty, try hasCitus(connection) else { return [] }
        let placed = try placedTables(connection)
        guard created.count == all.count || placed.contains(CitusPlacement.factAnchor) else { return [] }
        return try place((created + [migrationsTable]).filter { !placed.contains($0.name) }, connection)
    }

    /// `schema_migrations`, made before the others (`appliedMigrations`): a reference table.
    static let migrationsTable = Table(name: "schema_migrations", columns: [Column(name: "identifier", type: "text", notNull: true, defaultValue: nil)],
                                       primaryKey: ["identifier"], identity: nil)

    /// Calls Citus for each table, anchors first, in the caller's transaction: one that fails
    /// leaves every table as it was. The tables placed, with the rows each copied to the nodes.
    private static func place(_ tables: [Table], _ connection: PGConnection) throws -> [DistributedTable] {
        var done: [DistributedTable] = []
        for table in CitusPlacement.ordered(tables) {
            let placement = CitusPlacement.of(table)
            guard let statement = placement.statement(for: table.name) else { continue }
            let rows = Int(try connection.execute("SELECT count(*) FROM \(table.name)") ?? "0") ?? 0
            try connection.execute(statement)
            done.append(DistributedTable(table: table.name, placement: placement.description, rows: rows))
        }
        return done
    }

    /// Distributes a warehouse made before Citus was there (`scorecard warehouse distribute`):
    /// the tables brought up to date first (a new warehouse's are created placed), then every
    /// table not placed yet, by the plan, in one transaction; the coordinator's local copies of
    /// the rows are then emptied (Citus leaves them after copying). Tables already placed are
    /// left as they are, so running it twice changes nothing the second time.
    /// - Throws: `WarehouseError.notDistributable`, before anything is touched, when the database
    ///   is not a Citus coordinator.
    package static func distribute(_ connection: PGConnection) throws -> [DistributedTable] {
        guard try hasCitus(connection) else {
            throw WarehouseError.notDistributable(path: connection.uri, reason: "the database has no citus extension (CREATE EXTENSION citus, "
                                                  + "then citus_add_node for each worker: docs/scale-out.md)")
        }
        let created = try migrate(connection)
        let reference = try reference()
        try connection.execute("BEGIN")
        do {
            let placed = try placedTables(connection)
            let done = try place((reference.tables + [migrationsTable]).filter { !placed.contains($0.name) }, connection)
            for table in done where table.rows > 0 {
                try connection.execute("SELECT truncate_local_data_after_distributing_table($1::regclass)", [.text(table.table)])
            }
            try connection.execute("COMMIT")
            return created + done
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
