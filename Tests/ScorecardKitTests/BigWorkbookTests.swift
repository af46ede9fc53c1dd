import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports

/// Issue 10, SPEC §4.1.1: a big workbook streams (libxlsxwriter's constant-memory mode) and a
/// table longer than a sheet goes on to further sheets — seen here on the small report fixture
/// with a lower threshold and fewer rows per sheet.
@Suite struct BigWorkbookTests {
    static func run(_ output: String, layout: WorkbookReport.Layout) throws -> String {
        var options = RunOptions(pipelinePath: "monthly.yml", config: PipelineConfig(), pipelineText: "", inputFolder: ReportTests.input,
                                 outputFolder: output, period: try Period(parsing: "2026-10"), now: testNow)
        options.hooks.workbookLayout = layout
        _ = try PipelineRunner.run(options)
        return (output as NSString).appendingPathComponent("2026-10/scorecard-2026-10.xlsx")
    }

    struct Sheet { var name: String; var hidden: Bool; var cells: [String: String] }

    /// Each sheet's cells by reference (`B12`), shared and inline strings read alike.
    static func sheets(_ path: String) throws -> [Sheet] {
        let parts = try ReportTests.parts(path)
        let shared = try ReportTests.nodes(ReportTests.xml(parts["xl/sharedStrings.xml"] ?? Data("<sst/>".utf8)), "si").map(\.text)
        let listed = try ReportTests.nodes(ReportTests.xml(parts["xl/workbook.xml"]), "sheet")
        return try listed.enumerated().map { i, sheet in
            var cells: [String: String] = [:]
            for c in try ReportTests.nodes(ReportTests.xml(parts["xl/worksheets/sheet\(i + 1).xml"]), "c") {
                guard let ref = c.attributes["r"], !c.text.isEmpty else { continue }
                cells[ref] = c.attributes["t"] == "s" ? shared[Int(c.text)!] : c.text
            }
            return Sheet(name: sheet.attributes["name"] ?? "", hidden: sheet.attributes["state"] == "hidden", cells: cells)
        }
    }

    @Test func aStreamedWorkbookHoldsTheSameCells() throws {
        let tmp = TempFolder()
        let held = try Self.sheets(Self.run(tmp.file("held"), layout: WorkbookReport.Layout()))
        let streamed = try Self.sheets(Self.run(tmp.file("streamed"), layout: WorkbookReport.Layout(streamingFromRows: 0)))
        #expect(held.map(\.name) == streamed.map(\.name))
        for (a, b) in zip(held, streamed) {
            #expect(a.cells.count > 0 || a.name.isEmpty == false)
            #expect(a.cells == b.cells, "sheet \(a.name) differs when streamed")
        }
        // Streamed: inline strings, no shared-string table.
        let parts = try ReportTests.parts(tmp.file("streamed/2026-10/scorecard-2026-10.xlsx"))
        #expect(parts["xl/sharedStrings.xml"] == nil)
    }

    /// Issue 10: a big table's cells are prepared on a second thread while this one writes;
    /// the workbook holds the same cells either way, also across further sheets.
    @Test func cellsPreparedAlongsideAreTheSameCells() throws {
        let tmp = TempFolder()
        let inline = try Self.sheets(Self.run(tmp.file("inline"), layout: WorkbookReport.Layout(
            rowLimit: 25, streamingFromRows: 0, preparedAlongsideFromRows: .max)))
        let alongside = try Self.sheets(Self.run(tmp.file("alongside"), layout: WorkbookReport.Layout(
            rowLimit: 25, streamingFromRows: 0, preparedAlongsideFromRows: 0)))
        #expect(inline.map(\.name) == alongside.map(\.name))
        #expect(inline.contains { $0.name == "客户分级 3" })
        for (a, b) in zip(inline, alongside) { #expect(a.cells == b.cells, "sheet \(a.name) differs when prepared alongside") }
    }

    /// Rows prepared in runs: every row once, in order, each run starting where the last ended;
    /// a text cut to XML-safe form and a missing number left blank, as single cells are written.
    @Test func preparedRowsComeInRunsInOrder() throws {
        let rows = Array(0..<(PreparedRows.rowsPerRun * 2 + 7))
        let columns: [Column<Int>] = [
            Column("n") { .number($0.isMultiple(of: 5) ? nil : Double($0), .integer) },
            Column("t") { .text("r\($0)\u{1}", .plain) },
        ]
        for alongside in [false, true] {
            var firsts: [Int] = [], texts: [String] = [], blanks = 0
            try PreparedRows.stream(rows, columns, alongside: alongside) { run in
                firsts.append(run.firstRow)
                for r in 0..<run.rowCount {
                    let number = run.cells[r * 2], text = run.cells[r * 2 + 1]
                    if number.kind == .blank { blanks += 1 } else { #expect(number.number == Double(run.firstRow + r)) }
                    let bytes = run.text[Int(text.textStart)...].prefix { $0 != 0 }
                    texts.append(String(decoding: bytes, as: UTF8.self))
                    #expect(text.width == Int32(texts.last!.utf8.count))
                }
            }
            #expect(firsts == [0, PreparedRows.rowsPerRun, PreparedRows.rowsPerRun * 2])
            #expect(texts == rows.map { "r\($0) " }, "control characters become spaces")
            #expect(blanks == rows.filter { $0.isMultiple(of: 5) }.count)
        }
    }

    /// A failure while writing stops the preparing thread and comes back to the caller.
    @Test func aWriteFailureStopsThePreparingThread() {
        struct Stop: Error {}
        let rows = Array(0..<(PreparedRows.rowsPerRun * 50))
        var runs = 0
        #expect(throws: Stop.self) {
            try PreparedRows.stream(rows, [Column<Int>("n") { .number(Double($0), .integer) }], alongside: true) { _ in
                runs += 1
                if runs == 2 { throw Stop() }
            }
        }
        #expect(runs == 2)
    }

    @Test func aTableLongerThanASheetGoesOnToFurtherSheets() throws {
        let tmp = TempFolder()
        let whole = try Self.sheets(Self.run(tmp.file("whole"), layout: WorkbookReport.Layout()))
        let limit = 25
        let cut = try Self.sheets(Self.run(tmp.file("cut"), layout: WorkbookReport.Layout(rowLimit: limit, streamingFromRows: 0)))
        let customers = try #require(whole.first { $0.name == "客户分级" })
        let ids = (2...).prefix { customers.cells["A\($0)"] != nil }.map { customers.cells["A\($0)"]! }
        #expect(ids.count == 60)
        let names = cut.map(\.name)
        let at = try #require(names.firstIndex(of: "客户分级"))
        #expect(Array(names[at...].prefix(3)) == ["客户分级", "客户分级 2", "客户分级 3"], "the further sheets stand beside it")
        var seen: [String] = []
        for page in cut[at..<(at + 3)] {
            #expect(!page.hidden)
            // Each page under the table's header, at most `limit` rows.
            for column in ["A", "B", "E"] { #expect(page.cells["\(column)1"] == customers.cells["\(column)1"]) }
            #expect(page.cells.keys.allSatisfy { Int($0.drop { $0.isLetter })! <= limit })
            seen += (2...limit).compactMap { page.cells["A\($0)"] }
        }
        #expect(seen == ids, "every customer once, in order")
        // Further sheets added for a generous estimate and not reached are hidden and empty.
        #expect(cut.filter { $0.name.hasPrefix("客户分级 ") && !$0.hidden }.map(\.name) == ["客户分级 2", "客户分级 3"])
        #expect(cut.filter { $0.hidden && !$0.cells.isEmpty }.map(\.name) == ["图表数据"])
    }
}
