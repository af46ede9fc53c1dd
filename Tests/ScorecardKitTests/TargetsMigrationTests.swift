import Foundation
import GRDB
import Testing
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPostgreSQL
@testable import ScorecardSQLite

/// SPEC §3.12 (issue 32, migration v17): a warehouse of an earlier build holds the wide targets
/// (manager_id, period, sales_target) keyed by manager and period; it opens with the long-form
/// table, its rows kept as kind sales, tier target — on both engines.
@Suite struct TargetsMigrationTests {
    static let wide = """
        CREATE TABLE targets (manager_id TEXT NOT NULL, period TEXT NOT NULL, sales_target REAL NOT NULL,
          source_run INTEGER, source_file TEXT, source_line INTEGER, PRIMARY KEY (manager_id, period))
        """
    static let long = [["2026-10", "M001", "", "sales", "target", "50000.0"], ["2026-10", "M002", "", "sales", "target", "40000.0"]]

    @Test func sqliteRebuildsTheWideTable() throws {
        let tmp = TempFolder()
        let path = tmp.file("warehouse.sqlite")
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v16: team rollup")
        try queue.write { db in
            try db.execute(sql: "DROP TABLE targets")
            try db.execute(sql: Self.wide)
            try db.execute(sql: "INSERT INTO targets VALUES ('M001', '2026-10', 50000, 1, 'targets.csv', 2), ('M002', '2026-10', 40000, 1, 'targets.csv', 3)")
        }
        let probe = try WarehouseProbe(.sqlite(path: path))
        #expect(try probe.rows("SELECT period, manager_id, team, kind, tier, target FROM targets ORDER BY manager_id") == Self.long)
        #expect(try probe.rows("SELECT source_line FROM targets ORDER BY manager_id") == [["2.0"], ["3.0"]])
        #expect(try probe.rows("SELECT COUNT(*) FROM submission_items") == [["0.0"]])
    }

    @Test func postgresRebuildsTheWideTable() throws {
        let uri = try TestPostgres.newDatabase()
        try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate()
        let owner = try PGConnection(uri: uri, timeZone: "UTC")
        try owner.execute("DROP TABLE targets")
        try owner.execute("""
            CREATE TABLE targets (manager_id text NOT NULL, period text NOT NULL, sales_target numeric(18,2) NOT NULL,
              source_run bigint, source_file text, source_line bigint, PRIMARY KEY (manager_id, period))
            """)
        try owner.execute("INSERT INTO targets VALUES ('M001', '2026-10', 50000, 1, 'targets.csv', 2), ('M002', '2026-10', 40000, 1, 'targets.csv', 3)")
        // On a Citus coordinator (`make test-citus`) the wide table was a reference table, as `CitusPlacement` placed it.
        if !TestPostgres.citusWorkers.isEmpty { try owner.execute("SELECT create_reference_table('targets')") }
        try owner.execute("DELETE FROM schema_migrations WHERE identifier LIKE 'v17%'")
        let probe = try WarehouseProbe(.postgres(uri: uri))
        #expect(try probe.rows("SELECT period, manager_id, team, kind, tier, target FROM targets ORDER BY manager_id") == Self.long)
        #expect(try owner.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'targets_wide'") == "0")
        if !TestPostgres.citusWorkers.isEmpty {  // the long table is placed as the wide one was: a reference table
            #expect(try owner.execute("SELECT count(*) FROM pg_dist_partition WHERE logicalrelid = 'targets'::regclass AND partmethod = 'n'") == "1")
        }
    }
}
