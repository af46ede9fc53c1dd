import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardModel
@testable import ScorecardSQLite

/// The built `scorecard` binary on fixture folders: exit codes, messages, files (SPEC §1).
@Suite struct CommandLineTests {
    /// The executable sits beside the test bundle in the build folder.
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("scorecard").path
    static let monthly = PipelineLoaderTests.repository.appendingPathComponent("pipelines/monthly.yml").path

    struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    func scorecard(_ arguments: [String], in folder: String) throws -> Outcome { try Self.run(arguments, in: folder) }

    /// The built `scorecard` with `arguments` in `folder`, `environment` added to this process's.
    static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// The shipped monthly pipeline with another `max_reject_rate`, written into `tmp`.
    func pipeline(maxRejectRate: String, in tmp: TempFolder) throws -> String {
        let text = try String(contentsOfFile: Self.monthly, encoding: .utf8)
        tmp.write("p.yml", text.replacingOccurrences(of: "max_reject_rate: 0.05", with: "max_reject_rate: \(maxRejectRate)"))
        return "p.yml"
    }

    @Test func runLoadsAndWritesThePeriodFolder() throws {
        let tmp = TempFolder()
        _ = tmp.input(["rejects/orders.csv": "orders.csv"])
        tmp.emptyExports()
        let r = try scorecard(["run", "--pipeline", try pipeline(maxRejectRate: "1", in: tmp), "--quiet"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Period:   2026-10"))
        #expect(r.stdout.contains("23 read, 10 loaded, 13 rejected"))
        for file in ["rejects.csv", "data-quality.md", "run.json"] {
            let path = tmp.file("output/2026-10/\(file)")
            #expect(FileManager.default.fileExists(atPath: path), "\(file)")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o640)
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tmp.file("output/2026-10/run.json")))) as? [String: Any]
        #expect(manifest?["period"] as? String == "2026-10")
        #expect((manifest?["inputs"] as? [[String: Any]])?.first?["sha256"] as? String == sha256Hex(Fixtures.data("basic/managers.csv")))
    }

    @Test func aBadPipelineExitsTwoNamingFileLineAndKey() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("bad.yml", "period: month\ncomplaints:\n  first_respons_hours: 24\n")
        let r = try scorecard(["run", "--pipeline", "bad.yml"], in: tmp.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yml:3: unknown key 'complaints.first_respons_hours'"))
    }

    @Test func dataQualityBelowThresholdExitsThreeAndKeepsEarlierReports() throws {
        let tmp = TempFolder()
        _ = tmp.input(["forms/orders.csv": "orders.csv"])
        tmp.emptyExports()
        #expect(try scorecard(["run", "--pipeline", Self.monthly, "--quiet"], in: tmp.path).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: tmp.file("output/2026-10/run.json")))
        let warehouseBefore = try SQLiteWarehouse(path: tmp.file("output/warehouse.sqlite")).stagedDump()
        tmp.copy("rejects/orders.csv", as: "input/orders.csv")
        let r = try scorecard(["run", "--pipeline", Self.monthly, "--quiet"], in: tmp.path)
        #expect(r.status == 3)
        #expect(r.stderr.contains("orders.csv: 76.5% rejected"))
        #expect(FileManager.default.fileExists(atPath: tmp.file("output/2026-10-rejected/rejects.csv")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: tmp.file("output/2026-10/run.json"))) == before)
        #expect(try SQLiteWarehouse(path: tmp.file("output/warehouse.sqlite")).stagedDump() == warehouseBefore)
        #expect(try SQLiteWarehouse(path: tmp.file("output/warehouse.sqlite")).rows("SELECT period, status FROM runs ORDER BY run_id") == [["2026-10", "succeeded"], ["2026-10", "quality_failed"]])
    }

    @Test(arguments: [["run", "--period", "2026-13"], ["run", "--lang", "fr"], ["run", "--no-such-option"], ["generate"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let tmp = TempFolder()
        let r = try scorecard(arguments, in: tmp.path)
        #expect(r.status == 2)
        #expect(!r.stderr.isEmpty)
    }

    @Test func aBrokenFileExitsOneWithAClearMessage() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,manager_id\nO1,C001,2026-10-01,M001\n")
        let r = try scorecard(["run", "--pipeline", Self.monthly, "--quiet"], in: tmp.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("orders.csv: required column 'amount / 金额' is missing. Header found: order_id | customer_id | order_date | manager_id"))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("output/2026-10")))
    }

    @Test func validatePrintsTheDataQualityTable() throws {
        let tmp = TempFolder()
        _ = tmp.input(["rejects/visits.csv": "visits.csv"])
        tmp.emptyExports([.orders, .complaints, .surveys])
        let r = try scorecard(["validate", "--pipeline", Self.monthly], in: tmp.path)
        #expect(r.status == 3)  // 4 of 6 visits rejected
        // In the pipeline's language (zh-CN), reject kinds included (SPEC §4.1.1).
        #expect(r.stdout.contains("| 拜访 | visits.csv | UTF-8 | 逗号 | 6 | 2 | 4 | 66.7% ⚠ | 结束早于开始 ×2；负值 ×1；无法识别的取值 ×1 |"))
        #expect(r.stdout.contains("⚠ 剔除比例超过流水线 max_reject_rate（5.0%）的文件：visits.csv。"))
        #expect(FileManager.default.fileExists(atPath: tmp.file("output/validate/rejects.csv")))
        #expect(try SQLiteWarehouse(path: tmp.file("output/warehouse.sqlite")).rows("SELECT COUNT(*) FROM visits") == [["0"]])
    }

    @Test func generateThenRunEndToEnd() throws {
        let tmp = TempFolder()
        let g = try scorecard(["generate", "--out", "input", "--managers", "4", "--customers", "40", "--months", "2",
                               "--last-month", "2026-09", "--messy"], in: tmp.path)
        #expect(g.status == 0, "\(g.stderr)")
        // A tiny messy set: its few broken rows are a large share of each file.
        let r = try scorecard(["run", "--pipeline", try pipeline(maxRejectRate: "1", in: tmp), "--quiet"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Period:   2026-09"))
    }

    /// SPEC §2.5: a file of which every row was rejected is named with its top reasons,
    /// not reported as "no data"; the rejects are written even though no period could be set.
    @Test func anAllRejectedFileIsNamedWithItsReasons() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount,status\nO1,C001,2026-10-01,5,已付款\nO2,C001,2026-10-02,5,已付款\nO3,C009,2026-10-02,5,completed\n")
        tmp.emptyExports()
        let r = try scorecard(["run", "--pipeline", Self.monthly, "--quiet"], in: tmp.path)
        #expect(r.status == 3)
        #expect(r.stderr.contains("orders.csv: all 3 rows rejected"))
        #expect(r.stderr.contains("- unknown value (status) × 2, e.g. unknown value '已付款'"))
        #expect(r.stderr.contains("- unknown customer (customer_id) × 1"))
        #expect(!r.stderr.contains("--period"))
        #expect(FileManager.default.fileExists(atPath: tmp.file("output/no-period-rejected/rejects.csv")))
    }

    /// SPEC §2.6: inspect prints its tables, writes the draft and exits 0; a missing folder exits 1.
    @Test func inspectWritesADraft() throws {
        let tmp = TempFolder()
        _ = tmp.input(["real/erp/销售出库单.csv": "销售出库单.csv"])
        let r = try scorecard(["inspect", "--write", "draft.yml"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("销售出库单.csv — orders (by header)"))
        #expect(r.stdout.contains("Draft written: draft.yml"))
        let draft = try String(contentsOfFile: tmp.file("draft.yml"), encoding: .utf8)
        #expect(draft.contains("      # order_date: TODO"))
        #expect(try scorecard(["inspect", "--input", "nowhere"], in: tmp.path).status == 1)
    }

    /// Issue 12, item 2: a required export with no file stopped nothing — the run wrote
    /// A 0 / B 0 / C 600 and zero sales with exit 0. Now it stops (exit 1) naming the
    /// pattern and the folder, unless the pipeline marks the entity optional.
    @Test func aMissingRequiredExportStopsTheRun() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.emptyExports([.visits, .complaints, .surveys])
        let r = try scorecard(["run", "--pipeline", Self.monthly, "--quiet", "--period", "2026-10"], in: tmp.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("No orders file in input (looked for orders*.csv): the report would be wrong without it."))
        #expect(r.stderr.contains("inputs.orders.optional: true"))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("output/2026-10")))
        tmp.write("optional.yml", "inputs:\n  orders: {optional: true}\n")
        #expect(try scorecard(["run", "--pipeline", "optional.yml", "--quiet", "--period", "2026-10"], in: tmp.path).status == 0)
    }
}

extension CommandLineTests {
    /// Issue 10: `--verbose` prints the stages a failed run finished and its peak memory.
    @Test func aFailedVerboseRunPrintsItsStagesAndPeakMemory() throws {
        let tmp = TempFolder()
        for name in ["managers", "customers", "orders", "complaints", "surveys"] { tmp.copy("report/\(name).csv", as: "input/\(name).csv") }
        tmp.copy("rejects/visits.csv", as: "input/visits.csv")
        let r = try scorecard(["run", "--pipeline", Self.monthly, "--verbose", "--quiet"], in: tmp.path)
        #expect(r.status == 3)  // the visits rejected past max_reject_rate, once the load has finished
        #expect(r.stderr.contains("stages finished before the failure:\n  ingest: "))
        #expect(r.stderr.contains("  peak memory: ") && r.stderr.contains(" MiB"))
        let quiet = try scorecard(["run", "--pipeline", Self.monthly, "--quiet"], in: tmp.path)
        #expect(quiet.status == 3 && !quiet.stderr.contains("stages finished"))
    }
}
