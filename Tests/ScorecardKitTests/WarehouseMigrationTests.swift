import GRDB
import Testing
@testable import PostgresURI
@testable import ScorecardModel
@testable import ScorecardSQLite

/// A warehouse made by an earlier build opens and is brought up to date: v1 of that
/// build created only the entities it knew, so the later migrations must not assume
/// today's entity list.
@Suite struct WarehouseMigrationTests {
    /// A warehouse as a build before v9 left it: migrated to `last`, without the entities
    /// and the column v9 adds.
    static func oldWarehouse(_ path: String, migratedTo last: String) throws {
        let queue = try DatabaseQueue(path: path)
        var first = DatabaseMigrator()
        first.registerMigration("v1: staged entities, runs, rejects") { db in
            for entity in Entity.allCases where entity != .serviceRequests && entity != .visitPlans {
                let columns = entity.columns.filter { !(entity == .managers && $0.name == "territory") }
                let key = "PRIMARY KEY (\(entity.keyColumns.joined(separator: ", ")))"
                try db.execute(sql: "CREATE TABLE \(entity.rawValue) (\((columns.map { "\($0.name) \(SQLiteSchema.sqlType($0.kind))" } + [key]).joined(separator: ", ")))")
            }
        }
        try first.migrate(queue)
        // The remaining migrations of that build, up to `last`, are today's (they did not change).
        let rest = SQLiteSchema.migrator
        try queue.write { db in
            for table in ["survey_dimensions", "runs", "rejects"] where try !db.tableExists(table) {
                switch table {
                case "survey_dimensions": try db.execute(sql: "CREATE TABLE survey_dimensions (survey_id TEXT NOT NULL, dimension TEXT NOT NULL, score INTEGER NOT NULL, PRIMARY KEY (survey_id, dimension))")
                case "runs": try db.execute(sql: "CREATE TABLE runs (run_id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT NOT NULL, period TEXT, as_of TEXT, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, pipeline_hash TEXT NOT NULL, inputs TEXT NOT NULL, rows_read INTEGER NOT NULL, rows_loaded INTEGER NOT NULL, rows_rejected INTEGER NOT NULL, message TEXT)")
                default: try db.execute(sql: "CREATE TABLE rejects (run_id INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, \"column\" TEXT NOT NULL, reason TEXT NOT NULL, raw TEXT NOT NULL)")
                }
            }
        }
        try rest.migrate(queue, upTo: last)
        #expect(try queue.read { try !$0.tableExists("service_requests") })
    }

    @Test(arguments: ["v3: reject kinds", "v4: source of each staged row", "v8: receivables and customer development"])
    func aWarehouseOfAnEarlierBuildIsBroughtUpToDate(last: String) throws {
        let tmp = TempFolder()
        let path = tmp.file("warehouse.sqlite")
        try Self.oldWarehouse(path, migratedTo: last)
        let warehouse = try SQLiteWarehouse(path: path)
        for entity in [Entity.serviceRequests, .visitPlans, .managers] {
            let columns = try warehouse.rows("SELECT name FROM pragma_table_info('\(entity.rawValue)')").compactMap { $0.first ?? nil }
            for c in entity.columns.map(\.name) + ["source_run", "source_file", "source_line"] {
                #expect(columns.contains(c), "\(entity.rawValue).\(c) missing after migrating from \(last)")
            }
        }
        #expect(try warehouse.rows("SELECT COUNT(*) FROM service_followups") == [["0"]])
    }
}
