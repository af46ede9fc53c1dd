import Foundation
import Testing
@testable import ScorecardIngest
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// Monthly runs on a warehouse that holds the months before (SPEC §6, "Incremental"; issue 28):
/// files are taken as staged file by file, and an incremental run leaves what a fresh load of
/// the same folder leaves.
@Suite struct IncrementalRunTests {
    /// The report fixture with its orders split by month, as CRMs export them (`orders-2026-07.csv` …).
    static func monthlyInput(_ tmp: TempFolder, months: [String] = ["2026-07", "2026-08", "2026-09", "2026-10"]) throws -> String {
        let input = RerunTests.input(tmp)
        let orders = try String(contentsOfFile: tmp.file("in/orders.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        try FileManager.default.removeItem(atPath: tmp.file("in/orders.csv"))
        for month in months {
            let rows = orders.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[3].hasPrefix(month) }
            tmp.write("in/orders-\(month).csv", ([orders[0]] + rows).joined(separator: "\n") + "\n")
        }
        return input
    }

    /// The same folder loaded into an empty warehouse leaves the same staged rows and results.
    /// - Parameter results: compare the results too (not when the incremental warehouse holds an
    ///   earlier period's results: previous grades and ranks come from them).
    static func expectSameAsFreshLoad(_ tmp: TempFolder, _ input: String, period: String = "2026-10", results: Bool = true) throws {
        let fresh = try RerunTests.run(input, tmp.file("fresh-\(UUID().uuidString)"), period: period)
        #expect(fresh.load.reusedFiles.isEmpty)
        let a = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let b = try SQLiteWarehouse(path: (fresh.outputFolder as NSString).deletingLastPathComponent + "/warehouse.sqlite")
        #expect(try a.stagedDump() == b.stagedDump())
        if results { #expect(try MetricsRunTests.dumpResults(a) == MetricsRunTests.dumpResults(b)) }
    }

    @Test func aNewMonthsFileIsTheOnlyFactFileRead() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp, months: ["2026-07", "2026-08", "2026-09"])
        _ = try RerunTests.run(input, tmp.file("out"), period: "2026-09")
        let orders = try String(contentsOfFile: tmp.file("in/orders-2026-09.csv"), encoding: .utf8)
        // October arrives: its file sorts after the staged ones.
        try FileManager.default.removeItem(atPath: tmp.file("in"))
        _ = try Self.monthlyInput(tmp)
        #expect(try String(contentsOfFile: tmp.file("in/orders-2026-09.csv"), encoding: .utf8) == orders)
        let october = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(Set(october.load.reusedFiles) == ["managers.csv", "customers.csv", "orders-2026-07.csv", "orders-2026-08.csv",
                                                  "orders-2026-09.csv", "visits.csv", "complaints.csv", "surveys.csv"])
        #expect(october.load.files.map(\.file).contains("orders-2026-10.csv"))
        try Self.expectSameAsFreshLoad(tmp, input, results: false)
    }

    @Test func aChangedFileIsReadWithTheFilesAfterIt() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        _ = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        // A corrected August: the same order again in September must still win (later file).
        let august = try String(contentsOfFile: tmp.file("in/orders-2026-08.csv"), encoding: .utf8)
        let september = try String(contentsOfFile: tmp.file("in/orders-2026-09.csv"), encoding: .utf8).split(separator: "\n")
        var row = september[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let moved = row
        row[4] = "1.00"
        tmp.write("in/orders-2026-08.csv", august + row.joined(separator: ",") + "\n")
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(Set(rerun.load.reusedFiles) == ["managers.csv", "customers.csv", "orders-2026-07.csv", "visits.csv", "complaints.csv", "surveys.csv"])
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let stored = try warehouse.rows("SELECT amount FROM orders WHERE order_id = '\(moved[0])'")
        let amount = stored.first?.first.flatMap { $0 }.flatMap { Double($0) }
        #expect(amount == Double(moved[4]) && amount != 1)
        try Self.expectSameAsFreshLoad(tmp, input)
    }

    @Test func aChangedLaterFileLeavesTheEarlierOnesStaged() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        _ = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        let october = try String(contentsOfFile: tmp.file("in/orders-2026-10.csv"), encoding: .utf8)
        tmp.write("in/orders-2026-10.csv", october.replacingOccurrences(of: ",completed\n", with: ",cancelled\n"))
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(Set(rerun.load.reusedFiles).isSuperset(of: ["orders-2026-07.csv", "orders-2026-08.csv", "orders-2026-09.csv"]))
        #expect(!rerun.load.reusedFiles.contains("orders-2026-10.csv"))
        try Self.expectSameAsFreshLoad(tmp, input)
    }

    /// README, "Incremental": the warehouse is the history — a file gone from the folder leaves its rows.
    @Test func aRemovedFileLeavesItsRows() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        _ = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let before = try warehouse.rows("SELECT COUNT(*) FROM orders")
        try FileManager.default.removeItem(atPath: tmp.file("in/orders-2026-07.csv"))
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(Set(rerun.load.reusedFiles).isSuperset(of: ["orders-2026-08.csv", "orders-2026-09.csv", "orders-2026-10.csv"]))
        #expect(try warehouse.rows("SELECT COUNT(*) FROM orders") == before)
    }

    /// A master list exported again (a segment renamed) is read again; the facts are not.
    @Test func aChangedMasterListIsReadAloneWhenNoCustomerMoved() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        _ = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        let customers = try String(contentsOfFile: tmp.file("in/customers.csv"), encoding: .utf8)
        tmp.write("in/customers.csv", customers.replacingOccurrences(of: "批发", with: "批发商"))
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(!rerun.load.reusedFiles.contains("customers.csv"))
        #expect(Set(rerun.load.reusedFiles).isSuperset(of: ["managers.csv", "orders-2026-07.csv", "orders-2026-10.csv", "visits.csv"]))
        try Self.expectSameAsFreshLoad(tmp, input)
    }

    /// SPEC §2.2: facts without a manager take their customer's at load; when a customer moves, every
    /// fact is read again, so that the warehouse holds what a fresh load of the folder holds.
    @Test func aCustomerMovedToAnotherManagerMeansReadingTheFacts() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        // October's orders without a manager column: they take their customer's.
        let october = try String(contentsOfFile: tmp.file("in/orders-2026-10.csv"), encoding: .utf8).split(separator: "\n")
        tmp.write("in/orders-2026-10.csv", october.map { line in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
            fields.remove(at: 2)
            return fields.joined(separator: ",")
        }.joined(separator: "\n") + "\n")
        _ = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        let customers = try String(contentsOfFile: tmp.file("in/customers.csv"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        // A customer of October's whose line holds no quoted field (its fields split at commas).
        let mover = try #require(october.dropFirst().map { String($0.split(separator: ",")[1]) }.first { id in
            customers.contains { $0.hasPrefix(id + ",") && !$0.contains("\"") }
        })
        tmp.write("in/customers.csv", customers.map { line in
            guard line.hasPrefix(mover + ",") else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[2] = fields[2] == "M002" ? "M003" : "M002"
            return fields.joined(separator: ",")
        }.joined(separator: "\n"))
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(Set(rerun.load.reusedFiles) == ["managers.csv"])
        try Self.expectSameAsFreshLoad(tmp, input)
    }

    /// A row rejected for an unknown customer is loaded once a new customer list holds the customer.
    @Test func aRejectIsResolvedByANewMasterList() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        let july = try String(contentsOfFile: tmp.file("in/orders-2026-07.csv"), encoding: .utf8)
        tmp.write("in/orders-2026-07.csv", july + "SO90000001,C999999,M001,2026-07-15 10:00,500.00,400.00,2026-08-14,,completed\n")
        let first = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(first.load.rejects.map(\.reason.kind) == [RejectReason.unknownCustomer("").kind])
        // A month later the customer list knows C999999.
        let customers = try String(contentsOfFile: tmp.file("in/customers.csv"), encoding: .utf8)
        tmp.write("in/customers.csv", customers + "C999999,新客户,M001,urban,2026-07-01,零售\n")
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(rerun.load.rejects.isEmpty)
        #expect(!rerun.load.reusedFiles.contains("orders-2026-07.csv"))
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        #expect(try warehouse.rows("SELECT customer_id FROM orders WHERE order_id = 'SO90000001'") == [["C999999"]])
        try Self.expectSameAsFreshLoad(tmp, input)
    }

    /// A reused file's rejects are still reported, as the run that read it found them.
    @Test func aReusedFilesRejectsAreStillReported() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp, months: ["2026-07", "2026-08", "2026-09"])
        let july = try String(contentsOfFile: tmp.file("in/orders-2026-07.csv"), encoding: .utf8)
        tmp.write("in/orders-2026-07.csv", july + "SO90000002,C000001,M001,2026-07-15 10:00,not a number,,,,completed\n")
        let first = try RerunTests.run(input, tmp.file("out"), period: "2026-09")
        #expect(first.load.rejects.count == 1)
        try FileManager.default.removeItem(atPath: tmp.file("in"))
        _ = try Self.monthlyInput(tmp)
        tmp.write("in/orders-2026-07.csv", july + "SO90000002,C000001,M001,2026-07-15 10:00,not a number,,,,completed\n")
        let rerun = try RerunTests.run(input, tmp.file("out"), period: "2026-10")
        #expect(rerun.load.reusedFiles.contains("orders-2026-07.csv"))
        #expect(rerun.load.rejects.map(\.file) == ["orders-2026-07.csv"])
        #expect(rerun.load.rejects.map(\.line) == first.load.rejects.map(\.line))
    }

    /// The period and as_of of a month added: the orders table's totals are the last run's plus
    /// October's, with no scan, and equal what a scan finds (SPEC §6, "Incremental").
    @Test func anAddedMonthsTotalsAreAddedToTheLastRuns() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp, months: ["2026-07", "2026-08", "2026-09"])
        let september = try RerunTests.run(input, tmp.file("out"))
        #expect(september.load.stagedAfter[.orders] != nil)
        try FileManager.default.removeItem(atPath: tmp.file("in"))
        _ = try Self.monthlyInput(tmp)
        let october = try RerunTests.run(input, tmp.file("out"))
        let added = try #require(october.load.addedEvents[.orders])
        #expect(added.rows > 0 && october.load.stagedBefore == september.load.stagedAfter)
        let scanned = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite")).dryRun { session in
            try StagedEvents.read(session, load: LoadReport(), clock: ZoneClock(timeZone: PipelineConfig().timeZone), latest: true, perDay: true)
        }
        #expect(october.load.stagedAfter[.orders] == september.load.stagedAfter[.orders]?.adding(added))
        #expect(october.load.stagedAfter == scanned.totals)
        let fresh = try RerunTests.run(input, tmp.file("fresh"))
        #expect(october.period == fresh.period && october.asOf == fresh.asOf)
    }

    /// A corrected file that moves the latest order earlier replaces the row that held it: the
    /// table's count did not grow by the rows read, so it is scanned, and as_of moves back.
    @Test func aReplacedLatestEventIsNotCarried() throws {
        let tmp = TempFolder()
        let input = try Self.monthlyInput(tmp)
        let october = try String(contentsOfFile: tmp.file("in/orders-2026-10.csv"), encoding: .utf8)
        let late = "SO90000003,C000001,M001,2026-11-03 10:00,500.00,400.00,2026-12-03,,completed\n"
        tmp.write("in/orders-2026-10.csv", october + late)
        let first = try RerunTests.run(input, tmp.file("out"))
        let clock = ZoneClock(timeZone: PipelineConfig().timeZone)
        #expect(first.asOf == (try #require(Moment.parse("2026-11-03 10:00"))).epoch(in: clock))
        tmp.write("in/orders-2026-10.csv", october + late.replacingOccurrences(of: "2026-11-03 10:00", with: "2026-11-02 10:00"))
        let rerun = try RerunTests.run(input, tmp.file("out"))
        #expect(rerun.load.reusedFiles.contains("orders-2026-09.csv") && !rerun.load.reusedFiles.contains("orders-2026-10.csv"))
        #expect(rerun.asOf == (try #require(Moment.parse("2026-11-02 10:00"))).epoch(in: clock))
        try Self.expectSameAsFreshLoad(tmp, input, results: false)
    }
}
