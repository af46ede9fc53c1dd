import Foundation
import GRDB
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// Issue 25, the second adversarial pass: each probe that misbehaved, as a test that failed
/// on the build before the fix. The PostgreSQL probes are in `PostgresHardeningTests`.
@Suite struct HardeningTests {
    let cli = CommandLineTests()

    /// An input folder that runs: the master lists, three October orders, empty other exports.
    static func runnable() -> TempFolder {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", StagingTests.orders)
        tmp.emptyExports()
        return tmp
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    // MARK: 1. A warehouse under a folder the run replaces

    @Test(arguments: ["output/2026-10/w.sqlite", "output/2026-10-rejected/w.sqlite", "output/2026/w.sqlite", "output/validate/w.sqlite",
                      "output/2026-W43/sub/w.sqlite", "output/./2026-10/w.sqlite", "output/x/../2026-10/w.sqlite"])
    func aWarehouseInsideAReplacedFolderIsRefused(path: String) throws {
        let tmp = Self.runnable()
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--warehouse", "sqlite:\(path)", "--quiet"], in: tmp.path)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("inside output/"), "\(r.stderr)")
        #expect(r.stderr.contains("would be deleted"))
        #expect(!FileManager.default.fileExists(atPath: tmp.file(path)))
    }

    /// Through a link too: `output/current` → `output/2026-10`.
    @Test func aWarehouseReachedThroughALinkToAReplacedFolderIsRefused() throws {
        let tmp = Self.runnable()
        _ = tmp.folder("output/2026-10")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("output/current"), withDestinationPath: tmp.file("output/2026-10"))
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--warehouse", "sqlite:output/current/w.sqlite", "--quiet"], in: tmp.path)
        #expect(r.status == 2, "\(r.stderr)")
    }

    /// Places that are not replaced stay allowed: the default, a folder of one's own, outside.
    @Test(arguments: ["output/warehouse.sqlite", "output/data/w.sqlite", "w.sqlite", "output/2026-10.sqlite", "output/archive-2026/w.sqlite"])
    func aWarehouseElsewhereIsUsed(path: String) throws {
        let tmp = Self.runnable()
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--warehouse", "sqlite:\(path)", "--quiet"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.file(path)))
        #expect(FileManager.default.fileExists(atPath: tmp.file("output/2026-10/run.json")))
    }

    // MARK: 5. A warehouse of a newer scorecard

    @Test func aWarehouseWithAnUnknownMigrationIsRefusedUnchanged() throws {
        let tmp = Self.runnable()
        #expect(try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--quiet"], in: tmp.path).status == 0)
        let path = tmp.file("output/warehouse.sqlite")
        try SQLiteWarehouse(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: amounts in cents')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--quiet"], in: tmp.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("written by a newer scorecard"), "\(r.stderr)")
        #expect(r.stderr.contains("v99: amounts in cents"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    // MARK: 6. Two exports joined, the second header in another order

    static let joined = """
        order_id,customer_id,order_date,amount,cost
        A1,C001,2026-10-01,100,60
        order_id,customer_id,order_date,cost,amount
        A2,C001,2026-10-02,70,200

        """

    @Test func aHeaderRepeatedInAnotherOrderStopsTheLoadNamingTheLine() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", Self.joined)
        let warehouse = try tempWarehouse(tmp)
        #expect(throws: IngestError.headerRepeated(file: "orders.csv", line: 3)) { _ = try load(tmp.file("input"), warehouse: warehouse) }
        #expect(try warehouse.rows("SELECT COUNT(*) FROM orders") == [["0"]])
    }

    /// Another export's spelling of the same columns (Chinese after English) is a header too.
    @Test func anotherHeaderOfTheEntityStopsTheLoad() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,100\n订单编号,客户编号,金额,下单日期\nA2,C001,200,2026-10-02\n")
        #expect(throws: IngestError.headerRepeated(file: "orders.csv", line: 3)) { _ = try load(tmp.file("input"), warehouse: try tempWarehouse(tmp)) }
    }

    /// The same header in the same order (a second export appended as is) is not a row.
    @Test func theSameHeaderRepeatedIsSkippedAndNamed() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount,cost\nA1,C001,2026-10-01,100,60\norder_id,customer_id,order_date,amount,cost\nA2,C001,2026-10-02,200,70\n")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.rejects.isEmpty)
        #expect(report.notDataLines.map(\.line) == [3])
        #expect(try warehouse.rows("SELECT order_id, amount, cost FROM orders ORDER BY order_id") == [["A1", "100.0", "60.0"], ["A2", "200.0", "70.0"]])
    }

    /// Managers are all text: a repeated header used to load as a manager named 姓名.
    @Test func aRepeatedHeaderInAListOfTextIsNotARow() throws {
        let tmp = TempFolder()
        tmp.write("input/managers.csv", "经理编号,姓名\nM001,张三\n姓名,经理编号\n李四,M002\n")
        #expect(throws: IngestError.headerRepeated(file: "managers.csv", line: 3)) { _ = try load(tmp.file("input"), warehouse: try tempWarehouse(tmp)) }
    }

    // MARK: 7. Only sqlite:PATH and postgresql:// are warehouses

    @Test(arguments: ["pg://db.example/scorecard", "jdbc:postgresql://db.example:5432/scorecard", "postgresql+psycopg2://u@db/scorecard",
                      "host=db.example dbname=scorecard", "sqlite::memory:", "sqlite:", "out/warehouse.sqlite", "sqlite:file:w.db?mode=memory",
                      "mysql://u@db/scorecard"])
    func otherWarehouseFormsAreRefused(text: String) throws {
        #expect(throws: WarehouseError.notAWarehouse(text)) { _ = try WarehouseLocation(parsing: text) }
    }

    @Test func aWarehouseFormIsAUsageErrorOnTheCommandLineAndInThePipeline() throws {
        let tmp = Self.runnable()
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--warehouse", "jdbc:postgresql://db/scorecard"], in: tmp.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("neither sqlite:PATH"))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("output")))
        #expect(throws: PipelineError.self) { _ = try PipelineLoader.parse("warehouse: \"sqlite::memory:\"\n", file: "p.yml") }
        #expect(try WarehouseLocation(parsing: "SQLite:out/w.sqlite") == .sqlite(path: "out/w.sqlite"))
    }

    // MARK: 8. as_of before the period end

    @Test func anAsOfBeforeThePeriodEndExitsTwo() throws {
        let tmp = Self.runnable()
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--period", "2026-10", "--as-of", "2026-10-15 00:00"], in: tmp.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("before the end of 2026-10"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.file("output/2026-10")))
        // The period taken from the data: refused once it is known, nothing stored.
        let d = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--as-of", "2026-10-31 23:59"], in: tmp.path)
        #expect(d.status == 2, "\(d.stderr)")
        #expect(try SQLiteWarehouse(path: tmp.file("output/warehouse.sqlite")).rows("SELECT COUNT(*) FROM orders") == [["0"]])
        #expect(try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--as-of", "2026-11-01 00:00", "--quiet"], in: tmp.path).status == 0)
    }

    // MARK: 9. No file written through a link

    @Test func validateReplacesALinkPlantedInItsFolder() throws {
        let tmp = Self.runnable()
        tmp.write("victim.txt", "keep me")
        chmod(tmp.file("victim.txt"), 0o644)
        _ = tmp.folder("output/validate")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("output/validate/rejects.csv"), withDestinationPath: tmp.file("victim.txt"))
        let r = try cli.scorecard(["validate", "--pipeline", CommandLineTests.monthly], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: tmp.file("victim.txt"), encoding: .utf8) == "keep me")
        #expect(try Self.mode(tmp.file("victim.txt")) == 0o644)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: tmp.file("output/validate/rejects.csv"))) == nil)
    }

    @Test func aRejectedFolderThatIsALinkIsReplacedNotWrittenThrough() throws {
        let tmp = TempFolder()
        _ = tmp.input(["rejects/orders.csv": "orders.csv"])
        tmp.emptyExports()
        _ = tmp.folder("elsewhere")
        tmp.write("elsewhere/rejects.csv", "keep me")
        _ = tmp.folder("output")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("output/2026-10-rejected"), withDestinationPath: tmp.file("elsewhere"))
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly, "--quiet"], in: tmp.path)
        #expect(r.status == 3)
        #expect(try String(contentsOfFile: tmp.file("elsewhere/rejects.csv"), encoding: .utf8) == "keep me")
        #expect(FileManager.default.fileExists(atPath: tmp.file("output/2026-10-rejected/data-quality.md")))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: tmp.file("output/2026-10-rejected"))) == nil)
    }

    // MARK: 10. Check first, change nothing that is not ours

    @Test func aTextFileIsNotTakenForAWarehouse() throws {
        let tmp = TempFolder()
        tmp.write("notes.txt", "my notes\n")
        chmod(tmp.file("notes.txt"), 0o644)
        #expect(throws: WarehouseError.self) { _ = try SQLiteWarehouse(path: tmp.file("notes.txt")) }
        #expect(try Self.mode(tmp.file("notes.txt")) == 0o644)
        #expect(try String(contentsOfFile: tmp.file("notes.txt"), encoding: .utf8) == "my notes\n")
    }

    @Test func aPipeOrFolderIsNotTakenForAWarehouse() throws {
        let tmp = TempFolder()
        #expect(mkfifo(tmp.file("fifo"), 0o644) == 0)
        #expect(throws: WarehouseError.self) { _ = try SQLiteWarehouse(path: tmp.file("fifo")) }
        #expect(try Self.mode(tmp.file("fifo")) == 0o644)
        _ = tmp.folder("dir")
        chmod(tmp.file("dir"), 0o755)
        #expect(throws: WarehouseError.self) { _ = try SQLiteWarehouse(path: tmp.file("dir")) }
        #expect(try Self.mode(tmp.file("dir")) == 0o755)
    }

    @Test func anotherApplicationsDatabaseGetsNoTables() throws {
        let tmp = TempFolder()
        let path = tmp.file("crm.sqlite")
        try SQLiteWarehouseProbe.plain(path) { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')") }
        chmod(path, 0o644)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: WarehouseError.self) { _ = try SQLiteWarehouse(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Self.mode(path) == 0o644)
    }

    // MARK: 11. File names escaped in every line of data-quality.md

    @Test func fileNamesAreEscapedOutsideTheTableToo() throws {
        var load = LoadReport()
        var file = FileLoadReport(entity: .orders, file: "orders[<b>x</b>].csv", bytes: 10, sha256: "", encoding: "UTF-8", delimiter: ",")
        file.rowsRead = 2
        file.rowsRejected = 2
        load.files = [file]
        load.notDataLines = [(file: "orders[<b>x</b>].csv", line: 4)]
        let text = DataQualityReport(load: load, maxRejectRate: 0.05).markdown(.en)
        #expect(!text.contains("<b>"))
        #expect(!text.contains("[<"))
        #expect(text.contains("orders\\[&lt;b&gt;x&lt;/b&gt;\\].csv."))
    }

    // MARK: 12. validate without a required export

    @Test func validateWithoutARequiredExportExitsOne() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.emptyExports([.visits, .complaints, .surveys])
        let r = try cli.scorecard(["validate", "--pipeline", CommandLineTests.monthly], in: tmp.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("orders"), "\(r.stderr)")
        #expect(r.stdout.contains("| 经理 |") || r.stdout.contains("managers.csv"))
    }

    // MARK: 13. A file that changes while it is read

    @Test func aFileAppendedToWhileReadIsNoticed() throws {
        let tmp = TempFolder()
        let path = tmp.file("orders.csv")
        tmp.write("orders.csv", "order_id,customer_id,order_date,amount\n" + String(repeating: "A1,C001,2026-10-01,100\n", count: 200))
        let reader = try UTF8ChunkReader(path: path, file: "orders.csv", override: nil, chunkSize: 1024)
        _ = try reader.next(file: "orders.csv")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("A2,C001,2026-10-02,200\n".utf8))
        try handle.close()
        #expect(throws: IngestError.self) { while try reader.next(file: "orders.csv") != nil {} }
        // Read whole, unchanged: no complaint.
        let again = try UTF8ChunkReader(path: path, file: "orders.csv", override: nil, chunkSize: 1024)
        while try again.next(file: "orders.csv") != nil {}
    }

    // MARK: 15. An output folder that cannot be written is named as such

    @Test func anUnwritableOutputFolderIsNamed() throws {
        let tmp = Self.runnable()
        _ = tmp.folder("output/scorecard.lock")  // the lock file cannot be made
        let r = try cli.scorecard(["run", "--pipeline", CommandLineTests.monthly], in: tmp.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Cannot write output"), "\(r.stderr)")
        #expect(!r.stderr.contains("warehouse"))
    }

    // MARK: 17–19. The pipeline file

    @Test(arguments: ["UTC+8", "GMT+8", "CST", "Asia/Shang_hai", "+08:00"])
    func onlyIANAZonesAreTimeZones(zone: String) throws {
        #expect(throws: PipelineError.self) { _ = try PipelineLoader.parse("timezone: \"\(zone)\"\n", file: "p.yml") }
    }

    @Test(arguments: ["Asia/Shanghai", "UTC", "Etc/UTC", "America/New_York", "Asia/Urumqi"])
    func ianaZonesAreTaken(zone: String) throws {
        #expect(try PipelineLoader.parse("timezone: \(zone)\n", file: "p.yml").timeZone.identifier.isEmpty == false)
    }

    @Test func aDuplicateKeyIsReportedAtItsOwnLine() throws {
        #expect(throws: PipelineError.syntax(file: "p.yml", line: 4, message: "the key 'period' appears twice in one mapping (this is its second place)")) {
            _ = try PipelineLoader.parse("name: test\nperiod: month\n# a comment\nperiod: half_month\n", file: "p.yml")
        }
        #expect(throws: PipelineError.syntax(file: "p.yml", line: 5, message: "the key 'first_response_hours' appears twice in one mapping (this is its second place)")) {
            _ = try PipelineLoader.parse("period: month\ncomplaints:\n  first_response_hours: 24\n  resolution_days: 7\n  first_response_hours: 12\n", file: "p.yml")
        }
    }

    @Test func aGBKPipelineSaysItIsNotUTF8AndWhere() throws {
        let tmp = TempFolder()
        // "name: 月报" in GBK on line 2.
        tmp.write("p.yml", Data("period: month\nname: ".utf8) + Data([0xD4, 0xC2, 0xB1, 0xA8]) + Data("\n".utf8))
        #expect(throws: PipelineError.notUTF8(file: tmp.file("p.yml"), line: 2, column: 7)) { _ = try PipelineLoader.load(path: tmp.file("p.yml")) }
        #expect(PipelineError.notUTF8(file: "p.yml", line: 2, column: 7).localizedDescription.contains("p.yml:2: the pipeline file is not UTF-8"))
    }

    // MARK: 20. Money exact to the cent

    @Test func largeAmountsKeepTheirCentsAndAboveTenTrillionAreRejected() throws {
        let r = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,9999999999999.99\nA2,C001,2026-10-01,12345678901234.56\nA3,C001,2026-10-01,1234567890123.45\n", pipeline: "")
        #expect(r.rejects.map { $0[1] } == ["amount"])
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,9999999999999.99\nA3,C001,2026-10-01,1234567890123.45\n")
        let warehouse = try tempWarehouse(tmp)
        _ = try load(tmp.file("input"), warehouse: warehouse)
        #expect(try warehouse.rows("SELECT printf('%.2f', amount) FROM orders ORDER BY order_id") == [["9999999999999.99"], ["1234567890123.45"]])
    }

    /// SPEC §2.7's examples: scale and fx multiply the exact value, rounded once, half away from zero.
    @Test func scaleAndFxAreExactAndRoundedOnce() throws {
        let r = try MappingKeysTests.load(orders: """
            order_id,customer_id,order_date,amount,currency
            A1,C001,2026-10-01,194.45,USD
            A2,C001,2026-10-01,1.005,CNY
            A3,C001,2026-10-01,0.125,USD
            A4,C001,2026-10-01,1.23万,CNY
            A5,C001,2026-10-01,２.６７５,CNY

            """, pipeline: "fx: {USD: 7.10}\n")
        #expect(r.rejects == [])
        #expect(r.rows.map { $0[4] } == ["1380.6", "1.01", "0.89", "12300.0", "2.68"])
        let scaled = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,0.000125\n", pipeline: "inputs:\n  orders:\n    scale: {amount: 10000}\n")
        #expect(scaled.rows.map { $0[4] } == ["1.25"])
    }

    @Test(arguments: [("1.005", 101), ("2.675", 268), ("0.125", 13), ("1380.595", 138060), ("0.004", 0), ("0.005", 1), ("12", 1200)])
    func centsRoundHalfAwayFromZero(text: String, cents: Int64) throws {
        var t = text
        let amount = try #require(t.withUTF8 { ValueParser.decimal(ascii: $0) })
        #expect(amount.cents == cents)
        #expect(ExactAmount(units: -amount.units, decimals: amount.decimals).cents == -cents)
    }

    @Test func factorsReadByTheirShortestSpelling() throws {
        #expect(ExactAmount(7.10) == ExactAmount(units: 71, decimals: 1))
        #expect(ExactAmount(10000) == ExactAmount(units: 100000, decimals: 1))
        #expect(ExactAmount(1e-5).map { ExactAmount(units: 100000, decimals: 0).times($0)?.cents } == 100)
    }

    // MARK: 21. One rule for ids

    @Test func idsAreNFCWithoutInvisibleCharacters() throws {
        let tmp = TempFolder()
        tmp.write("input/managers.csv", "manager_id,name\nM001,张三\n")
        // C001 with a zero-width space and a word joiner; 客户é composed (NFC) and decomposed (NFD).
        tmp.write("input/customers.csv", "customer_id,name,manager_id\nC001,甲,M001\n客户\u{E9},乙,M001\n")
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount\nA1,C0\u{200B}01,2026-10-01,5\nA2,\u{2060}C001\u{FEFF},2026-10-02,6\nA3,客户e\u{301},2026-10-03,7\nA\u{200D}4,C001,2026-10-04,8\n")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        #expect(try warehouse.rows("SELECT order_id, customer_id FROM orders ORDER BY order_id") == [
            ["A1", "C001"], ["A2", "C001"], ["A3", "客户\u{E9}"], ["A4", "C001"],
        ])
        #expect(try warehouse.rows("SELECT customer_id FROM orders WHERE order_id = 'A3'").first?.first??.unicodeScalars.count == 3)
        #expect(HardeningTests.scalars("客户e\u{301}") == 4 && EntityFileReader.canonicalID("客户e\u{301}").unicodeScalars.count == 3)
    }

    static func scalars(_ s: String) -> Int { s.unicodeScalars.count }

    /// Kana with its voicing mark apart, and a pair beyond U+FFFF that composes, are made NFC too:
    /// the quick check let them through as they came.
    @Test func idsWithMarksOutsideTheFirstRangesAreNFC() {
        for (given, nfc) in [("か\u{3099}", "が"), ("ハ\u{309A}", "パ"), ("C\u{11099}\u{110BA}", "C\u{1109A}")] {
            #expect(Array(given.utf8).withUnsafeBufferPointer { EntityFileReader.mayNeedNormalising($0) })
            #expect(EntityFileReader.canonicalID(given).unicodeScalars.elementsEqual(nfc.unicodeScalars))
        }
        #expect(!Array("客户C001".utf8).withUnsafeBufferPointer { EntityFileReader.mayNeedNormalising($0) })
    }

    // MARK: 22. inspect --write never replaces a file unasked

    @Test func inspectWriteKeepsAnExistingPipeline() throws {
        let tmp = Self.runnable()
        tmp.write("mine.yml", "# edited for hours\n")
        let r = try cli.scorecard(["inspect", "--write", "mine.yml"], in: tmp.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--force"))
        #expect(try String(contentsOfFile: tmp.file("mine.yml"), encoding: .utf8) == "# edited for hours\n")
        let forced = try cli.scorecard(["inspect", "--write", "mine.yml", "--force"], in: tmp.path)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: tmp.file("mine.yml"), encoding: .utf8) != "# edited for hours\n")
    }
}

/// A plain SQLite database of another application, made with GRDB directly.
enum SQLiteWarehouseProbe {
    static func plain(_ path: String, _ body: (Database) throws -> Void) throws {
        try DatabaseQueue(path: path).write(body)
    }
}
