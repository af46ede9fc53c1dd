import Foundation
import Testing
@testable import ScorecardKit

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
        #expect(text.contains("No file for: visits, complaints, surveys: their part of the report would be empty."))
        #expect(text.contains("scorecard inspect --input input --write pipelines/mine.yml"))
    }

    @Test func theFilledDraftLoadsTheTmallReport() throws {
        let (tmp, input) = Self.folder("tmall")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let draft = PipelineDraft.yaml(files, folder: "input", config: PipelineConfig())
        #expect(draft.contains("    files: [\"ExportOrderList202610.csv\"]\n"))
        #expect(draft.contains("      # customer_id: TODO   # required (客户编号): the header that holds it; maybe 买家会员名\n"))
        #expect(draft.contains("        \"交易成功\": completed\n"))
        #expect(draft.contains("        # \"等待买家付款\": TODO   # 1 row; one of completed, cancelled, refunded\n"))
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
        #expect(draft.contains("fx:\n  # EUR: TODO   # rate into CNY; 1 orders in EUR are rejected without it\n  # USD: TODO"))
        let filled = Self.fill(draft, ["EUR": "7.8", "USD": "7.1"])
        let warehouse = try tempWarehouse(tmp)
        let report = try load(input, config: PipelineLoader.parse(filled, file: "filled.yml"), warehouse: warehouse)
        #expect(report.rejects == [])
        #expect(try warehouse.rows("SELECT order_id, order_date, amount FROM orders ORDER BY order_id") == [
            ["HT-001", "2026-10-03T14:05:00+08:00", "125000.0"], ["HT-002", "2026-10-04T00:00:00+08:00", "31234.0"],
            ["HT-003", "2026-10-05T09:30:15+08:00", "106500.0"], ["HT-004", "2026-10-06T16:00:00+08:00", "156000.0"],
        ])
    }

    @Test func anUnrecognisedFileIsShownWithItsHeader() throws {
        let (tmp, input) = Self.folder("logistics")
        defer { withExtendedLifetime(tmp) {} }
        let files = try ExportInspector.inspect(folder: input, config: PipelineConfig(), now: testNow)
        let text = InspectionReport.text(files, folder: "input", pipeline: nil, draft: nil)
        #expect(text.contains("waybills.csv — not recognised"))
        #expect(text.contains("  Header: 运单号 | 寄件客户编号 | 揽收时间 | 签收时间 | 运费(元) | 结算日期 | 状态\n"))
        #expect(text.contains("It looks most like orders: order_id ← 运单号?, customer_id ← 寄件客户编号?, order_date ← 揽收时间?, amount ← 运费(元)?."))
        // The draft takes it as orders, to be checked, with every required column a TODO and its candidates.
        let draft = PipelineDraft.yaml(files, folder: "input", config: PipelineConfig())
        #expect(draft.contains("  # waybills.csv is drafted as orders from its headers alone: check that it holds orders.\n  orders:\n    files: [\"waybills.csv\"]\n"))
        #expect(draft.contains("      # amount: TODO   # required (金额): the header that holds it; maybe 运费(元)\n"))
        let filled = Self.fill(draft, ["order_id": "运单号", "customer_id": "寄件客户编号", "order_date": "揽收时间", "amount": "\"运费(元)\"",
                                       "status": "\"状态\""])
        let warehouse = try tempWarehouse(tmp)
        let report = try load(input, config: PipelineLoader.parse(filled, file: "filled.yml"), warehouse: warehouse)
        #expect(try warehouse.rows("SELECT order_id, status FROM orders ORDER BY order_id") == [["YD0001", "completed"], ["YD0002", "completed"], ["YD0003", "cancelled"]])
        #expect(report.rejects.map(\.line) == [5])
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: IngestError.noInputFolder("/no/such/folder")) {
            try ExportInspector.inspect(folder: "/no/such/folder", config: PipelineConfig())
        }
    }
}
