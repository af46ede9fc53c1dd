import Foundation
import Testing
import CFileSwap
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports
@testable import ScorecardSQLite

/// Reruns on exports staged before: unchanged files are not read again, and a rerun
/// with nothing changed keeps the reports it already wrote.
@Suite struct RerunTests {
    static func run(_ input: String, _ output: String, period: String? = nil) throws -> RunSummary {
        try PipelineRunner.run(RunOptions(pipelinePath: "monthly.yml", config: PipelineConfig(), pipelineText: "p", inputFolder: input,
                                          outputFolder: output, period: period.map { try! Period(parsing: $0) }, now: testNow))
    }

    static func input(_ tmp: TempFolder) -> String {
        for name in ["managers", "customers", "orders", "visits", "complaints", "surveys"] {
            tmp.copy("report/\(name).csv", as: "in/\(name).csv")
        }
        return tmp.file("in")
    }

    @Test func nothingChangedKeepsTheReportsAndRecordsTheRun() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        let first = try Self.run(input, tmp.file("out"))
        let workbook = tmp.file("out/2026-10/scorecard-2026-10.xlsx")
        let modified = try FileManager.default.attributesOfItem(atPath: workbook)[.modificationDate] as? Date
        let second = try Self.run(input, tmp.file("out"))
        #expect(second.unchangedSince == first.runID)
        #expect(second.results == nil)
        #expect(try FileManager.default.attributesOfItem(atPath: workbook)[.modificationDate] as? Date == modified)
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        #expect(try warehouse.rows("SELECT status, rows_read FROM runs ORDER BY run_id") == [["succeeded", "530"], ["unchanged", "530"]])
        // The unchanged run took its default period from the instant the first run recorded:
        // the start of the default period it chose (SPEC §2.7).
        #expect(try warehouse.rows("SELECT latest_activity FROM runs ORDER BY run_id") == [["2026-10-01T00:00:00+08:00"], [nil]])
    }

    @Test func theRecordedLatestActivitySetsTheUnchangedRunsPeriod() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        _ = try Self.run(input, tmp.file("out"))
        // With November recorded as the latest activity, the rerun looks for a November
        // run to stand for and finds none: it is not "unchanged" (scanning the tables
        // would have found October's run). The run itself reads the period from the data.
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let recorded = try warehouse.rows("SELECT latest_activity FROM runs")
        try warehouse.write { try $0.execute(sql: "UPDATE runs SET latest_activity = '2026-11-02T09:00:00+08:00'") }
        let rerun = try Self.run(input, tmp.file("out"))
        #expect(rerun.unchangedSince == nil)
        #expect(rerun.period?.name == "2026-10")
        #expect(try warehouse.rows("SELECT latest_activity FROM runs WHERE run_id = \(rerun.runID!)") == recorded)
    }

    @Test func onlyTheChangedEntityIsReadAgainAndResultsMatchAFullLoad() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        _ = try Self.run(input, tmp.file("out"))
        // A corrected orders export: one amount changed.
        var orders = try String(contentsOfFile: tmp.file("in/orders.csv"), encoding: .utf8)
        let firstRow = orders.split(separator: "\n")[1]
        var fields = firstRow.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[4] = "99999.99"
        orders = orders.replacingOccurrences(of: String(firstRow), with: fields.joined(separator: ","))
        tmp.write("in/orders.csv", orders)
        let rerun = try Self.run(input, tmp.file("out"))
        #expect(Set(rerun.load.reusedFiles) == ["managers.csv", "customers.csv", "visits.csv", "complaints.csv", "surveys.csv"])
        // The same inputs loaded from scratch give the same warehouse and results.
        let fresh = try Self.run(input, tmp.file("fresh"))
        #expect(fresh.load.reusedFiles.isEmpty)
        let a = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite")), b = try SQLiteWarehouse(path: tmp.file("fresh/warehouse.sqlite"))
        #expect(try a.stagedDump() == b.stagedDump())
        #expect(try MetricsRunTests.dumpResults(a) == MetricsRunTests.dumpResults(b))
        #expect(try a.rows("SELECT amount FROM orders WHERE order_id = '\(fields[0])'") == [["99999.99"]])
    }

    @Test func anotherPeriodReusesTheStagingButComputesItsResults() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        _ = try Self.run(input, tmp.file("out"))
        let september = try Self.run(input, tmp.file("out"), period: "2026-09")
        #expect(september.load.reusedFiles.count == 6)
        #expect(september.results?.period.name == "2026-09")
        #expect(FileManager.default.fileExists(atPath: tmp.file("out/2026-09/scorecard-2026-09.xlsx")))
    }

    @Test func aRunWithAnotherPipelineInBetweenMeansReadingAgain() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        let original = try String(contentsOfFile: tmp.file("in/orders.csv"), encoding: .utf8)
        _ = try Self.run(input, tmp.file("out"))
        // Another pipeline stages a different orders export in between...
        tmp.write("in/orders.csv", original.replacingOccurrences(of: "completed", with: "cancelled"))
        var english = PipelineConfig()
        english.language = .en
        _ = try PipelineRunner.run(RunOptions(pipelinePath: "en.yml", config: english, pipelineText: "p", inputFolder: input,
                                              outputFolder: tmp.file("out"), now: testNow))
        // ...so going back to the first pipeline and export must read the orders again.
        tmp.write("in/orders.csv", original)
        let back = try Self.run(input, tmp.file("out"))
        #expect(back.unchangedSince == nil)
        #expect(back.load.reusedFiles.isEmpty)
        let cancelled = original.split(separator: "\n").filter { $0.hasSuffix(",cancelled") }.count
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        #expect(try warehouse.rows("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'") == [[String(cancelled)]])
    }

    @Test func filesWithRejectsThatDependOnTheClockAreReadAgain() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        // 30 complaints and one dated in the future (rejected today, maybe not at the next run).
        let valid = (1...30).map { "P\($0),C000003,2026-10-03 10:00\n" }.joined()
        tmp.write("in/complaints.csv", "complaint_id,customer_id,received_at\n" + valid + "P99,C000003,2099-01-01 10:00\n")
        _ = try Self.run(input, tmp.file("out"), period: "2026-10")
        let rerun = try Self.run(input, tmp.file("out"), period: "2026-09")
        #expect(!rerun.load.reusedFiles.contains("complaints.csv"))
        #expect(rerun.load.reusedFiles.contains("orders.csv"))
        #expect(rerun.load.rejects.map(\.reason.kind) == ["in the future"])
    }

    /// SPEC §3: a date-only latest event stands for the start of its day, not 23:59:59 —
    /// the export proves only that the day had begun.
    @Test func aDateOnlyLatestEventSetsAsOfToTheStartOfItsDay() throws {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount,paid_date\nO1,C001,2026-10-20 10:00,5,2026-11-05\nO2,C001,2026-11-03 10:00,5,\n")
        tmp.emptyExports()
        let summary = try Self.run(input, tmp.file("output"), period: "2026-10")
        let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(summary.asOf.map(clock.iso) == "2026-11-05T00:00:00+08:00")
    }

    /// Issue 12, item 5: an unchanged rerun keeps the reports only when each is as it was
    /// written (size and SHA-256 in run.json) — a truncated workbook is written again.
    @Test func anUnchangedRerunVerifiesTheReportsItKeeps() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        _ = try Self.run(input, tmp.file("out"), period: "2026-10")
        let workbook = tmp.file("out/2026-10/scorecard-2026-10.xlsx")
        let size = try #require(FileManager.default.attributesOfItem(atPath: workbook)[.size] as? Int)
        #expect(try Self.run(input, tmp.file("out"), period: "2026-10").unchangedSince != nil)
        FileManager.default.createFile(atPath: workbook, contents: Data())  // truncated, as a crash or a full disk leaves it
        let rerun = try Self.run(input, tmp.file("out"), period: "2026-10")
        #expect(rerun.unchangedSince == nil)
        #expect(try FileManager.default.attributesOfItem(atPath: workbook)[.size] as? Int == size)
    }

    /// Issue 12, item 5: what dead runs left is tidied under the lock — staging folders
    /// removed, a period folder moved aside between the two renames put back.
    @Test func deadRunsLeftoversAreTidied() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        _ = try Self.run(input, tmp.file("out"), period: "2026-09")
        try FileManager.default.moveItem(atPath: tmp.file("out/2026-09"), toPath: tmp.file("out/2026-09.old-424242"))
        _ = tmp.folder("out/.2026-10.tmp-424243")
        _ = tmp.folder("out/2026-10.old-424244")
        _ = try Self.run(input, tmp.file("out"), period: "2026-10")
        #expect(FileManager.default.fileExists(atPath: tmp.file("out/2026-09/run.json")))
        let left = try FileManager.default.contentsOfDirectory(atPath: tmp.file("out")).filter { $0.contains(".tmp-") || $0.contains(".old-") }
        #expect(left == [])
    }

    /// Issue 12, item 5: publishing swaps the period folder in one step where the file
    /// system can, so no moment leaves neither the old nor the new folder.
    @Test func publishingSwapsTheFolderInOneStep() throws {
        let tmp = TempFolder()
        tmp.write("out/2026-10/report.md", "old")
        tmp.write("out/.2026-10.tmp-1/report.md", "new")
        try OutputFolder.publish(tmp.file("out/.2026-10.tmp-1"), as: tmp.file("out/2026-10"))
        #expect(try String(contentsOfFile: tmp.file("out/2026-10/report.md"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("out")) == ["2026-10"])
        // The exchange itself, on this file system.
        tmp.write("a/x", "a")
        tmp.write("b/y", "b")
        #expect(scorecard_exchange(tmp.file("a"), tmp.file("b")) == 0)
        #expect(FileManager.default.fileExists(atPath: tmp.file("a/y")) && FileManager.default.fileExists(atPath: tmp.file("b/x")))
    }

    struct Killed: Error {}

    /// Issue 12: a fault at every stage boundary leaves the warehouse whole and as it
    /// was (or, once committed, as the new run made it), the reports old or new —
    /// never half — and the next run puts everything right.
    @Test(arguments: RunStage.allCases)
    func aFaultAtEveryStageLeavesOldOrNew(stage: RunStage) throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        _ = try Self.run(input, tmp.file("out"), period: "2026-10")
        let report = tmp.file("out/2026-10/report-2026-10.md")
        let oldReport = try Data(contentsOf: URL(fileURLWithPath: report))
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let oldStaged = try warehouse.stagedDump()
        // A corrected export: the new run would change the staged rows and the reports.
        let orders = try String(contentsOfFile: tmp.file("in/orders.csv"), encoding: .utf8)
        let lines = orders.components(separatedBy: "\n")
        var fields = lines[1].components(separatedBy: ",")
        let amount = fields.firstIndex { Double($0) != nil && $0.contains(".") }!
        fields[amount] = "987654.32"
        tmp.write("in/orders.csv", ([lines[0], fields.joined(separator: ",")] + lines.dropFirst(2)).joined(separator: "\n"))

        var options = RunOptions(pipelinePath: "monthly.yml", config: PipelineConfig(), pipelineText: "p", inputFolder: input,
                                 outputFolder: tmp.file("out"), period: try Period(parsing: "2026-10"), now: testNow)
        options.hooks.failureAt = (stage, Killed())
        #expect(throws: Killed.self) { try PipelineRunner.run(options) }
        #expect(try warehouse.rows("PRAGMA integrity_check") == [["ok"]])
        if stage == .committed {
            #expect(try warehouse.stagedDump() != oldStaged)  // the new load stands; the reports are still the old ones
        } else {
            #expect(try warehouse.stagedDump() == oldStaged)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) == oldReport)
        // The next run mends it: new reports, nothing left behind.
        let rerun = try Self.run(input, tmp.file("out"), period: "2026-10")
        #expect(rerun.unchangedSince == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) != oldReport)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("out")).filter { $0.contains(".tmp-") || $0.contains(".old-") } == [])
    }
}

extension RerunTests {
    /// A report reads the earlier periods' stored results (previous grades and ranks, trend,
    /// previous figures): once an earlier period is run again, the later one is recomputed
    /// on its next run even with the same inputs; a later period's run changes nothing.
    @Test func anEarlierPeriodRunMakesTheLaterReportStale() throws {
        let tmp = TempFolder()
        func run(_ period: String) throws -> RunSummary { try runReportFixture(period, into: tmp.file("out")) }
        _ = try run("2026-10")
        #expect(try run("2026-10").unchangedSince != nil)
        _ = try run("2026-09")
        #expect(try run("2026-10").unchangedSince == nil)
        #expect(try run("2026-10").unchangedSince != nil)
        _ = try run("2026-11")
        #expect(try run("2026-10").unchangedSince != nil)
    }
}

extension RerunTests {
    /// A file staged by an earlier run keeps its rejects with their values (the `detail`
    /// column): a rerun that does not read it again still names each reason in the report's
    /// language (SPEC §4.1.1), not in the words the first run stored.
    @Test func reusedRejectsReadInTheReportsLanguage() throws {
        let tmp = TempFolder()
        let input = Self.input(tmp)
        let text = try String(contentsOfFile: tmp.file("in/visits.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("VX-BAD,M001,C001,2026-10-05 10:00,2026-10-05 09:00,,on_site,", at: 1)  // ends before it starts
        tmp.write("in/visits.csv", lines.joined(separator: "\n"))
        let first = try Self.run(input, tmp.file("out"), period: "2026-10")
        #expect(first.load.rejects.contains { $0.raw.contains("VX-BAD") })
        let second = try Self.run(input, tmp.file("out"), period: "2026-09")
        #expect(second.load.reusedFiles.contains("visits.csv"))
        let reject = try #require(second.load.rejects.first { $0.raw.contains("VX-BAD") })
        guard case .endBeforeStart = reject.reason else { Issue.record("stored as \(reject.reason)"); return }
        let quality = try String(contentsOfFile: tmp.file("out/2026-09/data-quality.md"), encoding: .utf8)
        #expect(quality.contains("结束早于开始 ×1"))
    }
}
