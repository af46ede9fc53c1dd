import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardModel
@testable import ScorecardPipeline

/// SPEC §2.1: every encoding, delimiter and CSV quirk loads the same two managers.
@Suite struct ExportQuirksTests {
    static let expected: [[String?]] = [
        ["M001", "王伟", "一组", "active", "2021-03-01"],
        ["M002", "李娜 \"小李\"", "二组", "left", "2022-07-15"],
    ]

    @Test(arguments: [
        ("utf8", "UTF-8", "comma"),
        ("utf8-bom", "UTF-8 BOM", "comma"),
        ("utf16le", "UTF-16LE", "tab"),
        ("utf16be", "UTF-16BE", "comma"),
        ("gb18030", "GB18030", "comma"),
        ("tab", "UTF-8", "tab"),
        ("semicolon", "UTF-8", "semicolon"),
        ("crlf", "UTF-8", "comma"),
        ("no-final-newline", "UTF-8", "comma"),
        ("trailing-blank-lines", "UTF-8", "comma"),
        ("trailing-delimiter", "UTF-8", "comma"),
        ("header-spaces-order", "UTF-8", "comma"),
    ])
    func loadsTheSameManagers(fixture: String, encoding: String, delimiter: String) throws {
        let tmp = TempFolder()
        tmp.copy("quirks/\(fixture).csv", as: "input/managers.csv")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.rejects == [])
        let file = try #require(report.files.first)
        #expect(file.encoding == encoding)
        #expect(file.delimiter == delimiter)
        #expect(file.rowsRead == 2)
        #expect(file.rowsLoaded == 2)
        #expect(try warehouse.rows("SELECT manager_id, name, team, status, hire_date FROM managers ORDER BY manager_id") == Self.expected)
    }

    @Test(arguments: ["quoted-newline", "quoted-newline-crlf"])
    func quotedNewlineStaysInTheValueAndLinesCount(fixture: String) throws {
        let tmp = TempFolder()
        tmp.copy("quirks/\(fixture).csv", as: "input/managers.csv")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.rejects == [])
        let team = try warehouse.rows("SELECT team FROM managers WHERE manager_id = 'M001'")
        let newline = fixture.hasSuffix("crlf") ? "\r\n" : "\n"
        #expect(team == [["一组\(newline)(夜班)"]])

        // The second record starts on physical line 4.
        let reader = try EntityFileReader(path: tmp.file("input/managers.csv"), file: "managers.csv", entity: .managers,
                                          spec: InputSpec(entity: .managers), dimensions: [], clock: ZoneClock(timeZone: .current),
                                          now: Int(testNow.timeIntervalSince1970))
        var lines: [Int] = []
        var batch = PackedBatch(width: Entity.managers.columns.count, capacity: 4)
        while let r = try reader.next(into: &batch) { if case .row = r { lines.append(batch.rows.last!.line) } }
        #expect(lines == [2, 4])
    }

    @Test func everyTimestampAndMoneyFormLoads() throws {
        let tmp = TempFolder()
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.input(["forms/orders.csv": "orders.csv"]), warehouse: warehouse)
        #expect(report.rejects == [])
        let rows = try warehouse.rows("SELECT order_id, order_date, amount, status FROM orders ORDER BY order_id")
        #expect(rows == [
            ["O01", "2026-10-03T14:05:00+08:00", "1234.5", "completed"],
            ["O02", "2026-10-03T14:05:00+08:00", "1234.5", "completed"],
            ["O03", "2026-10-03T14:05:00+08:00", "1234.5", "completed"],
            ["O04", "2026-10-03T14:05:07+08:00", "1234.0", "completed"],
            ["O05", "2026-10-03T14:05:00+08:00", "1234.5", "completed"],
            ["O06", "2026-10-03T00:00:00+08:00", "1234.0", "completed"],
            ["O07", "2026-10-03T00:00:00+08:00", "1234.5", "completed"],
            ["O08", "2026-10-03T00:00:00+08:00", "1234.5", "completed"],
            ["O09", "2026-10-03T14:05:00+08:00", "0.0", "completed"],
            ["O10", "2026-10-03T14:05:00+08:00", "1234.0", "completed"],
        ])
    }

    /// Local times are stored with the offset they had in the pipeline's zone, across
    /// both daylight-saving changes (a time the spring change skips, one the autumn
    /// change repeats): the same text as converting the instant back (SPEC §4.3).
    @Test func localTimesKeepTheirZoneOffsetAcrossDaylightSaving() throws {
        let tmp = TempFolder()
        let times = ["2026-01-15 09:30", "2026-03-08 01:59", "2026-03-08 02:30", "2026-03-08 03:00",
                     "2026-07-01 12:00", "2026-11-01 01:30", "2026-11-01 02:00", "2026-10-03T14:05:00+08:00"]
        let rows = times.enumerated().map { "O\($0.offset),C001,M001,\($0.element),10" }
        tmp.write("input/orders.csv", (["order_id,customer_id,manager_id,order_date,amount"] + rows).joined(separator: "\n") + "\n")
        _ = tmp.input()
        var config = PipelineConfig()
        config.timeZone = TimeZone(identifier: "America/New_York")!
        let clock = ZoneClock(timeZone: config.timeZone)
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), config: config, warehouse: warehouse)
        #expect(report.rejects == [])
        let stored = try warehouse.rows("SELECT order_date FROM orders ORDER BY CAST(substr(order_id, 2) AS INTEGER)").map { $0[0] }
        #expect(stored == times.map { clock.iso(Moment.parse($0)!.epoch(in: clock)) })
        #expect(stored[0] == "2026-01-15T09:30:00-05:00")
        #expect(stored[4] == "2026-07-01T12:00:00-04:00")
        #expect(stored[7] == "2026-10-03T02:05:00-04:00")
    }

    @Test func pipelineColumnMappingAndEncodingOverride() throws {
        let tmp = TempFolder()
        // A GBK export with a header the aliases do not know.
        let text = "工号,员工姓名,状态\r\nM001,王伟,在职\r\n"
        var gbk: [UInt8] = []
        Transcoder(from: "UTF-8", to: "GB18030")!.convert(Array(text.utf8), into: &gbk, final: true)
        tmp.write("input/managers-2026.csv", Data(gbk))
        var config = PipelineConfig()
        var spec = InputSpec(entity: .managers)
        spec.encoding = .gb18030
        spec.columns = ["manager_id": ["工号"], "name": ["员工姓名"]]
        config.inputs[.managers] = spec
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), config: config, warehouse: warehouse)
        #expect(report.rejects == [])
        #expect(try warehouse.rows("SELECT manager_id, name, status FROM managers") == [["M001", "王伟", "active"]])
    }
}

/// Excel on Traditional Chinese Windows saves Big5: its bytes mostly decode as
/// GB18030 too, into private-use characters; they are read as Big5 instead.
@Suite struct Big5Tests {
    @Test func big5IsDetectedAndRead() throws {
        let tmp = TempFolder()
        tmp.copy("basic/managers.csv", as: "input/managers.csv")
        tmp.copy("quirks/big5-customers.csv", as: "input/customers.csv")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.files.first { $0.file == "customers.csv" }?.encoding == "Big5")
        #expect(report.rejects == [])
        #expect(try warehouse.rows("SELECT customer_id, name FROM customers ORDER BY customer_id") == [["C1", "香港恆生貿易有限公司"], ["C2", "臺北市信義區商行"]])
    }

    @Test func big5CanBeNamedInThePipeline() throws {
        let config = try PipelineLoader.parse("inputs:\n  customers:\n    encoding: big5\n", file: "p.yml")
        #expect(config.input(.customers).encoding == .big5)
    }
}
