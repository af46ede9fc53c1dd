import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardPipeline
@testable import ScorecardReports

/// SPEC §2.5: one test per mapping key of `inputs.<entity>` (and `currency`/`fx`),
/// on small orders files against the basic master lists (C001, C002 → M001; C003 → M002).
@Suite struct MappingKeysTests {
    /// Loads `orders` (the file's text) with `pipeline`; returns the staged orders and the rejects.
    static func load(orders: String, pipeline: String, file: String = "orders.csv") throws -> (rows: [[String?]], rejects: [[String]]) {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/\(file)", orders)
        let config = try PipelineLoader.parse(pipeline, file: "p.yml")
        let warehouse = try tempWarehouse(tmp)
        let report = try ScorecardKitTests.load(tmp.file("input"), config: config, warehouse: warehouse)
        let rows = try warehouse.rows("SELECT order_id, customer_id, manager_id, order_date, amount, cost, paid_date, status, currency FROM orders ORDER BY order_id")
        return (rows, report.rejects.filter { $0.file == file }.map { [String($0.line), $0.column, $0.reason.description] })
    }

    @Test func columnsMapOneHeader() throws {
        let r = try Self.load(orders: "合同,客户,日期,价\nA1,C001,2026-10-01,5\n",
                              pipeline: "inputs:\n  orders:\n    columns: {order_id: 合同, customer_id: 客户, order_date: 日期, amount: 价}\n")
        #expect(r.rows == [["A1", "C001", "M001", "2026-10-01T00:00:00+08:00", "5.0", nil, nil, "completed", nil]])
        #expect(r.rejects == [])
    }

    @Test func columnsJoinADateAndATimeHeader() throws {
        let r = try Self.load(orders: "order_id,customer_id,日期,时间,amount\nA1,C001,2026/10/1,9:05,5\nA2,C001,2026/10/2,,6\nA3,C001,,10:00,7\n",
                              pipeline: "inputs:\n  orders:\n    columns:\n      order_date: [日期, 时间]\n")
        #expect(r.rows.map { [$0[0], $0[3]] } == [["A1", "2026-10-01T09:05:00+08:00"], ["A2", "2026-10-02T00:00:00+08:00"]])
        #expect(r.rejects == [["4", "order_date", "missing required value"]])
    }

    /// SPEC §2.5: one header may feed several columns — both mapped, or one mapped and
    /// the other a required column taking it through its alias (客户名称 is name's).
    @Test(arguments: ["{customer_id: 客户名称, name: 客户名称, manager_id: 经理编号}", "{customer_id: 客户名称}"])
    func oneHeaderMayFeedSeveralColumns(columns: String) throws {
        let tmp = TempFolder()
        tmp.copy("basic/managers.csv", as: "input/managers.csv")
        tmp.write("input/customers.csv", "客户名称,经理编号\n华东商贸,M001\n")
        let config = try PipelineLoader.parse("inputs:\n  customers:\n    columns: \(columns)\n", file: "p.yml")
        let warehouse = try tempWarehouse(tmp)
        _ = try ScorecardKitTests.load(tmp.file("input"), config: config, warehouse: warehouse)
        #expect(try warehouse.rows("SELECT customer_id, name, manager_id FROM customers") == [["华东商贸", "华东商贸", "M001"]])
    }

    /// The pipeline's mapping wins: the file's 订单编号 (a built-in alias of order_id) is not also read.
    @Test func pipelineColumnsWinOverBuiltInAliases() throws {
        let r = try Self.load(orders: "合同号,订单编号,customer_id,order_date,amount\nHT1,SO9,C001,2026-10-01,5\nHT2,SO9,C001,2026-10-01,6\n",
                              pipeline: "inputs:\n  orders:\n    columns: {order_id: 合同号}\n")
        #expect(r.rows.map { $0[0] } == ["HT1", "HT2"])
        #expect(r.rejects == [])
    }

    /// A header the pipeline maps is not taken by another column's alias (付款时间 is a paid_date alias).
    @Test func aMappedHeaderIsNotAlsoTakenByAnAlias() throws {
        let r = try Self.load(orders: "order_id,customer_id,付款时间,amount\nA1,C001,2026-10-01 10:00,5\n",
                              pipeline: "inputs:\n  orders:\n    columns: {order_date: 付款时间}\n")
        #expect(r.rows.map { [$0[3], $0[6]] } == [["2026-10-01T10:00:00+08:00", nil]])
    }

    @Test func aMappedHeaderTheFileLacksIsAClearError() throws {
        #expect(throws: IngestError.mappedHeaderMissing(file: "orders.csv", column: "order_id", mappedTo: "合同号",
                                                         header: ["order_id", "customer_id", "order_date", "amount"])) {
            _ = try Self.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n",
                              pipeline: "inputs:\n  orders:\n    columns: {order_id: 合同号}\n")
        }
    }

    @Test func valuesMapTheExportsWords() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount,订单状态\nA1,C001,2026-10-01,5,已付款\nA2,C001,2026-10-01,5,交易成功\nA3,C001,2026-10-01,5,退货\nA4,C001,2026-10-01,5,待审核\nA5,C001,2026-10-01,5,已成交\n",
                              pipeline: "inputs:\n  orders:\n    values:\n      status: {已付款: completed, 退货: cancelled}\n")
        // The pipeline's word wins over the built-in 退货 → refunded; 待审核 is known to neither.
        #expect(r.rows.map { [$0[0], $0[7]] } == [["A1", "completed"], ["A2", "completed"], ["A3", "cancelled"], ["A5", "completed"]])
        #expect(r.rejects == [["5", "status", "unknown value '待审核' (expected completed/已完成, cancelled/已取消, refunded/已退款, open/未完成)"]])
    }

    @Test func scaleMultipliesAmountsToTheCent() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount,cost\nA1,C001,2026-10-01,1.2345,0.3\nA2,C001,2026-10-01,\"1,000\",\n",
                              pipeline: "inputs:\n  orders:\n    scale: {amount: 10000, cost: 10000}\n")
        #expect(r.rows.map { [$0[4], $0[5]] } == [["12345.0", "3000.0"], ["10000000.0", nil]])
    }

    @Test func chineseUnitsInAnyAmountColumn() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,1.23万\nA2,C001,2026-10-01,0.5亿元\n", pipeline: "")
        #expect(r.rows.map { $0[4] } == ["12300.0", "50000000.0"])
    }

    @Test func missingReplacesThePlaceholders() throws {
        let orders = "order_id,customer_id,order_date,amount,paid_date\nA1,C001,2026-10-01,5,-\nA2,C001,2026-10-01,5,无\n"
        let byDefault = try Self.load(orders: orders, pipeline: "")
        #expect(byDefault.rows.map { $0[6] } == [nil])
        #expect(byDefault.rejects == [["3", "paid_date", "unparseable date/time '无'"]])
        let replaced = try Self.load(orders: orders, pipeline: "inputs:\n  orders:\n    missing: [无]\n")
        #expect(replaced.rows.map { $0[6] } == [nil])
        #expect(replaced.rejects == [["2", "paid_date", "unparseable date/time '-'"]])
    }

    @Test func placeholdersAreTextInFreeTextColumns() throws {
        let tmp = TempFolder()
        tmp.write("input/managers.csv", "manager_id,name,team,hire_date\nM001,-,N/A,#N/A\n")
        let warehouse = try tempWarehouse(tmp)
        _ = try ScorecardKitTests.load(tmp.file("input"), warehouse: warehouse)
        #expect(try warehouse.rows("SELECT name, team, hire_date FROM managers") == [["-", "N/A", nil]])
    }

    @Test(arguments: [("mdy", "2026-10-03"), ("dmy", "2026-03-10")])
    func dateOrderReadsYearLastDates(order: String, expected: String) throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount,paid_date\nA1,C001,10/3/2026 14:05,5,3/10/2026\n",
                              pipeline: "inputs:\n  orders:\n    date_order: \(order)\n")
        #expect(r.rows.map { $0[6] } == [order == "mdy" ? "2026-03-10" : "2026-10-03"])
        #expect(r.rows.map { String($0[3]!.prefix(10)) } == [expected])
    }

    @Test func yearLastDatesWithoutDateOrderAreRejectedWithTheHint() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,10/3/2026,5\n", pipeline: "")
        #expect(r.rejects == [["2", "order_date", "unparseable date/time '10/3/2026' (year last: set date_order: mdy or dmy for this file)"]])
    }

    @Test func constantsFillAColumnTheExportLacks() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n",
                              pipeline: "fx: {USD: 7}\ninputs:\n  orders:\n    constants: {currency: USD, status: refunded, manager_id: M002}\n")
        #expect(r.rows == [["A1", "C001", "M002", "2026-10-01T00:00:00+08:00", "35.0", nil, nil, "refunded", "USD"]])
    }

    /// SPEC §2.5: a constant is for a column the export lacks; one the file has is an
    /// error, not a silent override (a USD order must not become 100 CNY).
    @Test func aConstantForAColumnTheFileHasIsAnError() throws {
        #expect(throws: IngestError.constantAndColumn(file: "orders.csv", column: "currency", header: "币种")) {
            _ = try Self.load(orders: "order_id,customer_id,order_date,amount,币种\nA1,C001,2026-10-01,100,USD\n",
                              pipeline: "inputs:\n  orders:\n    constants: {currency: CNY}\n")
        }
    }

    /// A word the pipeline maps is a value even when it is also a placeholder.
    @Test func aMappedWordBeatsAPlaceholder() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount,status\nA1,C001,2026-10-01,5,-\nA2,C001,2026-10-01,5,N/A\n",
                              pipeline: "inputs:\n  orders:\n    values:\n      status: {\"-\": cancelled}\n")
        #expect(r.rows.map { [$0[0], $0[7]] } == [["A1", "cancelled"], ["A2", "completed"]])
    }

    @Test func foreignCurrencyIsConvertedOrRejected() throws {
        let orders = "order_id,customer_id,order_date,amount,cost,币种\nA1,C001,2026-10-01,10.01,5,美元\nA2,C001,2026-10-01,10,,usd\nA3,C001,2026-10-01,10,,HKD\nA4,C001,2026-10-01,10,,人民币\nA5,C001,2026-10-01,10,,\nA6,C001,2026-10-01,10,,金币\n"
        let r = try Self.load(orders: orders, pipeline: "currency: CNY\nfx:\n  USD: 7.1\n")
        #expect(r.rows.map { [$0[0], $0[4], $0[5], $0[8]] } == [
            ["A1", "71.07", "35.5", "USD"], ["A2", "71.0", nil, "USD"], ["A4", "10.0", nil, "CNY"], ["A5", "10.0", nil, nil],
        ])
        #expect(r.rejects == [
            ["4", "currency", "currency HKD, expected CNY (give its rate under fx: in the pipeline; if the amount column is already in CNY, map currency: [] under columns)"],
            ["7", "currency", "unknown value '金币' (expected a currency code like CNY or USD (map other words under values: currency:))"],
        ])
    }

    /// RFC 4180: a quoted free text keeps its inner spaces; ids, enums, numbers and dates are trimmed.
    @Test func quotedFreeTextKeepsItsSpaces() throws {
        let tmp = TempFolder()
        tmp.write("input/managers.csv", "manager_id,name,team,status\n\" M001 \",\"  王 伟 \",  一组  ,\" active \"\n")
        let warehouse = try tempWarehouse(tmp)
        let report = try ScorecardKitTests.load(tmp.file("input"), warehouse: warehouse)
        #expect(report.rejects == [])
        #expect(try warehouse.rows("SELECT manager_id, name, team, status FROM managers") == [["M001", "  王 伟 ", "一组", "active"]])
    }

    @Test func ordersWithoutAManagerColumnTakeTheCustomersManager() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\nA2,C003,2026-10-01,5\n", pipeline: "")
        #expect(r.rows.map { [$0[0], $0[2]] } == [["A1", "M001"], ["A2", "M002"]])
    }

    @Test func idsInExcelsTextFormAreUnwrapped() throws {
        let r = try Self.load(orders: "order_id,customer_id,order_date,amount\n=\"2506230123456789\",C001,2026-10-01,5\n\"=\"\"0012\"\"\",C001,2026-10-01,5\n", pipeline: "")
        #expect(r.rows.map { $0[0] } == ["0012", "2506230123456789"])
    }

    @Test(arguments: [
        ("inputs:\n  orders:\n    values:\n      status: {交易成功: done}\n", PipelineError.invalidValue(file: "p.yml", line: 4, key: "inputs.orders.values.status.交易成功", message: "'done' is not a value of status (expected completed, cancelled, refunded, open)")),
        ("inputs:\n  orders:\n    values:\n      amount: {x: y}\n", .unknownKey(file: "p.yml", line: 4, key: "inputs.orders.values.amount (only enumerated and score columns have values)")),
        ("inputs:\n  orders:\n    values:\n      stauts: {x: completed}\n", .unknownKey(file: "p.yml", line: 4, key: "inputs.orders.values.stauts")),
        ("inputs:\n  orders:\n    scale: {name: 2}\n", .unknownKey(file: "p.yml", line: 3, key: "inputs.orders.scale.name (only amount columns have a scale)")),
        ("inputs:\n  orders:\n    scale: {amount: -1}\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.scale.amount", message: "must be a positive factor (10000 for amounts in 万元)")),
        ("inputs:\n  orders:\n    date_order: ydm\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.date_order", message: "expected ymd, mdy or dmy")),
        ("inputs:\n  orders:\n    constants: {status: paid}\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.constants.status", message: "'paid' is not one of completed, cancelled, refunded, open")),
        ("inputs:\n  orders:\n    constants: {colour: red}\n", .unknownKey(file: "p.yml", line: 3, key: "inputs.orders.constants.colour")),
        ("inputs:\n  orders:\n    columns: {order_date: [a, b, c]}\n", .wrongType(file: "p.yml", line: 3, key: "inputs.orders.columns.order_date", expected: "a header, [date header, time header], or [] for none")),
        ("inputs:\n  orders:\n    missing: none\n", .wrongType(file: "p.yml", line: 3, key: "inputs.orders.missing", expected: "a list like [a, b]")),
        ("currency: yuan\n", .invalidValue(file: "p.yml", line: 1, key: "currency", message: "expected a currency code like CNY")),
        ("fx: {USD: zero}\n", .wrongType(file: "p.yml", line: 1, key: "fx.USD", expected: "a number")),
        ("fx: {USD: 0}\n", .invalidValue(file: "p.yml", line: 1, key: "fx.USD", message: "must be a positive rate into the pipeline's currency")),
        ("inputs:\n  orders:\n    columns: {cost: \"\"}\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.columns.cost", message: "the header text is empty")),
        ("inputs:\n  orders:\n    columns: {order_date: [日期, 日期]}\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.columns.order_date", message: "the date and the time must be two different headers")),
        ("inputs:\n  orders:\n    columns: {amount: [a, b]}\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.columns.amount", message: "only a date or time column ([date header, time header]) or an id ([header, header]: a rating without an id, by its time and its user) is read from two headers")),
        ("inputs:\n  orders:\n    values:\n      status: {\"\": completed}\n", .invalidValue(file: "p.yml", line: 4, key: "inputs.orders.values.status.", message: "the word is empty")),
    ])
    func badMappingsExitTwoWithLineAndKey(text: String, expected: PipelineError) {
        #expect(throws: expected) { try PipelineLoader.parse(text, file: "p.yml") }
    }
}

/// Shapes of real exports that need no mapping key at all.
@Suite struct ExportShapeTests {
    /// ERP exports often open with a title line (and an export time) above the header;
    /// the delimiter is found on the header line, and line numbers stay physical.
    @Test func titleLinesAboveTheHeaderAreSkipped() throws {
        let r = try MappingKeysTests.load(orders: "销售订单列表\n导出时间：2026-10-31 10:00\norder_id\tcustomer_id\torder_date\tamount\nA1\tC001\t2026-10-01\t5\nA2\tC001\tsoon\t5\n", pipeline: "")
        #expect(r.rows.map { $0[0] } == ["A1"])
        #expect(r.rejects == [["5", "order_date", "unparseable date/time 'soon'"]])
    }

    @Test func anExcelTitleRowWithTrailingCommasIsSkipped() throws {
        let r = try MappingKeysTests.load(orders: "销售订单列表,,,\norder_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n", pipeline: "")
        #expect(r.rows.map { $0[0] } == ["A1"])
    }

    @Test func aDateCellWithMidnightTakesTheTimeCell() throws {
        let r = try MappingKeysTests.load(orders: "order_id,customer_id,日期,时间,amount\nA1,C001,2026-10-01 00:00:00,14:05,5\nA2,C001,2026/10/2,0.75,5\n",
                                          pipeline: "inputs:\n  orders:\n    columns: {order_date: [日期, 时间]}\n")
        #expect(r.rows.map { $0[3] } == ["2026-10-01T14:05:00+08:00", "2026-10-02T18:00:00+08:00"])
    }
}

/// Surveys and review data: scores as words, with units, or as stars.
@Suite struct ScoreFormTests {
    static func loadSurveys(_ text: String, pipeline: String = "") throws -> (rows: [[String?]], dims: [[String?]], rejects: [[String]]) {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/surveys.csv", text)
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), config: PipelineLoader.parse(pipeline, file: "p.yml"), warehouse: warehouse)
        return (try warehouse.rows("SELECT survey_id, overall, nps FROM surveys ORDER BY survey_id"),
                try warehouse.rows("SELECT survey_id, dimension, score FROM survey_dimensions ORDER BY survey_id, dimension"),
                report.rejects.map { [String($0.line), $0.column, $0.reason.description] })
    }

    @Test func wordsUnitsAndStarsReadAsScores() throws {
        let r = try Self.loadSurveys("""
            问卷编号,客户编号,调查日期,总体满意度,推荐意愿,服务态度
            S1,C001,2026-10-03,非常满意,9分,5分
            S2,C001,2026-10-04,一般,7,★★★☆☆
            S3,C001,2026-10-05,4星,10 points,不满意
            S4,C001,2026-10-06,超级满意,8,4
            S5,C001,2026-10-07,5,11分,4

            """)
        #expect(r.rows == [["S1", "5", "9"], ["S2", "3", "7"], ["S3", "4", "10"]])
        #expect(r.dims == [["S1", "attitude", "5"], ["S2", "attitude", "3"], ["S3", "attitude", "2"]])
        #expect(r.rejects == [["5", "overall", "unparseable number '超级满意'"], ["6", "nps", "value '11分' out of range 0–10"]])
    }

    @Test func valuesMapScoreWordsForColumnsAndDimensions() throws {
        let r = try Self.loadSurveys("问卷编号,客户编号,调查日期,总体满意度,服务态度\nS1,C001,2026-10-03,优,良\nS2,C001,2026-10-03,满意,差\n",
                                     pipeline: "inputs:\n  surveys:\n    values:\n      overall: {优: 5, 满意: 3}\n      attitude: {良: 4, 差: 1}\n")
        // The pipeline's word wins over the built-in 满意 → 4.
        #expect(r.rows == [["S1", "5", nil], ["S2", "3", nil]])
        #expect(r.dims == [["S1", "attitude", "4"], ["S2", "attitude", "1"]])
    }

    @Test(arguments: [
        ("inputs:\n  surveys:\n    values:\n      overall: {优: 6}\n", PipelineError.invalidValue(file: "p.yml", line: 4, key: "inputs.surveys.values.overall.优", message: "'6' is not a score 1–5")),
        ("inputs:\n  surveys:\n    values:\n      nps: {高: ten}\n", .invalidValue(file: "p.yml", line: 4, key: "inputs.surveys.values.nps.高", message: "'ten' is not a score 0–10")),
    ])
    func scoreWordsMustBeScores(text: String, expected: PipelineError) {
        #expect(throws: expected) { try PipelineLoader.parse(text, file: "p.yml") }
    }
}

/// ERP lists: total lines under the data, and headers under a title and an export line.
@Suite struct ERPListTests {
    static let kingdee = """
        销售订单序时簿,,,,
        导出人：张三,导出时间：2026-10-31 10:00,,,
        日期,单据编号,客户编码,价税合计,单据状态
        2026/10/3,XSDD001,C001,"42,000.00",已审核
        2026/10/9,XSDD002,C003,800,已审核
        ,合计,,"42,800.00",

        """

    @Test func totalLinesAreSkippedAndShownNotRejected() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/orders.csv", Self.kingdee)
        let warehouse = try tempWarehouse(tmp)
        let config = try PipelineLoader.parse("inputs:\n  orders:\n    columns: {order_id: 单据编号, order_date: 日期, amount: 价税合计, status: 单据状态}\n    values: {status: {已审核: completed}}\n", file: "p.yml")
        let report = try load(tmp.file("input"), config: config, warehouse: warehouse)
        #expect(try warehouse.rows("SELECT order_id, amount, manager_id FROM orders ORDER BY order_id") == [["XSDD001", "42000.0", "M001"], ["XSDD002", "800.0", "M002"]])
        #expect(report.rejects == [])
        let orders = try #require(report.files.first { $0.entity == .orders })
        #expect(orders.rowsRead == 2 && orders.rowsLoaded == 2)
        #expect(report.notDataLines.map { "\($0.file):\($0.line)" } == ["orders.csv:6"])
        #expect(DataQualityReport(load: report, maxRejectRate: 0.05).markdown(.en).contains("Lines that are not rows (a total line 合计, the header line repeated, a one-value note under the data) skipped: orders.csv line 6."))
    }

    @Test func inspectFindsTheHeaderUnderTitleLines() throws {
        let (files, text) = try InspectTests.inspect(Self.kingdee, as: "销售订单.csv")
        let orders = try #require(files.first { $0.file == "销售订单.csv" })
        #expect(orders.entity == .orders && orders.titleLines == 2 && orders.notDataLines == [6] && orders.rows == 2)
        #expect(text.contains("(2 title lines above the header skipped; the header is line 3)"))
        #expect(text.contains("(line 6 skipped: not rows — a total line 合计 or a one-value note)"))
        #expect(text.contains("⚠ no column for status (状态): every order counts as a completed sale. maybe: 单据状态"))
        let draft = PipelineDraft.yaml(files, folder: "input", config: PipelineConfig())
        #expect(draft.contains("      # status: TODO   # optional (状态), but without it every order counts as a completed sale; maybe 单据状态\n"))
    }

    @Test func repeatedIDsAreFlagged() throws {
        let text = try InspectTests.inspect("order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\nA1,C001,2026-10-01,6\nA2,C001,2026-10-01,7\n").text
        #expect(text.contains("✗ order_id: 1 id on more than one row (e.g. A1): the later row replaces the earlier"))
    }
}

/// Second round of real shapes: amounts already in the pipeline's currency beside a
/// currency column, wrapped headers, report footers, subtotal ids, dated file names.
@Suite struct RealShapeTests {
    /// `currency: []`: the export's 币种 is not read (the amounts are already CNY), so
    /// no rate is applied to them — with `fx` set for other files.
    @Test func anEmptyMappingLeavesAColumnUnread() throws {
        let orders = "order_id,customer_id,order_date,币种,原币金额,本币金额\nA1,C001,2026-10-01,美元,100,712.00\n"
        let r = try MappingKeysTests.load(orders: orders, pipeline: "fx: {USD: 7.12}\ninputs:\n  orders:\n    columns: {amount: 本币金额, currency: []}\n")
        #expect(r.rows.map { [$0[4], $0[8]] } == [["712.0", nil]])
        #expect(r.rejects == [])
        #expect(throws: PipelineError.invalidValue(file: "p.yml", line: 3, key: "inputs.orders.columns.order_id", message: "a required column cannot be left unread ([])")) {
            try PipelineLoader.parse("inputs:\n  orders:\n    columns: {order_id: []}\n", file: "p.yml")
        }
    }

    /// A header Excel wrapped with Alt+Enter is the same header, and the draft stays valid YAML.
    @Test func wrappedHeadersMatchAndDraftCleanly() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/销售.csv", "订单编号,客户编号,\"下单\n日期\",\"订单金额\n(元)\",\"备\n注\"\nA1,C001,2026-10-01,5,x\n")
        let files = try ExportInspector.inspect(folder: tmp.file("input"), config: PipelineConfig(), now: testNow)
        let orders = try #require(files.first { $0.file == "销售.csv" })
        #expect(orders.entity == .orders && orders.missingRequired == ["amount"])
        let draft = PipelineDraft.yaml(files, folder: "input", config: PipelineConfig())
        _ = try PipelineLoader.parse(draft, file: "draft.yml")  // no YAML error
        #expect(draft.contains("# unused headers: 订单金额(元), 备注\n"))
    }

    /// A report's footer (one value per line, no delimiter) is not rows.
    @Test func footerLinesAreNotRows() throws {
        let r = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n\n\"Copyright (c) 2000-2026 salesforce.com, inc.\"\nGenerated By: Li Na 11/30/2026 9:12 AM\n", pipeline: "")
        #expect(r.rows.map { $0[0] } == ["A1"])
        #expect(r.rejects == [])
    }

    /// A subtotal line whose id reads 小计 is skipped even when every value is there.
    @Test func aSubtotalIdIsNotAnOrder() throws {
        let r = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\n小计,C001,2026-10-01,5\n", pipeline: "")
        #expect(r.rows.map { $0[0] } == ["A1"])
        #expect(r.rejects == [])
    }

    @Test func datedFileNamesBecomePatterns() {
        #expect(PipelineDraft.datedPatterns(["有赞订单导出_20261130.csv"], others: []) == ["有赞订单导出_*.csv"])
        #expect(PipelineDraft.datedPatterns(["orders_202610.csv", "orders_202611.csv"], others: ["customers.csv"]) == ["orders_*.csv"])
        // A pattern that would also find another entity's file stays the name.
        #expect(PipelineDraft.datedPatterns(["export_2026.csv"], others: ["export_2027.csv"]) == ["export_2026.csv"])
        #expect(PipelineDraft.datedPatterns(["waybills.csv"], others: []) == ["waybills.csv"])
    }

    @Test func aRepeatedHeaderIsFlagged() throws {
        let text = try InspectTests.inspect("订单编号,客户编号,下单日期,金额,币种,金额\nA1,C001,2026-10-01,5,USD,35.5\n").text
        #expect(text.contains("⚠ the header '金额' stands in more than one cell: the first one is read"))
    }

    /// `skip`: a hotline export's enquiries and praise are not complaints — left out,
    /// counted and shown, not rejected and not loaded.
    @Test func skipLeavesOutRowsByAWord() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/complaints.csv", "工单号,客户编号,受理时间,诉求类型\nG1,C001,2026-10-01 09:00,投诉\nG2,C001,2026-10-02 09:00,咨询\nG3,C003,2026-10-03 09:00,表扬\nG4,C003,2026-10-04 09:00,投诉\n")
        let config = try PipelineLoader.parse("inputs:\n  complaints:\n    skip: {诉求类型: [咨询, 表扬]}\n", file: "p.yml")
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), config: config, warehouse: warehouse)
        #expect(try warehouse.rows("SELECT complaint_id FROM complaints ORDER BY complaint_id") == [["G1"], ["G4"]])
        #expect(report.rejects == [])
        let file = try #require(report.files.first { $0.file == "complaints.csv" })
        #expect(file.rowsRead == 2 && file.rowsLoaded == 2)
        #expect(DataQualityReport(load: report, maxRejectRate: 0.05).markdown(.en).contains("Rows left out by the pipeline's skip: complaints.csv 诉求类型: 咨询 ×1; complaints.csv 诉求类型: 表扬 ×1."))
        #expect(throws: IngestError.self) {
            _ = try load(tmp.file("input"), config: PipelineLoader.parse("inputs:\n  complaints:\n    skip: {类型: [咨询]}\n", file: "p.yml"), warehouse: warehouse)
        }
        #expect(throws: PipelineError.self) { try PipelineLoader.parse("inputs:\n  complaints:\n    skip: {诉求类型: 咨询}\n", file: "p.yml") }
    }

    /// A one-value line is a footer only under the last row: with a row after it, it is
    /// a row cut short; in a file of nothing but such lines, they are its rows.
    @Test func oneValueLinesBeforeARowAreRejected() throws {
        let r = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\nA1,C001,2026-10-01,5\nA2\nA3,C001,2026-10-01,5\nGenerated By: Li Na\n", pipeline: "")
        #expect(r.rows.map { $0[0] } == ["A1", "A3"])
        #expect(r.rejects == [["3", "", "1 values but the header has 4 columns (unquoted delimiter or a cut row?)"]])
        let quoted = try MappingKeysTests.load(orders: "order_id,customer_id,order_date,amount\n\"A1,C001,2026-10-01,5\"\n\"A2,C001,2026-10-01,5\"\n", pipeline: "")
        #expect(quoted.rows.isEmpty && quoted.rejects.map(\.[0]) == ["2", "3"])
    }

    /// A required column takes its own alias the pipeline left free before a header
    /// the pipeline mapped to another column.
    @Test func aRequiredColumnPrefersAFreeAlias() throws {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/complaints.csv", "投诉编号,客户编号,投诉时间,受理时间\nK1,C001,2026-10-01 09:00,2026-10-03 09:00\n")
        let config = try PipelineLoader.parse("inputs:\n  complaints:\n    columns: {first_response_at: 受理时间}\n", file: "p.yml")
        let warehouse = try tempWarehouse(tmp)
        _ = try load(tmp.file("input"), config: config, warehouse: warehouse)
        #expect(try warehouse.rows("SELECT received_at, first_response_at FROM complaints") == [["2026-10-01T09:00:00+08:00", "2026-10-03T09:00:00+08:00"]])
    }

    /// A GBK file with one user-defined (private-use) character stays GB18030.
    @Test func aRareCharacterDoesNotMakeGBKBig5() throws {
        let tmp = TempFolder()
        tmp.copy("basic/managers.csv", as: "input/managers.csv")
        let text = "customer_id,name,manager_id,segment\nC1,张三家电,M001,零售\nC2,王\u{E000}五金店,M001,批发\n"
        var gbk: [UInt8] = []
        Transcoder(from: "UTF-8", to: "GB18030")!.convert(Array(text.utf8), into: &gbk, final: true)
        tmp.write("input/customers.csv", Data(gbk))
        let warehouse = try tempWarehouse(tmp)
        let report = try load(tmp.file("input"), warehouse: warehouse)
        #expect(report.files.first { $0.file == "customers.csv" }?.encoding == "GB18030")
        #expect(try warehouse.rows("SELECT name FROM customers WHERE customer_id = 'C1'") == [["张三家电"]])
    }
}

extension ScoreFormTests {
    /// A survey twice in the first load of an empty warehouse: the later row's scores replace
    /// the earlier's, one a later row leaves empty included (the first load skips the per-survey
    /// DELETE only for surveys it has not stored before).
    @Test func aSurveyTwiceInTheFirstLoadKeepsOnlyTheLaterScores() throws {
        let r = try Self.loadSurveys("""
            survey_id,customer_id,surveyed_at,overall,nps,attitude,responsiveness
            S01,C001,2026-10-02 10:00,5,9,5,3
            S02,C002,2026-10-03 10:00,4,8,4,4
            S01,C001,2026-10-02 10:00,2,3,2,
            """)
        #expect(r.rows == [["S01", "2", "3"], ["S02", "4", "8"]])
        #expect(r.dims == [["S01", "attitude", "2"], ["S02", "attitude", "4"], ["S02", "responsiveness", "4"]])
    }
}
