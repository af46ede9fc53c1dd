import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardReports
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// SPEC §2.3: every row is loaded or rejected with file, line, column, reason and raw text.
@Suite struct ValidationTests {
    /// The basic master lists and `Fixtures/rejects/<entity>.csv`, loaded into a new warehouse.
    static func loadRejects(_ entity: String) throws -> (LoadReport, SQLiteWarehouse, TempFolder) {
        let tmp = TempFolder()
        let warehouse = try tempWarehouse(tmp)
        return (try load(tmp.input(["rejects/\(entity).csv": "\(entity).csv"]), warehouse: warehouse), warehouse, tmp)
    }

    func reject(_ file: String, _ line: Int, _ column: String, _ reason: RejectReason, _ raw: String) -> RejectedRow {
        RejectedRow(file: file, line: line, column: column, reason: reason, raw: raw)
    }

    @Test func ordersRejectEachReason() throws {
        let (report, warehouse, _tmp) = try Self.loadRejects("orders")
        defer { withExtendedLifetime(_tmp) {} }
        let statuses = ["completed/已完成", "cancelled/已取消", "refunded/已退款", "open/未完成"]
        #expect(report.rejects == [
            reject("orders.csv", 3, "order_id", .missingValue, ",C001,M001,2026-10-03 10:00,100,,,,"),
            reject("orders.csv", 4, "order_date", .unparseableDate("2026-10-32 10:00"), "R03,C001,M001,2026-10-32 10:00,100,,,,"),
            reject("orders.csv", 5, "amount", .unparseableNumber("12a"), "R04,C001,M001,2026-10-03 10:00,12a,,,,"),
            reject("orders.csv", 6, "amount", .negative("-5"), "R05,C001,M001,2026-10-03 10:00,-5,,,,"),
            reject("orders.csv", 7, "status", .unknownValue("shipped", expected: statuses), "R06,C001,M001,2026-10-03 10:00,100,,,,shipped"),
            reject("orders.csv", 8, "customer_id", .unknownCustomer("C999"), "R07,C999,M001,2026-10-03 10:00,100,,,,"),
            reject("orders.csv", 9, "manager_id", .unknownManager("M999"), "R08,C001,M999,2026-10-03 10:00,100,,,,"),
            reject("orders.csv", 10, "order_date", .inFuture("2099-01-01 10:00"), "R09,C001,M001,2099-01-01 10:00,100,,,,"),
            reject("orders.csv", 11, "", .wrongValueCount(found: 10, header: 9), "R10,C001,M001,2026-10-03 10:00,1,234.00,,,,"),
            reject("orders.csv", 12, "", .wrongValueCount(found: 4, header: 9), "R11,C001,M001,2026-10-03 10:00"),
            reject("orders.csv", 13, "order_id", .duplicate(laterFile: "orders.csv", laterLine: 14), "R12,C001,M001,2026-10-04 10:00,50,,,,已完成"),
            reject("orders.csv", 16, "paid_date", .inFuture("2099-01-01"), "R15,C001,M001,2026-10-03 10:00,100,,,2099-01-01,"),
            reject("orders.csv", 17, "status", .undecodableText, "R16,C001,M001,2026-10-03 10:00,100,,,,\u{FFFD}"),
        ])
        let orders = try #require(report.files.first { $0.entity == .orders })
        #expect(orders.rowsRead == 17)
        #expect(orders.rowsLoaded == 4)
        #expect(orders.rowsRejected == 13)
        #expect(orders.rowsRead == orders.rowsLoaded + orders.rowsRejected)
        // The later duplicate wins; a due date in the future is a plan, not an event.
        #expect(try warehouse.rows("SELECT order_id, amount, cost, due_date, paid_date, status FROM orders ORDER BY order_id") == [
            ["R01", "100.0", "60.0", "2026-11-02", "2026-10-20", "completed"],
            ["R12", "55.0", nil, nil, nil, "completed"],
            ["R14", "100.0", nil, "2099-01-01", nil, "completed"],
            ["R17", "70.0", nil, nil, nil, "completed"],
        ])
    }

    @Test func visitsRejectEndBeforeStartAndBadValues() throws {
        let (report, warehouse, _tmp) = try Self.loadRejects("visits")
        defer { withExtendedLifetime(_tmp) {} }
        let types = ["on_site/上门", "phone/电话", "online/线上"]
        #expect(report.rejects == [
            reject("visits.csv", 3, "visit_end", .endBeforeStart(end: "visit_end", start: "visit_start"), "V02,M001,C001,2026-10-03 10:00,2026-10-03 09:00,,on_site,"),
            reject("visits.csv", 4, "duration_min", .negative("-5"), "V03,M001,C001,2026-10-03 10:00,,-5,phone,"),
            reject("visits.csv", 5, "type", .unknownValue("walk", expected: types), "V04,M001,C001,2026-10-03 10:00,,30,walk,"),
            reject("visits.csv", 6, "report_submitted_at", .endBeforeStart(end: "report_submitted_at", start: "visit_start"), "V05,M001,C001,2026-10-03 10:00,,30,phone,2026-10-02 10:00"),
        ])
        #expect(try warehouse.rows("SELECT visit_id, visit_end, duration_min, type FROM visits ORDER BY visit_id") == [
            ["V01", "2026-10-03T10:45:00+08:00", nil, "on_site"],
            ["V06", nil, "12.0", "phone"],
        ])
    }

    @Test func surveysRejectScoresOutOfRange() throws {
        let (report, warehouse, _tmp) = try Self.loadRejects("surveys")
        defer { withExtendedLifetime(_tmp) {} }
        #expect(report.rejects.map { [String($0.line), $0.column, $0.reason.description] } == [
            ["3", "overall", "value '6' out of range 1–5"],
            ["4", "overall", "value '4.5' is not a whole number"],
            ["5", "nps", "value '11' out of range 0–10"],
            ["6", "attitude", "value '0' out of range 1–5"],
        ])
        // Without a manager column a survey belongs to the customer's manager (SPEC §2.2).
        #expect(try warehouse.rows("SELECT survey_id, manager_id, overall, nps, comment FROM surveys ORDER BY survey_id") == [
            ["S01", "M001", "5", "10", "很好"],
            ["S06", "M001", nil, nil, "没有评分, 只有意见"],
        ])
        #expect(try warehouse.rows("SELECT * FROM survey_dimensions") == [["S01", "attitude", "4"]])
    }

    @Test func complaintsRejectTimesOutOfOrderAndKeepExplicitManagers() throws {
        let (report, warehouse, _tmp) = try Self.loadRejects("complaints")
        defer { withExtendedLifetime(_tmp) {} }
        #expect(report.rejects.map { [String($0.line), $0.column, $0.reason.kind] } == [
            ["3", "first_response_at", "end before start"],
            ["4", "resolved_at", "end before start"],
            ["5", "follow_up_at", "end before start"],
            ["6", "severity", "unknown value"],
        ])
        #expect(try warehouse.rows("SELECT complaint_id, manager_id, severity, follow_up_type FROM complaints ORDER BY complaint_id") == [
            ["P01", "M001", "normal", "phone"],
            ["P06", "M001", "major", nil],
        ])
    }

    @Test func targetsNeedAPeriod() throws {
        let (report, warehouse, _tmp) = try Self.loadRejects("targets")
        defer { withExtendedLifetime(_tmp) {} }
        #expect(report.rejects.map { [String($0.line), $0.column, $0.reason.description] } == [
            ["3", "period", "'October' is not a period"], ["5", "manager_id", "missing required value"],   // neither a manager nor a team
        ])
        // The wide form (manager_id, period, sales_target) reads as kind sales, tier target (SPEC §3.12).
        #expect(try warehouse.rows("SELECT manager_id, team, period, kind, tier, target FROM targets ORDER BY manager_id") == [
            ["M001", "", "2026-10", "sales", "target", "50000.0"], ["M002", "", "2026-10-H1", "sales", "target", "20000.0"],
        ])
    }

    /// SPEC §3.11: what a submission covers is a day, an ISO week or a month; anything else is a
    /// reject with its reason, not a row the metric skips later.
    @Test func submissionsNeedAPeriodCovered() throws {
        let (report, warehouse, _tmp) = try Self.loadRejects("submissions")
        defer { withExtendedLifetime(_tmp) {} }
        #expect(report.rejects.map { [String($0.line), $0.column, $0.reason.description] } == [["5", "covers", "'last week' is not a period"]])
        let staged = try warehouse.rows("SELECT manager_id, kind, covers, item FROM submissions ORDER BY manager_id, covers")
        #expect(staged == [
            ["M001", "monthly_summary", "2026-09", ""], ["M001", "daily_log", "2026-10-05", ""], ["M001", "weekly_summary", "2026-W41", ""],
            ["M002", "archive", "2026-10-07", "SO9"],
        ])
    }

    @Test func customersNeedAKnownManager() throws {
        let tmp = TempFolder()
        tmp.copy("basic/managers.csv", as: "input/managers.csv")
        tmp.write("input/customers.csv", "客户编号,客户名称,经理编号,区域\nC001,甲,M001,外埠\nC002,乙,M404,城区\nC003,丙,M002,郊区\n")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.rejects.map(\.reason) == [
            .unknownManager("M404"),
            .unknownValue("郊区", expected: ["urban/城区", "rural/农村", "remote/外埠"]),
        ])
        #expect(try warehouse.rows("SELECT customer_id, region FROM customers") == [["C001", "remote"]])
    }

    @Test func rejectsCSVKeepsFormulasAsText() throws {
        let tmp = TempFolder()
        let rows = [RejectedRow(file: "a.csv", line: 2, column: "name", reason: .missingValue, raw: "=HYPERLINK(\"x\"),1")]
        try RejectsWriter.write(rows, to: tmp.file("rejects.csv"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: tmp.file("rejects.csv")))
        #expect(bytes == Data("\u{FEFF}file,line,column,reason,raw\r\na.csv,2,name,missing required value,\"'=HYPERLINK(\"\"x\"\"),1\"\r\n".utf8))
    }

    /// Issue 12, item 6: OWASP lists TAB and CR among the characters that start a formula.
    @Test(arguments: [("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"), ("\r=1+1", "\"'\r=1+1\""), ("-12", "-12"), ("@SUM(A1)", "'@SUM(A1)")])
    func rejectsCSVNeutralisesTabAndCR(raw: String, cell: String) {
        #expect(RejectsWriter.cell(raw) == cell)
    }
}
