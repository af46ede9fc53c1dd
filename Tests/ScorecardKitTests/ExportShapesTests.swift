import Foundation
import GRDB
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// SPEC §2.7: exports that are not one row per thing, each shaped like a real export of
/// issue 26, loaded with a pipeline file only.
@Suite struct ExportShapesTests {
    /// Loads `files` (name → text) beside the basic master lists with `pipeline`; the report and the warehouse.
    static func load(_ files: [String: String], pipeline: String, masters: Bool = true) throws -> (LoadReport, SQLiteWarehouse) {
        let tmp = TempFolder()
        if masters { _ = tmp.input() } else { _ = tmp.folder("input") }
        for (name, text) in files { tmp.write("input/\(name)", text) }
        let warehouse = try tempWarehouse(tmp)
        let report = try ScorecardKitTests.load(tmp.file("input"), config: PipelineLoader.parse(pipeline, file: "p.yml"), warehouse: warehouse)
        return (report, warehouse)
    }

    static func reasons(_ report: LoadReport, _ file: String) -> [[String]] {
        report.rejects.filter { $0.file == file }.map { [String($0.line), $0.column, $0.reason.description] }
    }

    // MARK: Long title blocks

    /// An Alipay-style bill: 22 title lines (some with trailing commas) above the header.
    static let bill: String = {
        var lines = ["支付宝交易记录明细查询", "账号:[demo@example.com]", "起始日期:[2026-10-01 00:00:00]    终止日期:[2026-11-01 00:00:00]"]
        lines += (4...22).map { "---------------------------------交易记录明细列表{\($0)}------------------------------------,,," }
        lines += ["交易号,客户编号,交易创建时间,金额（元）", "2026100122001,C001,2026-10-03 10:15:00,88.50", "2026100122002,C002,2026-10-05 18:02:11,120.00"]
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aHeaderUnderTwentyTwoTitleLinesIsFound() throws {
        let (report, warehouse) = try Self.load(["orders.csv": Self.bill],
                                                pipeline: "inputs:\n  orders:\n    columns: {order_id: 交易号, order_date: 交易创建时间, amount: 金额（元）}\n")
        #expect(report.rejects.isEmpty)
        #expect(try warehouse.rows("SELECT order_id, customer_id, amount FROM orders ORDER BY order_id") == [
            ["2026100122001", "C001", "88.5"], ["2026100122002", "C002", "120.0"],
        ])
    }

    @Test func headerLineNamesTheHeader() throws {
        let (report, warehouse) = try Self.load(["orders.csv": Self.bill],
                                                pipeline: "inputs:\n  orders:\n    header_line: 23\n    columns: {order_id: 交易号, order_date: 交易创建时间, amount: 金额（元）}\n")
        #expect(report.rejects.isEmpty)
        #expect(report.files.first { $0.file == "orders.csv" }?.rowsLoaded == 2)
        #expect(try warehouse.rows("SELECT COUNT(*) FROM orders") == [["2"]])
        #expect(throws: IngestError.noHeaderLine(file: "orders.csv", line: 99)) {
            _ = try Self.load(["orders.csv": Self.bill], pipeline: "inputs:\n  orders:\n    header_line: 99\n")
        }
    }

    @Test func noHeaderSaysHowManyLinesWereSearchedAndNamesTheKey() throws {
        let text = String(repeating: "title line\n", count: 70) + "订单编号,客户编号,下单日期,金额\nA1,C001,2026-10-01,5\n"
        #expect(throws: IngestError.noHeader(file: "orders.csv", searched: 60, entity: "orders")) { _ = try Self.load(["orders.csv": text], pipeline: "") }
        #expect(IngestError.noHeader(file: "orders.csv", searched: 60, entity: "orders").localizedDescription.contains("inputs.orders.header_line"))
    }

    // MARK: Dates without a year

    static let shipping = "单号,客户编号,发货日期,金额\nS1,C001,11月18日,30\nS2,C002,11/19,40\nS3,C001,11月20日 14:05,50\n"

    @Test func datesWithoutAYearAreRejectedNamingTheKey() throws {
        let (report, _) = try Self.load(["orders.csv": Self.shipping], pipeline: "inputs:\n  orders:\n    columns: {order_date: 发货日期}\n")
        #expect(Self.reasons(report, "orders.csv") == [
            ["2", "order_date", "date '11月18日' has no year: give it under inputs.orders.default_year in the pipeline (e.g. default_year: 2026)"],
            ["3", "order_date", "date '11/19' has no year: give it under inputs.orders.default_year in the pipeline (e.g. default_year: 2026)"],
            ["4", "order_date", "date '11月20日 14:05' has no year: give it under inputs.orders.default_year in the pipeline (e.g. default_year: 2026)"],
        ])
    }

    @Test func defaultYearReadsThem() throws {
        let (report, warehouse) = try Self.load(["orders.csv": Self.shipping],
                                                pipeline: "inputs:\n  orders:\n    default_year: 2026\n    columns: {order_date: 发货日期}\n")
        #expect(report.rejects.isEmpty)
        #expect(try warehouse.rows("SELECT order_id, order_date FROM orders ORDER BY order_id") == [
            ["S1", "2026-11-18T00:00:00+08:00"], ["S2", "2026-11-19T00:00:00+08:00"], ["S3", "2026-11-20T14:05:00+08:00"],
        ])
    }

    @Test func aDefaultYearOutsideThePeriodsIsAPipelineError() throws {
        #expect(throws: PipelineError.self) { _ = try PipelineLoader.parse("inputs:\n  orders:\n    default_year: 26\n", file: "p.yml") }
    }

    // MARK: Durations, and one file read by two entities

    /// English support tickets: the first response in minutes, the resolution in hours, a rating.
    static let tickets = """
        Ticket ID,Customer,Created,First Response (min),Resolution (h),Rating
        T-1,C001,2026-10-02 09:00,42,5.5,5
        T-2,C002,2026-10-03 10:00,,,
        T-3,C001,2026-10-04 11:00,90.5,30,2
        T-4,C003,2026-10-05 12:00,-3,1,4

        """

    static let ticketPipeline = """
        inputs:
          complaints:
            files: [tickets.csv]
            columns:
              complaint_id: Ticket ID
              customer_id: Customer
              received_at: Created
              first_response_at: {after: received_at, minutes: First Response (min)}
              resolved_at: {after: received_at, hours: Resolution (h)}
          surveys:
            files: [tickets.csv]
            columns:
              survey_id: Ticket ID
              customer_id: Customer
              surveyed_at: Created
              overall: Rating

        """

    @Test func durationsBecomeMomentsAndTwoEntitiesReadOneFile() throws {
        let (report, warehouse) = try Self.load(["tickets.csv": Self.tickets], pipeline: Self.ticketPipeline)
        #expect(try warehouse.rows("SELECT complaint_id, received_at, first_response_at, resolved_at FROM complaints ORDER BY complaint_id") == [
            ["T-1", "2026-10-02T09:00:00+08:00", "2026-10-02T09:42:00+08:00", "2026-10-02T14:30:00+08:00"],
            ["T-2", "2026-10-03T10:00:00+08:00", nil, nil],
            ["T-3", "2026-10-04T11:00:00+08:00", "2026-10-04T12:30:30+08:00", "2026-10-05T17:00:00+08:00"],
        ])
        #expect(try warehouse.rows("SELECT survey_id, overall FROM surveys ORDER BY survey_id") == [["T-1", "5"], ["T-2", nil], ["T-3", "2"], ["T-4", "4"]])
        // Each entity counts its own rows and rejects.
        #expect(report.files.filter { $0.file == "tickets.csv" }.map { [$0.entity.rawValue, $0.file, String($0.rowsRead), String($0.rowsLoaded), String($0.rowsRejected)] } == [
            ["complaints", "tickets.csv", "4", "3", "1"], ["surveys", "tickets.csv", "4", "4", "0"],
        ])
        #expect(Self.reasons(report, "tickets.csv") == [["5", "first_response_at", "negative value '-3'"]])
    }

    @Test func aDurationMustFollowAnEarlierTimeColumn() throws {
        #expect(throws: PipelineError.self) {
            _ = try PipelineLoader.parse("inputs:\n  complaints:\n    columns:\n      received_at: {after: resolved_at, minutes: X}\n", file: "p.yml")
        }
        #expect(throws: PipelineError.self) {
            _ = try PipelineLoader.parse("inputs:\n  complaints:\n    columns:\n      first_response_at: {after: received_at, minutes: X, hours: Y}\n", file: "p.yml")
        }
        #expect(throws: PipelineError.self) {
            _ = try PipelineLoader.parse("inputs:\n  complaints:\n    columns:\n      severity: {after: received_at, minutes: X}\n", file: "p.yml")
        }
    }

    /// A rerun of the same two-entity file reads it again (its rejects are not told apart by entity) and never crashes.
    @Test func aRerunOfAFileReadByTwoEntities() throws {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/tickets.csv", Self.tickets)
        tmp.emptyExports([.orders, .visits])
        let text = "max_reject_rate: 0.5\n" + Self.ticketPipeline
        let config = try PipelineLoader.parse(text, file: "p.yml")
        var options = RunOptions(pipelinePath: "p.yml", config: config, pipelineText: text, inputFolder: input,
                                 outputFolder: tmp.file("out"), period: try Period(parsing: "2026-10"), now: testNow)
        options.asOf = parseMoment("2026-11-01 00:00", timeZone: config.timeZone)
        let first = try PipelineRunner.run(options)
        #expect(first.load.rowsRejected == 1)
        tmp.write("input/orders.csv", StagingTests.orders)
        let second = try PipelineRunner.run(options)
        #expect(!second.load.reusedFiles.contains("tickets.csv"))
        #expect(second.load.files.filter { $0.file == "tickets.csv" }.map(\.rowsRejected) == [1, 0])
    }
}

/// SPEC §2.7, "The default period": stray late rows do not decide it; service requests and
/// visit plans count as events.
@Suite struct DefaultPeriodTests {
    static func days(_ counts: [(String, Int)]) -> [CivilDate: Int] {
        Dictionary(counts.map { (Moment.parse($0.0)!.date, $0.1) }, uniquingKeysWith: +)
    }

    @Test func twoStrayVisitsDoNotChooseThePeriod() throws {
        let year2023 = (1...12).map { (String(format: "2023-%02d-10", $0), 100) }
        let chosen = try #require(DefaultPeriod.choose(Self.days(year2023 + [("2024-01-03", 2)]), kind: .month))
        #expect(chosen.period.name == "2023-12")
        #expect(chosen.passedOver?.period.name == "2024-01")
        #expect(chosen.passedOver?.events == 2)
        #expect(chosen.busiest == 100)
    }

    @Test func aTenthOfTheBusiestIsEnough() throws {
        let chosen = try #require(DefaultPeriod.choose(Self.days([("2026-09-01", 100), ("2026-10-01", 10), ("2026-11-01", 9)]), kind: .month))
        #expect(chosen.period.name == "2026-10")
        #expect(chosen.passedOver?.period.name == "2026-11")
        let quarter = try #require(DefaultPeriod.choose(Self.days([("2026-09-01", 100), ("2026-10-01", 10), ("2026-11-01", 9)]), kind: .quarter))
        #expect(quarter.period.name == "2026-Q4")
        #expect(quarter.passedOver == nil)
        #expect(DefaultPeriod.choose([:], kind: .month) == nil)
    }

    /// Orders in September, service requests in October: October is the period.
    @Test func serviceRequestsCountAsEvents() throws {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", "order_id,customer_id,order_date,amount\nA1,C001,2026-09-01,5\nA2,C001,2026-09-02,5\nA3,C002,2026-09-03,5\n")
        tmp.write("input/service_requests.csv", "request_id,customer_id,reported_at\nR1,C001,2026-10-05 09:00\n")
        tmp.emptyExports()
        let summary = try PipelineRunner.run(RunOptions(pipelinePath: "p.yml", config: PipelineConfig(), pipelineText: "", inputFolder: input,
                                                        outputFolder: tmp.file("out"), now: testNow))
        #expect(summary.period?.name == "2026-10")
        #expect(summary.defaultPeriod?.passedOver == nil)
    }
}

/// SPEC §2.7: open orders are loaded and never a sale; an optional export that is absent
/// leaves its KPI out of every score and draws no list.
@Suite struct OpenAndAbsentTests {
    static func run(_ files: [String: String], pipeline: String = "", period: String = "2026-10") throws -> (RunSummary, TempFolder) {
        let tmp = TempFolder()
        let input = tmp.input()
        for (name, text) in files { tmp.write("input/\(name)", text) }
        let config = try PipelineLoader.parse(pipeline, file: "p.yml")
        var options = RunOptions(pipelinePath: "p.yml", config: config, pipelineText: pipeline, inputFolder: input,
                                 outputFolder: tmp.file("out"), period: try Period(parsing: period), now: testNow)
        options.asOf = parseMoment("2026-11-01 00:00", timeZone: config.timeZone)
        return (try PipelineRunner.run(options), tmp)
    }

    /// A POS list: paid, awaiting payment, shipped (not yet settled).
    static let pos = "订单编号,客户编号,下单日期,金额,订单状态\nP1,C001,2026-10-02,100,已完成\nP2,C001,2026-10-03,40,待付款\nP3,C002,2026-10-04,60,已发货\nP4,C003,2026-10-05,10,pending\n"

    @Test func openOrdersAreLoadedAndNeverASale() throws {
        let (summary, tmp) = try Self.run(["orders.csv": Self.pos, "visits.csv": "visit_id,manager_id,customer_id,visit_start\n",
                                           "complaints.csv": "complaint_id,customer_id,received_at\n", "surveys.csv": "survey_id,customer_id,surveyed_at\n"])
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        #expect(try warehouse.rows("SELECT order_id, status FROM orders ORDER BY order_id") == [["P1", "completed"], ["P2", "open"], ["P3", "open"], ["P4", "open"]])
        let results = try #require(summary.results)
        #expect(results.managers.first { $0.managerID == "M001" }?.sales == 100)
        #expect(results.managers.first { $0.managerID == "M002" }?.sales == 0)
        #expect(try warehouse.rows("SELECT customer_id, sales_12m FROM customer_grades WHERE customer_id IN ('C001', 'C002') ORDER BY customer_id")
            == [["C001", "100.0"], ["C002", "0.0"]])
    }

    @Test func anAbsentVisitsExportLeavesCoverageOutAndDrawsNoList() throws {
        let pipeline = "inputs:\n  visits: {optional: true}\n  complaints: {optional: true}\n  surveys: {optional: true}\n"
        let (summary, tmp) = try Self.run(["orders.csv": Self.pos], pipeline: pipeline)
        let results = try #require(summary.results)
        #expect(results.absent == [.visits, .complaints, .surveys, .serviceRequests, .visitPlans, .targets, .submissions])
        #expect(results.visits.uncovered.isEmpty)
        for m in results.managers {
            #expect(m.coverageRate == nil)
            #expect(m.points[.coverage] == nil)
            #expect(m.slaRate == nil && m.adjustedSatisfaction == nil)
        }
        // Sales alone decide: M001 (100) first with all the points.
        #expect(results.managers.first?.managerID == "M001")
        #expect(results.managers.first?.score == 100)
        let markdown = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        #expect(markdown.contains("未提供拜访数据：拜访覆盖率不计入得分"))
        #expect(!markdown.contains("A级客户未按期拜访") && !markdown.contains("投诉超时") && !markdown.contains("低满意度"))
        #expect(markdown.contains("- ⚠ 未提供拜访数据") && markdown.contains("| 未按期拜访的A级客户 | – |") && markdown.contains("| 投诉数 | – |"))
        #expect(results.figures[.aNotCovered] == nil && results.figures[.visits] == nil && results.figures[.responses] == nil)
        #expect(results.development.surveyReach.isEmpty)
        #expect(markdown.contains("## 投诉时效\n\n未提供投诉数据") && markdown.contains("## 拜访\n\n未提供拜访数据"))
        // The workbook's sheets say so too.
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let shared = try ReportTests.nodes(ReportTests.xml(parts["xl/sharedStrings.xml"]), "t").map(\.text)
        #expect(shared.contains { $0.hasPrefix("未提供拜访数据") } && shared.contains { $0.hasPrefix("⚠ 未提供投诉数据") })
        // The open orders: counted per manager, never a sale.
        #expect(results.openOrders == ["M001": OpenOrders(count: 2, cents: 10_000), "M002": OpenOrders(count: 1, cents: 1_000)])
        #expect(markdown.contains("**未完成订单**（不计入销售）：3 笔，110.00"))
        // A header-only visits export is data: nobody visited, coverage 0 %.
        let (present, _) = try Self.run(["orders.csv": Self.pos, "visits.csv": "visit_id,manager_id,customer_id,visit_start\n"], pipeline: pipeline)
        #expect(present.results?.absent == [.complaints, .surveys, .serviceRequests, .visitPlans, .targets, .submissions])
        #expect(present.results?.managers.first { $0.managerID == "M001" }?.coverageRate == 0)
    }
}

/// SPEC §2.7, "Line items": a POS's dish lines and a supplier's PO lines in USD.
@Suite struct LineItemsTests {
    /// Dish lines (UTF-8 with BOM, a quoted line break): quantity × unit price per line.
    static let dishes = "\u{FEFF}订单号,客户编号,下单时间,菜品,数量,单价\nD1,C001,2026-10-02 12:01,\"宫保鸡丁\n(微辣)\",2,38.5\nD1,C001,2026-10-02 12:00,米饭,3,2\nD2,C002,2026-10-03 18:30,酸菜鱼,1,88\nD1,C002,2026-10-02 12:05,可乐,1,5\nD3,C001,2026-10-04 19:00,茶,1.5,12.333\nD3,C001,2026-10-04 19:00,茶,1.5,12.333\n"

    @Test func dishLinesAreSummedIntoOrders() throws {
        let (report, warehouse) = try ExportShapesTests.load(["orders.csv": Self.dishes], pipeline: "inputs:\n  orders:\n    lines: sum\n")
        // D1: 2 × 38.5 + 3 × 2 = 83.00, its earliest line's time; D3: 2 × 1.5 × 12.333 = 36.999 → 37.00 (rounded once, not 18.50 twice).
        #expect(try warehouse.rows("SELECT order_id, customer_id, order_date, amount, quantity FROM orders ORDER BY order_id") == [
            ["D1", "C001", "2026-10-02T12:00:00+08:00", "83.0", "2.0"], ["D2", "C002", "2026-10-03T18:30:00+08:00", "88.0", "1.0"],
            ["D3", "C001", "2026-10-04T19:00:00+08:00", "37.0", "1.5"],
        ])
        #expect(ExportShapesTests.reasons(report, "orders.csv") == [["6", "customer_id", "line of order D1 names customer C002, its first line C001"]])
        let file = try #require(report.files.first { $0.file == "orders.csv" })
        #expect(file.rowsRead == 6 && file.rowsLoaded == 5 && file.rowsRejected == 1)
    }

    /// Without `lines: sum` the lines are duplicates of one order id, as before (the later wins).
    @Test func withoutLinesSumTheyAreDuplicates() throws {
        let (report, _) = try ExportShapesTests.load(["orders.csv": Self.dishes], pipeline: "")
        #expect(report.rejects.filter { $0.reason.kind == "duplicate key" }.count == 3)
    }

    /// PO lines in USD: the lines' exact amounts summed, then × 7.10, rounded once.
    static let purchaseOrders = "PO Number,Customer,PO Date,Qty,Unit Price,Currency\nPO-1,C001,10/05/2026,1,100.00,USD\nPO-1,C001,10/05/2026,1,94.45,USD\nPO-2,C002,10/06/2026,3,0.125,USD\nPO-3,C003,10/07/2026,1,1.005,CNY\n"

    @Test func usdPurchaseOrderLinesConvertOnce() throws {
        let pipeline = """
            fx: {USD: 7.10}
            inputs:
              orders:
                lines: sum
                date_order: mdy
                columns: {order_id: PO Number, customer_id: Customer, order_date: PO Date, quantity: Qty, unit_price: Unit Price, currency: Currency}

            """
        let (report, warehouse) = try ExportShapesTests.load(["orders.csv": Self.purchaseOrders], pipeline: pipeline)
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        // 194.45 × 7.10 = 1 380.595 → 1 380.60 (per line: 710.00 + 670.60 = 1 380.60 here, but 0.375 × 7.10 = 2.6625 → 2.66);
        // 1.005 CNY → 1.01.
        #expect(try warehouse.rows("SELECT order_id, amount, currency FROM orders ORDER BY order_id") == [
            ["PO-1", "1380.6", "USD"], ["PO-2", "2.66", "USD"], ["PO-3", "1.01", "CNY"],
        ])
    }

    /// Per order (no lines), quantity × unit price stands for the amount, exactly.
    @Test func quantityTimesUnitPriceWithoutLines() throws {
        let (report, warehouse) = try ExportShapesTests.load(["orders.csv": "order_id,customer_id,order_date,数量,单价,成本单价\nA1,C001,2026-10-01,3,12.345,10\nA2,C001,2026-10-02,,5,\n"],
                                                             pipeline: "")
        #expect(try warehouse.rows("SELECT order_id, amount, cost FROM orders") == [["A1", "37.04", "30.0"]])
        #expect(ExportShapesTests.reasons(report, "orders.csv") == [["3", "amount", "missing required value"]])
    }

    @Test func sumsOfLinesAreExactToTheCent() throws {
        // 10 000 lines of 0.10: 1 000.00 exactly (binary doubles summed give 999.9999999999…).
        let lines = (1...10_000).map { _ in "L1,C001,2026-10-01,0.10" }.joined(separator: "\n")
        let (_, warehouse) = try ExportShapesTests.load(["orders.csv": "order_id,customer_id,order_date,amount\n" + lines + "\n"], pipeline: "inputs:\n  orders:\n    lines: sum\n")
        #expect(try warehouse.rows("SELECT printf('%.2f', amount) FROM orders") == [["1000.00"]])
        let big = try ExportShapesTests.load(["orders.csv": "order_id,customer_id,order_date,amount\nB1,C001,2026-10-01,123456789012.34\n"], pipeline: "")
        #expect(try big.1.rows("SELECT printf('%.2f', amount) FROM orders") == [["123456789012.34"]])
    }
}

/// SPEC §2.7, "Master lists derived".
@Suite struct DerivedListsTests {
    static func load(_ files: [String: String], pipeline: String) throws -> (LoadReport, SQLiteWarehouse) {
        try ExportShapesTests.load(files, pipeline: pipeline, masters: false)
    }

    /// A shop with only its orders: customers and managers made from them.
    static let shopOrders = """
        订单编号,客户编号,客户名称,经理编号,经理姓名,小组,下单日期,金额
        O1,K1,张记,S1,王五,一组,2026-10-01,10
        O2,K1,张记水果,S1,王五,一组,2026-10-05,20
        O3,K2,,S2,,二组,2026-10-03,5
        O4,K3,李家,,,,2026-10-04,7
        O5,K2,老K2,S2,赵六,,2026-10-02,3

        """

    @Test func customersAndManagersFromTheOrders() throws {
        let pipeline = "inputs:\n  customers: {derive: true, constants: {manager_id: 店主}}\n  managers: {derive: true}\n"
        let (report, warehouse) = try Self.load(["orders.csv": Self.shopOrders], pipeline: pipeline)
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        #expect(report.missingEntities == [.visits, .complaints, .surveys])
        // K1 named by its latest order; K2 by the latest order that has a name; K3 has no manager: the constant.
        #expect(try warehouse.rows("SELECT customer_id, name, manager_id, region FROM customers ORDER BY customer_id") == [
            ["K1", "张记水果", "S1", "urban"], ["K2", "老K2", "S2", "urban"], ["K3", "李家", "店主", "urban"],
        ])
        #expect(try warehouse.rows("SELECT manager_id, name, team, status FROM managers ORDER BY manager_id") == [
            ["S1", "王五", "一组", "active"], ["S2", "赵六", "二组", "active"], ["店主", "店主", nil, "active"],
        ])
        // The order without a manager takes its customer's.
        #expect(try warehouse.rows("SELECT manager_id FROM orders WHERE order_id = 'O4'") == [["店主"]])
        #expect(report.derivedLists.map { "\($0.entity.rawValue) +\($0.added) =\($0.total)" } == ["managers +3 =3", "customers +3 =3"])
        #expect(DataQualityReport(load: report, maxRejectRate: 0.05).markdown(.en).contains("Master lists derived from the facts: managers 3 ids (3 added from the facts), customers 3 ids (3 added from the facts)."))
    }

    @Test func aCustomerWithoutAnyManagerStopsTheLoadNamingTheKey() throws {
        #expect(throws: DerivationError.noManager(customer: "K3")) {
            _ = try Self.load(["orders.csv": Self.shopOrders], pipeline: "inputs:\n  customers: {derive: true}\n  managers: {derive: true}\n")
        }
    }

    /// A pharma reps' visit log, the reps list and a doctors list without managers: each doctor
    /// takes the rep of their latest visit; the export's rows win, only missing ids are added.
    @Test func anExportedListWithoutManagersTakesTheDerivedOnes() throws {
        let files = [
            "managers.csv": "manager_id,name\nR1,Rep One\nR2,Rep Two\n",
            "customers.csv": "customer_id,name\nD1,Dr. Ang\nD2,Dr. Bo\n",
            "visits.csv": "visit_id,manager_id,customer_id,visit_start\nV1,R1,D1,2023-05-02\nV2,R2,D1,2023-06-01\nV3,R2,D2,2023-06-03\nV4,R1,D3,2023-06-04\n",
        ]
        let (report, warehouse) = try Self.load(files, pipeline: "inputs:\n  customers: {derive: true}\n")
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        #expect(try warehouse.rows("SELECT customer_id, name, manager_id FROM customers ORDER BY customer_id") == [
            ["D1", "Dr. Ang", "R2"], ["D2", "Dr. Bo", "R2"], ["D3", "D3", "R1"],
        ])
        // The visits' reps are still checked against the exported reps list.
        let (bad, _) = try Self.load(files.merging(["visits.csv": "visit_id,manager_id,customer_id,visit_start\nV1,R9,D1,2023-05-02\nV2,R2,D1,2023-06-01\nV3,R1,D2,2023-06-03\n"]) { $1 },
                                     pipeline: "inputs:\n  customers: {derive: true}\n")
        #expect(bad.rejects.map(\.reason) == [.unknownManager("R9")])
    }

    @Test func deriveIsForTheMasterListsOnly() throws {
        #expect(throws: PipelineError.self) { _ = try PipelineLoader.parse("inputs:\n  orders: {derive: true}\n", file: "p.yml") }
    }
}

extension DerivedListsTests {
    /// The same derived lists, line items and durations on both warehouses.
    @Test(arguments: Backend.allCases)
    func derivedListsAndLinesOnBothWarehouses(_ backend: Backend) throws {
        let tmp = TempFolder()
        _ = tmp.folder("input")
        tmp.write("input/orders.csv", Self.shopOrders + "O1,K1,张记,S1,王五,一组,2026-09-30,2.5\n")
        tmp.write("input/tickets.csv", ExportShapesTests.tickets.replacingOccurrences(of: ",C00", with: ",K"))
        let text = "max_reject_rate: 0.5\n" + ExportShapesTests.ticketPipeline + """
              customers: {derive: true, constants: {manager_id: 店主}}
              managers: {derive: true}
              orders: {lines: sum}
              visits: {optional: true}

            """
        let config = try PipelineLoader.parse(text, file: "p.yml")
        var options = try WarehouseContractTests.options(tmp, try backend.location(tmp), input: tmp.file("input"), period: "2026-10", config: config)
        options.asOf = parseMoment("2026-11-01 00:00", timeZone: config.timeZone)
        let summary = try PipelineRunner.run(options)
        #expect(summary.results?.absent == [.visits, .serviceRequests, .visitPlans, .targets, .submissions])
        let probe = try WarehouseProbe(options.warehouse)
        #expect(try probe.rows("SELECT customer_id, name, manager_id FROM customers ORDER BY customer_id") == [
            ["K1", "张记水果", "S1"], ["K2", "老K2", "S2"], ["K3", "李家", "店主"],
        ])
        #expect(try probe.rows("SELECT order_id, amount, manager_id FROM orders ORDER BY order_id") == [
            ["O1", "12.5", "S1"], ["O2", "20.0", "S1"], ["O3", "5.0", "S2"], ["O4", "7.0", "店主"], ["O5", "3.0", "S2"],
        ])
        #expect(try probe.rows("SELECT complaint_id, manager_id FROM complaints ORDER BY complaint_id") == [["T-1", "S1"], ["T-2", "S2"], ["T-3", "S1"]])
    }
}

/// SPEC §2.7, "`inspect` places every file" and drafts the new keys, never a falsifying value.
@Suite struct InspectPlacementTests {
    static func inspect(_ files: [String: String]) throws -> (files: [FileInspection], draft: String) {
        let tmp = TempFolder()
        for (name, text) in files { tmp.write("in/\(name)", text) }
        let inspected = try ExportInspector.inspect(folder: tmp.file("in"), config: PipelineConfig(), now: testNow)
        return (inspected, PipelineDraft.yaml(inspected, folder: "in", config: PipelineConfig()))
    }

    @Test func everyFileIsPlacedByHeaderOrByTheWordsOfItsName() throws {
        let (files, draft) = try Self.inspect([
            "support_tickets.csv": ExportShapesTests.tickets,
            "点菜明细.csv": LineItemsTests.dishes,
            "PO_lines.csv": LineItemsTests.purchaseOrders,
            "水果发货记录.csv": ExportShapesTests.shipping,
            "投诉记录.csv": "编号,内容\n1,太慢\n",
            "商品评论.csv": "时间,星级,内容\n2026-10-01,5,好\n",
            "311_Service_Requests.csv": "Unique Key,Created Date,Closed Date,Complaint Type,Customer\n1,2026-10-01T08:00:00.000,2026-10-02T08:00:00.000,Noise,C1\n",
            "bill.csv": ExportShapesTests.bill,
            "reps.csv": "Rep ID,Rep Name\nR1,Ann\n",
        ])
        let placed = Dictionary(uniqueKeysWithValues: files.map { ($0.file, $0.entity?.rawValue ?? "-") })
        #expect(placed == ["support_tickets.csv": "complaints", "点菜明细.csv": "orders", "PO_lines.csv": "orders", "水果发货记录.csv": "orders",
                           "投诉记录.csv": "complaints", "商品评论.csv": "surveys", "311_Service_Requests.csv": "service_requests",
                           "bill.csv": "orders", "reps.csv": "managers"])
        #expect(files.first { $0.file == "投诉记录.csv" }?.matchedBy == .nameWords)
        #expect(files.first { $0.file == "311_Service_Requests.csv" }?.matchedBy == .header)
        // No customer list: derived.
        #expect(draft.contains("  customers:\n    derive: true"))
        #expect(!draft.contains("  managers:\n    derive: true"))
    }

    @Test func theDraftHasTheKeysTheDataNeeds() throws {
        let (_, lines) = try Self.inspect(["点菜明细.csv": LineItemsTests.dishes])
        #expect(lines.contains("    lines: sum   # 2 order ids repeat (e.g. D1) beside quantities and prices: each row is a line of its order\n"))
        #expect(lines.contains("      quantity: \"数量\"\n") && lines.contains("      unit_price: \"单价\"\n"))
        #expect(lines.contains("  customers:\n    derive: true") && lines.contains("  managers:\n    derive: true"))
        let (_, bill) = try Self.inspect(["orders.csv": ExportShapesTests.bill])
        #expect(bill.contains("    header_line: 23   # 22 title lines above the header\n"))
        let (_, tickets) = try Self.inspect(["tickets.csv": ExportShapesTests.tickets])
        #expect(tickets.contains("first_response_at: {after: received_at, minutes: \"First Response (min)\"}"))
        #expect(tickets.contains("resolved_at: {after: received_at, hours: \"Resolution (h)\"}"))
        let (_, shipping) = try Self.inspect(["orders.csv": "order_id,customer_id,order_date,amount\nS1,C1,11月18日,3\nS2,C1,11月19日,4\n"])
        #expect(shipping.contains("    # default_year: TODO   # 2 order_date values have no year"))
    }

    /// A visit log with only the visit's date: neither its end nor its report time is drafted or hinted
    /// from that date; a due date is not hinted as a follow-up.
    @Test func nothingThatWouldFalsifyIsDrafted() throws {
        let (_, draft) = try Self.inspect([
            "visits.csv": "visit_id,manager_id,customer_id,Visit Date,Notes\nV1,M1,C1,2026-10-01,ok\n",
            "complaints.csv": "complaint_id,customer_id,received_at,Due Date\nK1,C1,2026-10-01 09:00,2026-10-08\n",
        ])
        for column in ["visit_end", "report_submitted_at", "follow_up_at", "resolved_at"] {
            let line = draft.split(separator: "\n").first { $0.contains("# \(column):") || $0.contains(" \(column):") }.map(String.init) ?? ""
            #expect(line.isEmpty || (line.contains("TODO") && !line.contains("maybe")), "\(line)")
        }
        #expect(draft.contains("      visit_start: \"Visit Date\"\n"))
    }
}

extension ExportShapesTests {
    /// A city's 311 requests: English headers, quoted line breaks, `.000` times; the callers are
    /// the customers (derived), one department the manager.
    @Test func a311RequestListLoadsAsServiceRequests() throws {
        let text = "Unique Key,Created Date,Closed Date,Complaint Type,Descriptor,Customer\n"
            + "101,2026-10-01T08:00:00.000,2026-10-02T09:30:00.000,Noise,\"Loud music\nat night\",Z1\n"
            + "102,2026-10-03T10:15:00.000,,Heat,No heat,Z2\n"
        let pipeline = "inputs:\n  service_requests:\n    files: [311*.csv]\n  customers: {derive: true, constants: {manager_id: DEP}}\n  managers: {derive: true}\n"
        let (report, warehouse) = try Self.load(["311_requests.csv": text], pipeline: pipeline, masters: false)
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        #expect(try warehouse.rows("SELECT request_id, customer_id, manager_id, reported_at, completed_at, category FROM service_requests ORDER BY request_id") == [
            ["101", "Z1", "DEP", "2026-10-01T08:00:00+08:00", "2026-10-02T09:30:00+08:00", "Noise"],
            ["102", "Z2", "DEP", "2026-10-03T10:15:00+08:00", nil, "Heat"],
        ])
    }
}

extension ExportShapesTests {
    /// Product ratings without an id: each rating is known by its time and its user.
    @Test func ratingsWithoutAnIdAreKnownByTheirTimeAndUser() throws {
        let text = "评价时间,用户,评分,评价内容\n2026-10-01 09:00,C001,5,很好\n2026-10-01 09:00,C002,4,不错\n2026-10-02 10:30,C001,2,\"一般\n发货慢\"\n"
        let pipeline = "inputs:\n  surveys:\n    files: [ratings.csv]\n    columns: {survey_id: [评价时间, 用户], customer_id: 用户, surveyed_at: 评价时间, overall: 评分}\n"
        let (report, warehouse) = try Self.load(["ratings.csv": text], pipeline: pipeline)
        #expect(report.rejects.isEmpty, "\(report.rejects)")
        #expect(try warehouse.rows("SELECT survey_id, customer_id, overall, comment FROM surveys ORDER BY survey_id") == [
            ["2026-10-01 09:00 C001", "C001", "5", "很好"], ["2026-10-01 09:00 C002", "C002", "4", "不错"], ["2026-10-02 10:30 C001", "C001", "2", "一般\n发货慢"],
        ])
    }
}

/// What a fresh-eyed review of issue 26's first cut found, each as a test.
@Suite struct ExportShapesReviewTests {
    /// Only the managers derived, customers exported, orders without a manager column: each order
    /// takes its customer's manager (not an empty one).
    @Test func derivedManagersKeepTheCustomersManagerOnOrders() throws {
        let (report, warehouse) = try DerivedListsTests.load([
            "customers.csv": "customer_id,name,manager_id\nC1,甲,M1\nC2,乙,M2\n",
            "orders.csv": "order_id,customer_id,order_date,amount\nA1,C1,2026-10-01,100\nA2,C2,2026-10-02,200\n",
        ], pipeline: "inputs:\n  managers: {derive: true}\n")
        #expect(report.rejects.isEmpty)
        #expect(try warehouse.rows("SELECT order_id, manager_id FROM orders ORDER BY order_id") == [["A1", "M1"], ["A2", "M2"]])
        #expect(try warehouse.rows("SELECT manager_id FROM managers ORDER BY manager_id") == [["M1"], ["M2"]])
    }

    /// A line's exact amount of 18+ digits (4-decimal quantity × 6-decimal price) is summed, not dropped.
    @Test func longExactLineAmountsAreSummed() throws {
        let (report, warehouse) = try ExportShapesTests.load(["orders.csv": "order_id,customer_id,order_date,quantity,unit_price\nP1,C001,2026-10-01,150000.0000,123.456000\nP1,C001,2026-10-01,2,10\n"],
                                                             pipeline: "inputs:\n  orders: {lines: sum}\n")
        #expect(report.rejects.isEmpty)
        #expect(try warehouse.rows("SELECT printf('%.2f', amount) FROM orders") == [["18518420.00"]])
    }

    /// An order whose sum is too large is rejected with every one of its lines.
    @Test func aRejectedOrderRejectsAllItsLines() throws {
        let lines = (1...3).map { _ in "B1,C001,2026-10-01,6000000000000" }.joined(separator: "\n")
        let (report, warehouse) = try ExportShapesTests.load(["orders.csv": "order_id,customer_id,order_date,amount\n\(lines)\nB2,C001,2026-10-02,5\n"],
                                                             pipeline: "inputs:\n  orders: {lines: sum}\n")
        let file = try #require(report.files.first { $0.file == "orders.csv" })
        #expect(file.rowsRead == 4 && file.rowsLoaded == 1 && file.rowsRejected == 3)
        #expect(report.rejects.map(\.line) == [2, 3, 4])
        #expect(try warehouse.rows("SELECT order_id FROM orders") == [["B2"]])
    }

    /// A later fact renames a derived customer and moves it: the next run derives it again, as a fresh load would.
    @Test func derivedListsFollowTheLatestFactOnARerun() throws {
        let tmp = TempFolder()
        _ = tmp.folder("in")
        tmp.write("in/orders.csv", "order_id,customer_id,customer_name,manager_id,order_date,amount\nA1,C1,Alpha Old,M1,2026-10-01,5\n")
        let text = "inputs:\n  customers: {derive: true}\n  managers: {derive: true}\n  visits: {optional: true}\n  complaints: {optional: true}\n  surveys: {optional: true}\n"
        let config = try PipelineLoader.parse(text, file: "p.yml")
        func run(_ out: String) throws {
            _ = try PipelineRunner.run(RunOptions(pipelinePath: "p.yml", config: config, pipelineText: text, inputFolder: tmp.file("in"),
                                                  outputFolder: tmp.file(out), period: try Period(parsing: "2026-10"), now: testNow))
        }
        try run("out")
        tmp.write("in/orders-2.csv", "order_id,customer_id,customer_name,manager_id,order_date,amount\nA2,C1,Alpha New,M2,2026-10-09,6\n")
        try run("out")
        try run("fresh")
        let rerun = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite")), fresh = try SQLiteWarehouse(path: tmp.file("fresh/warehouse.sqlite"))
        #expect(try rerun.rows("SELECT customer_id, name, manager_id FROM customers") == [["C1", "Alpha New", "M2"]])
        #expect(try rerun.rows("SELECT customer_id, name, manager_id FROM customers") == fresh.rows("SELECT customer_id, name, manager_id FROM customers"))
    }

    @Test func aNumberIsNotAYearlessDate() throws {
        let (report, _) = try ExportShapesTests.load(["orders.csv": "order_id,customer_id,order_date,amount\nA1,C001,12.5,5\n"],
                                                     pipeline: "inputs:\n  orders: {default_year: 2026}\n")
        #expect(report.rejects.map(\.reason) == [.unparseableDate("12.5")])
    }

    @Test func aDateInAFileNameIsNotAnEntityWord() throws {
        #expect(Entity.byName("销售_20231130.csv") == .orders)
        #expect(Entity.byName("311_Service_Requests.csv") == .serviceRequests)
    }
}

extension HardeningTests {
    /// Another GRDB application's database (WAL, 0644): refused before its mode or journal change.
    @Test func anotherGRDBApplicationsDatabaseIsLeftAsItIs() throws {
        let tmp = TempFolder()
        let path = tmp.file("app.sqlite")
        var config = Configuration()
        config.prepareDatabase { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createNotes") { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY)") }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try migrator.migrate(queue)
        }
        chmod(path, 0o644)
        #expect(throws: WarehouseError.self) { _ = try SQLiteWarehouse(path: path) }
        #expect(try Self.mode(path) == 0o644)
        let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
