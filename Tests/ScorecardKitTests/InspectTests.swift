import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardPipeline
@testable import ScorecardReports

/// SPEC §2.6: `scorecard inspect` on unknown exports, and the pipeline it drafts —
/// which loads the export once its TODO lines are filled in.
@Suite struct InspectTests {
    static func folder(_ name: String) -> (TempFolder, String) {
        let tmp = TempFolder()
        for file in try! FileManager.default.contentsOfDirectory(atPath: Fixtures.path("real/\(name)")) {
            tmp.copy("real/\(name)/\(file)", as: "input/\(file)")
        }
        return (tmp, tmp.file("input"))
    }

    /// Inspects the basic master lists and `text` as the export `file`; the inspections and the report.
    static func inspect(_ text: String, as file: String = "orders.csv") throws -> (files: [FileInspection], text: String) {
        let tmp = TempFolder()
        _ = tmp.input()
        tmp.write("input/\(file)", text)
        let files = try ExportInspector.inspect(folder: tmp.file("input"), config: PipelineConfig(), now: testNow)
        return (files, InspectionReport.text(files, folder: "input", pipeline: nil, draft: nil))
    }

    /// Replaces each commented `# key: …` line of the draft (a TODO or a proposal) with `key: value`, keeping its indentation.
    static func fill(_ draft: String, _ answers: [String: String]) -> String {
        draft.components(separatedBy: "\n").map { line in
            let trimmed = line.drop { $0 == " " }
            for (key, value) in answers where trimmed.hasPrefix("# \(key): ") {
                return String(repeating: " ", count: line.count - trimmed.count) + "\(key): \(value)"
            }
            return line
        }.joined(separator: "\n")
    }

    @Test func showsTheMappingUnknownWordsAndMissingColumns() throws {
        let (tmp, input) = Self.folder("tmall")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let orders = try #require(files.first { $0.file == "ExportOrderList202610.csv" })
        #expect(orders.entity == .orders && orders.matchedBy == .header)
        #expect(orders.encoding == "GB18030" && orders.rows == 6 && orders.wrongWidthRows == 0)
        #expect(orders.missingRequired == ["customer_id", "order_date", "amount"])
        let status = try #require(orders.columns.first { $0.name == "status" })
        #expect(status.words.map { "\($0.word) \($0.count) \($0.canonical ?? "?")" } == [
            "交易成功 3 completed", "交易关闭 1 cancelled", "卖家已发货，等待买家确认 1 ?", "等待买家付款 1 ?",
        ])
        let text = InspectionReport.text(files, folder: "input", pipeline: nil, draft: nil)
        #expect(text.contains("ExportOrderList202610.csv — orders (by header) · GB18030 · comma · 6 rows"))
        #expect(text.contains("  订单编号          → order_id\n"))
        #expect(text.contains("  买家会员名        → (unused)\n"))
        #expect(text.contains("✗ required column order_date (下单日期) is missing"))
        #expect(text.contains("    maybe: 订单创建时间, 订单付款时间\n"))
        #expect(text.contains("status (订单状态): 交易成功 3 → completed · 交易关闭 1 → cancelled · 卖家已发货，等待买家确认 1 ✗ unknown · 等待买家付款 1 ✗ unknown"))
        #expect(text.contains("No file for: visits, complaints, surveys: a run stops without them."))
        #expect(text.contains("scorecard inspect --input input --write pipelines/mine.yml"))
    }

    @Test func theFilledDraftLoadsTheTmallReport() throws {
        let (tmp, input) = Self.folder("tmall")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let draft = PipelineDraft.yaml(files, folder: "input", config: PipelineConfig())
        #expect(draft.contains("    files: [\"ExportOrderList*.csv\"]   # dates as *: next month's export is found too\n"))
        #expect(draft.contains("      # customer_id: TODO   # required (客户编号): the header that holds it; maybe 买家会员名, 买家支付宝账号\n"))
        #expect(draft.contains("        \"交易成功\": completed\n"))
        #expect(draft.contains("        # \"等待买家付款\": TODO   # 1 row; one of completed, cancelled, refunded, open\n"))
        // As drafted, nothing is guessed: the TODO lines keep the orders from loading.
        let drafted = try PipelineLoader.parse(draft, file: "draft.yml")
        let warehouse = try tempWarehouse(tmp)
        #expect(throws: IngestError.self) { try load(input, config: drafted, warehouse: warehouse) }

        let filled = Self.fill(draft, ["customer_id": "买家会员名", "order_date": "订单创建时间", "amount": "买家实际支付金额",
                                       "\"卖家已发货，等待买家确认\"": "completed", "\"等待买家付款\"": "cancelled"])
        let report = try load(input, config: PipelineLoader.parse(filled, file: "filled.yml"), warehouse: warehouse)
        #expect(try warehouse.rows("SELECT order_id, customer_id, manager_id, amount, status FROM orders ORDER BY order_id") == [
            ["2506230123456789", "tb_小王123", "M01", "128.0", "completed"],
            ["2506230123456790", "爱买的猫", "M02", "2409.0", "cancelled"],
            ["2506230123456791", "hz_buyer8", "M01", "56.5", "cancelled"],
            ["2506230123456792", "tb_小王123", "M01", "880.0", "completed"],
            ["2506230123456793", "爱买的猫", "M02", "99.0", "completed"],
        ])
        #expect(report.rejects.map(\.reason.kind) == ["unknown customer"])
    }

    @Test func excelsDamageIsNamed() throws {
        let (tmp, input) = Self.folder("erp")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let text = InspectionReport.text(files, folder: "input", pipeline: nil, draft: nil)
        #expect(text.contains("✗ order_id (单据编号): 2 ids in scientific notation (e.g. 6.20123E+17): Excel turned them into numbers"))
        #expect(text.contains("✗ customer_id (客户编码): 1 id in scientific notation"))
        #expect(text.contains("销售出库单.csv — orders (by header) · UTF-8 BOM · comma · 5 rows"))
    }

    @Test func valuesThatDoNotReadShowTheirShareAndExamples() throws {
        let (tmp, input) = Self.folder("excel")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let complaints = try #require(files.first { $0.entity == .complaints })
        let received = try #require(complaints.columns.first { $0.name == "received_at" })
        #expect(received.filled == 5 && received.readable == 4)
        #expect(received.failures.map(\.value) == ["9999"])
        let text = InspectionReport.text(files, folder: "input", pipeline: nil, draft: nil)
        #expect(text.contains("✗ received_at (投诉时间): 80.0% of 5 values read; not read: '9999' (unparseable date/time '9999')"))
    }

    /// With the pipeline's first mapping, the draft joins the time column beside a date
    /// header and scales an amount whose header says 万元.
    @Test func draftJoinsDateAndTimeAndScalesWanyuan() throws {
        let (tmp, input) = Self.folder("wanyuan")
        defer { withExtendedLifetime(tmp) {} }
        let config = try PipelineLoader.parse("""
            inputs:
              orders:
                files: [sales.csv]
                columns: {order_id: 合同号, order_date: 签约日期, amount: 合同金额(万元)}
            """, file: "p.yml")
        let files = try ExportInspector.inspect(folder: input, config: config, now: testNow)
        let draft = PipelineDraft.yaml(files, folder: "input", config: config)
        #expect(draft.contains("      order_date: [\"签约日期\", \"签约时间\"]   # a date and a time in two columns\n"))
        #expect(draft.contains("    scale:\n      amount: 10000   # the header says 万\n"))
        #expect(draft.contains("fx:\n  # EUR: TODO   # rate into CNY; 1 orders in EUR are rejected without it (if the amount column is already in CNY, write currency: [] under the orders' columns instead)\n  # USD: TODO"))
        let filled = Self.fill(draft, ["EUR": "7.8", "USD": "7.1"])
        let warehouse = try tempWarehouse(tmp)
        let report = try load(input, config: PipelineLoader.parse(filled, file: "filled.yml"), warehouse: warehouse)
        #expect(report.rejects == [])
        #expect(try warehouse.rows("SELECT order_id, order_date, amount FROM orders ORDER BY order_id") == [
            ["HT-001", "2026-10-03T14:05:00+08:00", "125000.0"], ["HT-002", "2026-10-04T00:00:00+08:00", "31234.0"],
            ["HT-003", "2026-10-05T09:30:15+08:00", "106500.0"], ["HT-004", "2026-10-06T16:00:00+08:00", "156000.0"],
        ])
    }

    /// A file whose name and header name no entity is guessed from its headers' words:
    /// a waybill list has a candidate for every required column of orders.
    @Test func aFileOfUnknownShapeIsGuessedFromItsHeaders() throws {
        let (tmp, input) = Self.folder("logistics")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let text = InspectionReport.text(files, folder: "input", pipeline: nil, draft: nil)
        #expect(text.contains("waybills.csv — orders (guessed from its headers' words: check that it holds orders) · UTF-8 · tab · 4 rows"))
        #expect(text.contains("  ✗ required column amount (金额) is missing: map it under inputs.orders.columns (or set it under constants if it is the same for every row).\n    maybe: 运费(元)\n"))
        let draft = PipelineDraft.yaml(files, folder: "input", config: PipelineConfig())
        #expect(draft.contains("  # waybills.csv is drafted as orders from its headers' words alone: check that it holds orders.\n  orders:\n    files: [\"waybills.csv\"]\n"))
        let filled = Self.fill(draft, ["order_id": "运单号", "customer_id": "寄件客户编号", "order_date": "揽收时间", "amount": "\"运费(元)\""])
        let warehouse = try tempWarehouse(tmp)
        let report = try load(input, config: PipelineLoader.parse(filled, file: "filled.yml"), warehouse: warehouse)
        #expect(try warehouse.rows("SELECT order_id, status FROM orders ORDER BY order_id") == [["YD0001", "completed"], ["YD0002", "completed"], ["YD0003", "cancelled"]])
        #expect(report.rejects.map(\.line) == [5])
    }

    /// A contract sheet with 客户编号 and 客户名称 is not a customer list: orders has a
    /// candidate for every required column, customers none for its manager.
    @Test func aFactSheetWithCustomerColumnsIsNotTakenForTheCustomerList() {
        let header = ["合同号", "客户编号", "客户名称", "签约日期", "合同金额(万元)", "合同状态"]
        #expect(ExportInspector.entityByHeader(header, config: PipelineConfig())! == (.orders, .guess))
        #expect(ExportInspector.entityByHeader(["客户编号", "客户名称", "经理编号"], config: PipelineConfig())! == (.customers, .header))
        #expect(ExportInspector.entityByHeader(["运单号", "寄件客户编号", "揽收时间", "运费"], config: PipelineConfig())! == (.orders, .guess))
        #expect(ExportInspector.entityByHeader(["名称", "备注"], config: PipelineConfig()) == nil)
    }

    /// With `--pipeline`, the draft keeps that pipeline's input settings and file patterns.
    @Test func theDraftKeepsThePipelinesInputSettings() throws {
        let (tmp, input) = Self.folder("wanyuan")
        defer { withExtendedLifetime(tmp) {} }
        let config = try PipelineLoader.parse("""
            inputs:
              orders:
                files: ["sales*.csv"]
                encoding: utf-8
                columns: {order_id: 合同号, order_date: [签约日期, 签约时间], amount: "价 + 税", cost: 成本(万元)}
                scale: {amount: 12.5}
                date_order: dmy
            """, file: "p.yml")
        let files = try ExportInspector.inspect(folder: input, config: config, now: testNow)
        let draft = PipelineDraft.yaml(files, folder: "input", config: config, pipeline: "p.yml")
        #expect(draft.contains("    files: [\"sales*.csv\"]\n    encoding: utf-8\n"))
        #expect(draft.contains("      order_date: [\"签约日期\", \"签约时间\"]\n"))
        #expect(draft.contains("    scale:\n      amount: 12.5\n      cost: 10000   # the header says 万\n"))
        #expect(draft.contains("    date_order: dmy\n"))
        #expect(draft.contains("# The inputs, currency, fx and survey dimensions of p.yml are carried over"))
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: IngestError.noInputFolder("/no/such/folder")) {
            try ExportInspector.inspect(folder: "/no/such/folder", config: PipelineConfig())
        }
    }
}
