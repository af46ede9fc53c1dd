import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardGenerator
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardSQLite

/// `scorecard run` computes and stores every result table of SPEC §4.3.
@Suite struct MetricsRunTests {
    static let sample = PipelineLoaderTests.repository.appendingPathComponent("input").path

    static func run(input: String, output: String, period: String? = "2026-10", config: PipelineConfig = PipelineConfig()) throws -> RunSummary {
        try PipelineRunner.run(RunOptions(pipelinePath: "monthly.yml", config: config, pipelineText: "", inputFolder: input,
                                          outputFolder: output, period: period.map { try! Period(parsing: $0) }, now: testNow))
    }

    static func dumpResults(_ warehouse: SQLiteWarehouse) throws -> [String: [[String?]]] {
        var out: [String: [[String?]]] = [:]
        for table in ResultTables.tables {
            out[table] = try warehouse.rows("SELECT * FROM \(table) ORDER BY 1, 2, 3")
        }
        return out
    }

    /// SPEC §3.5: the stored SLA KPI is (met + m·μ)/(decided + m) over each manager's stored complaint
    /// targets, μ the overall rate — recomputed here from `complaint_sla` alone.
    @Test func theStoredAdjustedSLARateFollowsFromTheComplaintTargets() throws {
        let tmp = TempFolder()
        _ = try Self.run(input: Self.sample, output: tmp.file("out"))
        let w = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let targets = try w.rows("""
            SELECT manager_id, first_response_status, resolution_status, escalation_status FROM complaint_sla WHERE period = '2026-10'
            """)
        var met: [String: Int] = [:], decided: [String: Int] = [:]
        for row in targets {
            for status in row.dropFirst().compactMap({ $0 }) where status != "pending" {
                decided[row[0]!, default: 0] += 1
                if status == "met" { met[row[0]!, default: 0] += 1 }
            }
        }
        let mu = Double(met.values.reduce(0, +)) / Double(decided.values.reduce(0, +))
        let stored = try w.rows("SELECT manager_id, adjusted_sla_rate, sla_rate FROM manager_scores WHERE period = '2026-10'")
        #expect(stored.count > 5)
        var checked = 0
        for row in stored {
            let id = row[0]!
            guard let n = decided[id] else { #expect(row[1] == nil); continue }
            let expected = (Double(met[id] ?? 0) + 5 * mu) / (Double(n) + 5)
            #expect(abs(Double(row[1]!)! - expected) < 1e-9, "\(id)")
            #expect(abs(Double(row[2]!)! - Double(met[id] ?? 0) / Double(n)) < 1e-9, "\(id): the raw rate stays")
            checked += 1
        }
        #expect(checked > 5)
    }

    @Test func theCommittedSampleFillsEveryResultTableAndARerunReplacesThem() throws {
        let tmp = TempFolder()
        var config = PipelineConfig()
        config.visits.dailyQuota = ["urban": 3, "rural": 2]   // the quota is off by default
        config.ledger.rules = [LedgerRule(event: .missingSubmission, points: -1, amount: -20, cap: 3),  // no rules by default
                               LedgerRule(event: .targetTier, points: 2, amount: 500, tier: .stretch)]
        let summary = try Self.run(input: Self.sample, output: tmp.file("out"), config: config)
        // The list the tests read is the tables the run stores.
        let results = try #require(summary.results)
        // Every grade is stored before the results keep only the moves (issue 29); the rest once the reports are written.
        #expect(!results.grades.holdsAll)
        #expect((ResultTables.make(results, clock: ZoneClock(timeZone: config.timeZone)).map(\.name) + ["customer_grades"]).sorted()
                == ResultTables.tables.sorted())
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        for table in ResultTables.tables {
            let count = try warehouse.rows("SELECT COUNT(*) FROM \(table) WHERE period = '2026-10'")
            #expect(count != [["0"]], "\(table) is empty")
        }
        let first = try Self.dumpResults(warehouse)
        // Without its reports the rerun computes the period again (the staging is reused).
        try FileManager.default.removeItem(atPath: tmp.file("out/2026-10"))
        _ = try Self.run(input: Self.sample, output: tmp.file("out"), config: config)
        #expect(try Self.dumpResults(warehouse) == first)
        #expect(try warehouse.rows("SELECT COUNT(*), COUNT(DISTINCT period) FROM runs WHERE status = 'succeeded'") == [["2", "1"]])
        // Every assigned customer is graded once; the ranking covers the active managers.
        #expect(try warehouse.rows("SELECT COUNT(*) FROM customer_grades WHERE period = '2026-10'")
                == warehouse.rows("SELECT COUNT(*) FROM customers"))
    }

    @Test func theNextPeriodComparesWithThePreviousOne() throws {
        let tmp = TempFolder()
        _ = try Self.run(input: Self.sample, output: tmp.file("out"), period: "2026-09")
        _ = try Self.run(input: Self.sample, output: tmp.file("out"), period: "2026-10")
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let moved = try warehouse.rows("SELECT COUNT(*) FROM customer_grades WHERE period = '2026-10' AND previous_grade IS NOT NULL")
        #expect(moved != [["0"]])
        let ranked = try warehouse.rows("SELECT COUNT(*) FROM manager_scores WHERE period = '2026-10' AND previous_rank IS NOT NULL")
        #expect(ranked != [["0"]])
    }

    @Test func resultsDoNotDependOnRowOrder() throws {
        let tmp = TempFolder()
        var options = GeneratorOptions(lastMonth: CivilDate(year: 2026, month: 10, day: 1))
        options.managers = 5
        options.customers = 120
        options.months = 6
        _ = try Generator.write(options, to: tmp.file("a"))
        // The same files with their data rows in another order.
        var rng = SeededRandom(seed: 99)
        try FileManager.default.createDirectory(atPath: tmp.file("b"), withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: tmp.file("a")) {
            let text = try String(contentsOfFile: tmp.file("a/\(name)"), encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let header = lines.removeFirst()
            for i in stride(from: lines.count - 1, to: 0, by: -1) { lines.swapAt(i, rng.int(0...i)) }
            tmp.write("b/\(name)", ([header] + lines).joined(separator: "\n") + "\n")
        }
        _ = try Self.run(input: tmp.file("a"), output: tmp.file("outA"))
        _ = try Self.run(input: tmp.file("b"), output: tmp.file("outB"))
        let a = try Self.dumpResults(SQLiteWarehouse(path: tmp.file("outA/warehouse.sqlite")))
        let b = try Self.dumpResults(SQLiteWarehouse(path: tmp.file("outB/warehouse.sqlite")))
        for table in ResultTables.tables {
            #expect(a[table] == b[table], "\(table) differs")
        }
        #expect(a["manager_scores"]?.isEmpty == false)
    }

    /// SPEC §4.3: the bucket columns are named by the configured buckets; a warehouse
    /// that has held the default ones gains the new columns, and the total row adds up.
    @Test func configuredBucketsAddTheirColumnsAndTheTotalRowAddsUp() throws {
        let tmp = TempFolder()
        _ = try Self.run(input: Self.sample, output: tmp.file("out"), period: "2026-09")
        var config = PipelineConfig()
        config.receivables.buckets = [15, 45]
        _ = try PipelineRunner.run(RunOptions(pipelinePath: "p.yml", config: config, pipelineText: "buckets", inputFolder: Self.sample,
                                              outputFolder: tmp.file("out"), period: try Period(parsing: "2026-10"), now: testNow))
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let sums = try warehouse.rows("""
            SELECT printf('%.2f', SUM(overdue)), printf('%.2f', SUM(overdue_1_15 + overdue_16_45 + overdue_46_plus)),
                   printf('%.2f', SUM(outstanding)), printf('%.2f', SUM(not_yet_due + overdue)), SUM(overdue_orders)
            FROM receivables WHERE period = '2026-10' AND manager_id <> ''
            """)
        let total = try warehouse.rows("""
            SELECT printf('%.2f', overdue), printf('%.2f', overdue_1_15 + overdue_16_45 + overdue_46_plus), printf('%.2f', outstanding),
                   printf('%.2f', not_yet_due + overdue), overdue_orders
            FROM receivables WHERE period = '2026-10' AND manager_id = ''
            """)
        #expect(sums == total)
        #expect(total.first?.first != "0.00")
        // The September rows keep the default buckets; October's default columns are empty.
        #expect(try warehouse.rows("SELECT COUNT(*) FROM receivables WHERE period = '2026-09' AND overdue_1_30 IS NULL") == [["0"]])
        #expect(try warehouse.rows("SELECT COUNT(*) FROM receivables WHERE period = '2026-10' AND overdue_1_30 IS NOT NULL") == [["0"]])
        // The chase list's amounts are the customers' share of the same overdue total.
        #expect(try warehouse.rows("SELECT printf('%.2f', SUM(overdue_amount)) FROM chase_list WHERE period = '2026-10'") == [[total[0][0]]])
    }

    /// Issue 10: a window holding more than a sixteenth of a table is read by a scan (SQLite),
    /// a narrower one by the column's index; the rows are the same either way.
    @Test func aWideWindowIsScannedANarrowOneIndexed() throws {
        let tmp = TempFolder()
        let warehouse = try SQLiteWarehouse(path: tmp.file("w.sqlite"))
        try warehouse.transaction { db in
            try db.sql.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT)")
            try db.sql.execute("CREATE INDEX events_at ON events(at)")
            for day in 1...320 { try db.sql.execute("INSERT INTO events (at) VALUES (?)", [String(format: "2026-%02d-%02d", (day - 1) / 28 + 1, (day - 1) % 28 + 1)]) }
            let narrow = ["2026-03-01", "2026-03-15"]  // 14 of 320 rows
            let wide = ["2026-03-01", "2026-05-01"]    // 56 of 320 rows
            let byNarrow = try db.sql.access("events", "at", narrow), byWide = try db.sql.access("events", "at", wide)
            #expect(byNarrow.how == "" && byNarrow.rows == 14)
            #expect(byWide.how == "NOT INDEXED" && byWide.rows == 56)
            for window in [narrow, wide] {
                var byIndex: [String] = [], byScan: [String] = []
                try db.sql.forEachRow("SELECT at FROM events WHERE at >= ? AND at < ? ORDER BY id", window) { byIndex.append($0.text(0)) }
                try db.sql.forEachRow("SELECT at FROM events NOT INDEXED WHERE at >= ? AND at < ? ORDER BY id", window) { byScan.append($0.text(0)) }
                #expect(byIndex == byScan && !byIndex.isEmpty)
            }
        }
    }

    /// SPEC §4.1.1: the trend holds the stored periods of the same kind before this one and this one.
    @Test func theTrendReadsThreeStoredPeriods() throws {
        let tmp = TempFolder()
        for period in ["2026-08", "2026-09", "2026-10"] { _ = try Self.run(input: Self.sample, output: tmp.file("out"), period: period) }
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let current = try Period(parsing: "2026-11")
        let trend = try warehouse.transaction { try ManagerTrend.read($0, current: current, results: []) }
        #expect(trend.periods.map(\.name) == ["2026-08", "2026-09", "2026-10", "2026-11"])
        for (i, period) in ["2026-08", "2026-09", "2026-10"].enumerated() {
            for r in try warehouse.rows("SELECT manager_id, score, rank FROM manager_scores WHERE period = '\(period)'") {
                let point = try #require(trend.points[r[0]!]?[i])
                #expect(abs(point.score - Double(r[1]!)!) < 1e-9 && point.rank == Int(r[2]!)!)
            }
        }
        #expect(trend.points.values.allSatisfy { $0[3] == nil })   // nothing ranked for the current period passed in
    }
}
