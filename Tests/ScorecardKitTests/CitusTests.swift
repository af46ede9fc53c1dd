import Foundation
import Testing
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardPostgreSQL
@testable import ScorecardWarehouse

/// The warehouse on a Citus cluster (SPEC §9, issue 29): run by `make test-citus`, beside the
/// three-node cluster `scripts/with-citus.sh` starts (`make test` leaves this suite out: a plain
/// server has no Citus). The contract and equivalence suites run there too, on the cluster.
@Suite struct CitusTests {
    /// Where every table is, from Citus's own catalogue: `reference`, `by COLUMN@GROUP`, or
    /// `local` for a plain table; the group numbered by first appearance, anchors first.
    static func placements(_ uri: String) throws -> [String: String] {
        let probe = try WarehouseProbe(.postgres(uri: uri))
        var placed: [String: String] = [:]
        var groups: [String: String] = [:]
        let rows = try probe.rows("""
            SELECT table_name::text, citus_table_type, distribution_column, colocation_id FROM citus_tables ORDER BY colocation_id, table_name
            """)
        for r in rows {
            let name = r[0] ?? "", kind = r[1] ?? "", column = r[2] ?? "", group = r[3] ?? ""
            if groups[group] == nil { groups[group] = "g\(groups.count)" }
            placed[name] = kind == "reference" ? "reference" : "by \(column)@\(groups[group] ?? "")"
        }
        for r in try probe.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()") {
            if let name = r[0], placed[name] == nil { placed[name] = "local" }
        }
        return placed
    }

    /// The plan of docs/scale-out.md, checked table by table against the catalogue.
    static func expectPlanned(_ placed: [String: String]) throws {
        let facts = try #require(placed["customers"])
        #expect(facts.hasPrefix("by customer_id@"))
        for entity in Entity.allCases where entity.columns.contains(where: { $0.name == "customer_id" }) {
            #expect(placed[entity.rawValue] == facts, "\(entity.rawValue) is \(placed[entity.rawValue] ?? "missing"), not with customers")
        }
        for table in ["managers", "targets", "runs", "schema_migrations"] {
            #expect(placed[table] == "reference", "\(table) is \(placed[table] ?? "missing")")
        }
        #expect(placed["rejects"] == "local")
        let survey = try #require(placed["survey_dimensions"])
        #expect(survey.hasPrefix("by survey_id@") && survey != facts)
        let results = try #require(placed["customer_grades"])
        #expect(results.hasPrefix("by period@") && results != facts)
        for table in ResultTables.tables { #expect(placed[table] == results, "\(table) is \(placed[table] ?? "missing"), not with the results") }
    }

    static func requireCluster() throws {
        guard !TestPostgres.citusWorkers.isEmpty else {
            throw CitusNotRunning()
        }
    }

    struct CitusNotRunning: Error, CustomStringConvertible {
        var description: String { "no Citus cluster: run `make test-citus` (scripts/with-citus.sh starts one)" }
    }

    @Test func aNewWarehouseIsCreatedDistributedAndARunWorksWithNoStepByHand() throws {
        try Self.requireCluster()
        let tmp = TempFolder()
        let location = try Backend.postgres.location(tmp)
        var config = PipelineConfig()
        config.visits.dailyQuota = ["urban": 3, "rural": 2]
        for period in ["2026-09", "2026-10"] {
            _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: period, config: config))
        }
        guard case .postgres(let uri) = location else { return }
        try Self.expectPlanned(try Self.placements(uri))
        let probe = try WarehouseProbe(location)
        #expect(try probe.rows("SELECT COUNT(*) FROM customer_grades WHERE period = '2026-10'")[0][0].flatMap(Double.init) ?? 0 > 100)
        // The survey-dimension join (not co-located) answered in a run's session: the results have it.
        #expect(try probe.rows("SELECT COUNT(*) FROM satisfaction_groups WHERE period = '2026-10'")[0][0].flatMap(Double.init) ?? 0 > 0)
    }

    @Test func aWarehouseMadeBeforeIsDistributedWithItsRowsAndOnlyOnce() throws {
        try Self.requireCluster()
        let tmp = TempFolder()
        let uri = try TestPostgres.newDatabase(citus: false)
        let location = WarehouseLocation.postgres(uri: uri)
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-09"))
        let before = try WarehouseProbe(location)
        var dumps: [String: [[String?]]] = [:]
        for table in ResultTables.tables + Entity.allCases.map(\.rawValue) + ["survey_dimensions"] { dumps[table] = try before.dump(table) }

        try TestPostgres.makeCoordinator(uri)
        let placed = try PipelineRunner.distribute(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample))
        #expect(placed.first { $0.table == "orders" }?.rows == dumps["orders"]?.count)
        #expect(placed.first { $0.table == "customers" }?.placement == "by customer_id")
        try Self.expectPlanned(try Self.placements(uri))
        let after = try WarehouseProbe(location)
        for (table, rows) in dumps { #expect(try after.dump(table) == rows, "\(table) changed by distribute") }
        // Nothing left in the coordinator's local copies (the distributed tables read the shards).
        #expect(try after.rows("SELECT pg_relation_size('orders') FROM pg_class LIMIT 1")[0][0].flatMap(Double.init) == 0)
        #expect(try PipelineRunner.distribute(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample)).isEmpty)
        // And the next run works on it.
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-10"))
        #expect(try after.rows("SELECT COUNT(*) FROM manager_scores WHERE period = '2026-10'")[0][0].flatMap(Double.init) ?? 0 > 0)
    }
}

/// `scorecard warehouse distribute` where there is no cluster: refused, nothing changed (on a
/// plain server, in `make test`).
@Suite struct DistributeCommandTests {
    @Test func distributeRefusesAServerWithoutCitusAndASQLiteFile() throws {
        let tmp = TempFolder()
        let uri = try TestPostgres.newDatabase(citus: false)
        let plain = WarehouseLocation.postgres(uri: uri)
        #expect(throws: WarehouseError.self) {
            try PipelineRunner.distribute(try WarehouseContractTests.options(tmp, plain, input: tmp.input()))
        }
        // Refused before anything was touched: not even the tables were made.
        #expect(try PGConnection(uri: uri, timeZone: "UTC").execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") == "0")
        let sqlite = WarehouseLocation.sqlite(path: tmp.file("out/warehouse.sqlite"))
        do {
            _ = try PipelineRunner.distribute(try WarehouseContractTests.options(tmp, sqlite, input: tmp.input()))
            Issue.record("a SQLite warehouse was distributed")
        } catch let error as WarehouseError {
            #expect(error.localizedDescription.contains("SQLite file"))
        }
        #expect(!FileManager.default.fileExists(atPath: tmp.file("out/warehouse.sqlite")), "refusing made the file")
    }
}
