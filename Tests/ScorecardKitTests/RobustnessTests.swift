import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardGenerator
@testable import ScorecardIngest
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// SPEC §6 "Robust": malformed files give a clear error or rejects, never a crash.
@Suite struct RobustnessTests {
    func loadManagers(_ data: Data) throws -> (LoadReport, SQLiteWarehouse, TempFolder) {
        let tmp = TempFolder()
        tmp.write("input/managers.csv", data)
        let warehouse = try tempWarehouse(tmp)
        return (try load(tmp.file("input"), warehouse: warehouse), warehouse, tmp)
    }

    @Test func emptyFileIsAClearError() throws {
        #expect(throws: IngestError.empty(file: "managers.csv")) { _ = try loadManagers(Data()) }
        let message = IngestError.empty(file: "managers.csv").localizedDescription
        #expect(message.contains("managers.csv") && message.contains("empty"))
    }

    @Test func headerOnlyLoadsNothing() throws {
        let (report, _, _) = try loadManagers(Data("manager_id,name\r\n".utf8))
        #expect(report.files.first?.rowsRead == 0)
        #expect(report.rejects.isEmpty)
    }

    @Test func missingRequiredColumnNamesItAndShowsTheHeader() throws {
        let error = #expect(throws: IngestError.self) { _ = try loadManagers(Data("manager_id,nick_name,team\nM1,A,B\n".utf8)) }
        #expect(error == .missingColumn(file: "managers.csv", column: "name / 姓名", header: ["manager_id", "nick_name", "team"]))
        #expect(error?.localizedDescription == "managers.csv: required column 'name / 姓名' is missing. Header found: manager_id | nick_name | team")
    }

    @Test func binaryGarbageIsNotText() throws {
        var generator = SeededRandom(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(throws: IngestError.self) { _ = try loadManagers(Data(bytes)) }
        // An XLSX (a zip) saved under a .csv name.
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]
        #expect(throws: IngestError.notText(file: "managers.csv")) { _ = try loadManagers(Data(zip + Array(repeating: 0, count: 100))) }
    }

    @Test func tenMegabyteFieldIsRejectedNotLoaded() throws {
        var text = "manager_id,name,team\nM001,王伟,一组\nM002,\""
        text += String(repeating: "长", count: 3_500_000)  // 10.5 MB of UTF-8
        text += "\",二组\nM003,赵敏,三组\n"
        let (report, warehouse, _) = try loadManagers(Data(text.utf8))
        #expect(report.rejects.count == 1)
        let rejected = try #require(report.rejects.first)
        #expect(rejected.line == 3)
        #expect(rejected.column == "name")
        #expect(rejected.reason == .tooLong(bytes: 10_500_000))
        #expect(try warehouse.rows("SELECT manager_id FROM managers ORDER BY 1") == [["M001"], ["M003"]])
    }

    @Test func unterminatedQuoteNamesTheLine() throws {
        let text = "manager_id,name\nM001,王伟\nM002,\"李娜\nM003,赵敏\n"
        #expect(throws: IngestError.unterminatedQuote(file: "managers.csv", line: 3)) { _ = try loadManagers(Data(text.utf8)) }
    }

    @Test func undecodableBytesAreAClearError() throws {
        // Latin-1 text with bytes that are neither UTF-8 nor GB18030.
        let bytes: [UInt8] = Array("manager_id,name\nM001,".utf8) + [0xFF, 0xFF, 0x80, 0xFF] + Array("\n".utf8)
        #expect(throws: IngestError.undecodable(file: "managers.csv")) { _ = try loadManagers(Data(bytes)) }
    }

    @Test func truncatedGB18030AtTheEndIsRejectedNotGuessed() throws {
        var gbk: [UInt8] = []
        Transcoder(from: "UTF-8", to: "GB18030")!.convert(Array("经理编号,姓名\nM001,王伟\nM002,李娜\n".utf8), into: &gbk, final: true)
        gbk.removeLast(2)  // cut inside 娜, drop the newline
        let (report, warehouse, _) = try loadManagers(Data(gbk))
        #expect(report.rejects.map(\.reason) == [.undecodableText])
        #expect(try warehouse.rows("SELECT name FROM managers") == [["王伟"]])
    }

    @Test func missingInputFolderIsAClearError() throws {
        let tmp = TempFolder()
        let warehouse = try tempWarehouse(tmp)
        #expect(throws: IngestError.noInputFolder(tmp.file("nope"))) { _ = try load(tmp.file("nope"), warehouse: warehouse) }
    }

    /// Issue 12, item 1: Excel counts a cell's 32 767 characters in UTF-16 units. Text
    /// within that many graphemes but beyond that many units (emoji) is rejected at
    /// ingest as the workbook counts it, and never reaches the workbook whole.
    @Test func textBeyondACellCountedAsExcelCountsIsRejected() throws {
        let emoji = String(repeating: "👍", count: 17_000)  // 17 000 graphemes, 34 000 UTF-16 units, 68 000 bytes
        let (report, warehouse, _tmp) = try loadManagers(Data("manager_id,name,team\nM1,王伟,\(emoji)\nM2,李娜,一组\n".utf8))
        defer { withExtendedLifetime(_tmp) {} }
        #expect(report.rejects.map(\.reason) == [.cellTooLong(units: 34_000)])
        #expect(report.rejects.first?.reason.description == "text of 34000 characters (as Excel counts them) is longer than a spreadsheet cell holds (32767)")
        #expect(try warehouse.rows("SELECT manager_id FROM managers") == [["M2"]])
        let exactly = String(repeating: "👍", count: 16_383) + "a"  // 32 767 units: fits
        let (fits, _, _tmp2) = try loadManagers(Data("manager_id,name,team\nM1,王伟,\(exactly)\n".utf8))
        defer { withExtendedLifetime(_tmp2) {} }
        #expect(fits.rejects == [])
    }

    /// The workbook clips any text (a rejected raw line on the data-quality sheet) at
    /// 32 767 UTF-16 units, never inside a surrogate pair.
    @Test func theWorkbookClipsByUTF16Units() {
        let clipped = XLSXSheet.clippedToCell(String(repeating: "👍", count: 20_000))
        #expect(clipped.utf16.count == 32_766 && clipped.unicodeScalars.allSatisfy { $0 == "👍" })
        #expect(XLSXSheet.clippedToCell(String(repeating: "a", count: 40_000)).utf16.count == 32_767)
        #expect(XLSXSheet.clippedToCell("短文本") == "短文本")
    }

    /// Issue 12, item 6: only regular files inside the input folder are read.
    @Test func linksOutOfTheFolderAndPipesAreRefused() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("elsewhere/orders.csv", "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("input/orders.csv"), withDestinationPath: tmp.file("elsewhere/orders.csv"))
        let warehouse = try tempWarehouse(tmp)
        #expect(throws: IngestError.notRegularFile(file: "orders.csv", reason: "a link that leads out of the input folder")) {
            _ = try load(tmp.file("input"), warehouse: warehouse)
        }
        // A link to a file inside the folder is read.
        try FileManager.default.removeItem(atPath: tmp.file("input/orders.csv"))
        tmp.write("input/exports/october.csv", "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("input/orders.csv"), withDestinationPath: tmp.file("input/exports/october.csv"))
        #expect(try load(tmp.file("input"), warehouse: warehouse).files.first { $0.file == "orders.csv" }?.rowsLoaded == 1)
        // A FIFO is refused at once instead of hanging the run.
        try FileManager.default.removeItem(atPath: tmp.file("input/orders.csv"))
        #expect(mkfifo(tmp.file("input/orders.csv"), 0o600) == 0)
        #expect(throws: IngestError.notRegularFile(file: "orders.csv", reason: "a pipe (FIFO)")) {
            _ = try load(tmp.file("input"), warehouse: warehouse)
        }
        let inspected = try ExportInspector.inspect(folder: tmp.file("input"), config: PipelineConfig(), now: testNow)
        #expect(inspected.first { $0.file == "orders.csv" }?.error?.contains("a pipe (FIFO)") == true)
    }

    @Test func aWarehouseThatIsALinkIsRefused() throws {
        let tmp = TempFolder()
        tmp.write("target.sqlite", "")
        _ = tmp.folder("out")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("out/warehouse.sqlite"), withDestinationPath: tmp.file("target.sqlite"))
        #expect(throws: WarehouseError.self) { _ = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite")) }
    }

    /// Issue 12, item 3: no arithmetic traps on data values. Amounts above 10^13 (issue 25) are a
    /// unit mistake and rejected; the largest allowed ones, long overdue, sum and weigh
    /// days late in 128-bit cents (in 64 bits, amount × days late overflowed).
    @Test func hugeAmountsNeitherTrapNorLoad() throws {
        let rejected = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,9999999999999999亿\nA2,C001,2026-10-01,5\n", pipeline: "")
        #expect(rejected.rejects == [["2", "amount", "value '9999999999999999亿' is above 10 000 000 000 000 (ten trillion; a unit or column mistake? check scale:)"]])
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", """
            order_id,customer_id,order_date,amount,due_date
            A1,C001,2026-10-01,9999999999999.99,1990-01-01
            A2,C001,2026-10-02,9999999999999.99,1990-01-01
            A3,C002,2026-10-03,9999999999999.99,1990-01-01
            A4,C003,2026-10-04,1,

            """)
        tmp.emptyExports()
        let summary = try PipelineRunner.run(RunOptions(pipelinePath: "p.yml", config: PipelineConfig(), pipelineText: "", inputFolder: input,
                                                        outputFolder: tmp.file("out"), period: try Period(parsing: "2026-10"), now: testNow))
        // The run's results keep only the grades that moved; every customer's is in the warehouse.
        #expect(try #require(summary.results?.grades.tally).sales == 3 * 9_999_999_999_999.99 + 1)
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        #expect(try warehouse.rows("SELECT CAST(ROUND(sales_12m * 100) AS INTEGER) FROM customer_grades WHERE customer_id = 'C001'") == [["1999999999999998"]])
        #expect(try warehouse.rows("SELECT grade FROM customer_grades WHERE customer_id = 'C003'") == [["C"]])
    }
}
