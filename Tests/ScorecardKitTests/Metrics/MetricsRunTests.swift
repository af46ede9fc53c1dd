import Foundation
import Testing
@testable import ScorecardKit

/// `scorecard run` computes and stores every result table of SPEC §4.3.
@Suite struct MetricsRunTests {
    static let sample = PipelineLoaderTests.repository.appendingPathComponent("input").path

    static func run(input: String, output: String, period: String? = "2026-10") throws -> RunSummary {
        try PipelineRunner.run(RunOptions(pipelinePath: "monthly.yml", config: PipelineConfig(), pipelineText: "", inputFolder: input,
                                          outputFolder: output, period: period.map { try! Period(parsing: $0) }, now: testNow))
    }

    static func dumpResults(_ warehouse: Warehouse) throws -> [String: [[String?]]] {
        var out: [String: [[String?]]] = [:]
        for table in ResultStore.tables {
            out[table] = try warehouse.rows("SELECT * FROM \(table) ORDER BY 1, 2, 3")
        }
        return out
    }

    @Test func theCommittedSampleFillsEveryResultTableAndARerunReplacesThem() throws {
        let tmp = TempFolder()
        _ = try Self.run(input: Self.sample, output: tmp.file("out"))
        let warehouse = try Warehouse(path: tmp.file("out/warehouse.sqlite"))
        for table in ResultStore.tables {
            let count = try warehouse.rows("SELECT COUNT(*) FROM \(table) WHERE period = '2026-10'")
            #expect(count != [["0"]], "\(table) is empty")
        }
        let first = try Self.dumpResults(warehouse)
        // Without its reports the rerun computes the period again (the staging is reused).
        try FileManager.default.removeItem(atPath: tmp.file("out/2026-10"))
        _ = try Self.run(input: Self.sample, output: tmp.file("out"))
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
        let warehouse = try Warehouse(path: tmp.file("out/warehouse.sqlite"))
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
        let a = try Self.dumpResults(Warehouse(path: tmp.file("outA/warehouse.sqlite")))
        let b = try Self.dumpResults(Warehouse(path: tmp.file("outB/warehouse.sqlite")))
        for table in ResultStore.tables {
            #expect(a[table] == b[table], "\(table) differs")
        }
        #expect(a["manager_scores"]?.isEmpty == false)
    }
}
