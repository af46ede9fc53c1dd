import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardPipeline
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// SPEC §2.5: exports shaped like the real ones users bring — each loads untouched
/// with nothing but a pipeline file, and what it stores and rejects is exact.
@Suite struct RealExportTests {
    /// Copies `Fixtures/real/<folder>` into a temp input folder and loads it with `pipeline`.
    static func load(_ folder: String, pipeline: String) throws -> (LoadReport, SQLiteWarehouse, TempFolder) {
        let tmp = TempFolder()
        let source = Fixtures.path("real/\(folder)")
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            tmp.copy("real/\(folder)/\(name)", as: "input/\(name)")
        }
        let config = try PipelineLoader.parse(pipeline, file: "test.yml")
        let warehouse = try tempWarehouse(tmp)
        return (try ScorecardKitTests.load(tmp.file("input"), config: config, warehouse: warehouse), warehouse, tmp)
    }

    static func rejects(_ report: LoadReport) -> [[String]] {
        report.rejects.map { [$0.file, String($0.line), $0.column, $0.reason.description] }
    }

    static let orderColumns = "SELECT order_id, customer_id, manager_id, order_date, amount, cost, paid_date, status, currency FROM orders ORDER BY order_id"

    static let tmallPipeline = """
        inputs:
          orders:
            files: ["ExportOrderList*.csv"]
            columns:
              customer_id: 买家会员名
              order_date: 订单创建时间
              amount: 买家实际支付金额
              paid_date: 订单付款时间
            values:
              status:
                卖家已发货，等待买家确认: completed
                等待买家付款: cancelled
        """

    /// A Tmall order report (GBK, CRLF, ids as `="…"`, 交易成功/交易关闭, no manager column).
    @Test func tmallOrderReport() throws {
        let (report, warehouse, _) = try Self.load("tmall", pipeline: Self.tmallPipeline)
        #expect(try warehouse.rows(Self.orderColumns) == [
            ["2506230123456789", "tb_小王123", "M01", "2026-10-03T14:05:07+08:00", "128.0", nil, "2026-10-03", "completed", nil],
            ["2506230123456790", "爱买的猫", "M02", "2026-10-05T09:12:00+08:00", "2409.0", nil, nil, "cancelled", nil],
            ["2506230123456791", "hz_buyer8", "M01", "2026-10-06T20:00:01+08:00", "56.5", nil, nil, "cancelled", nil],
            ["2506230123456792", "tb_小王123", "M01", "2026-10-10T10:00:00+08:00", "880.0", nil, "2026-10-10", "completed", nil],
            ["2506230123456793", "爱买的猫", "M02", "2026-10-12T18:30:00+08:00", "99.0", nil, "2026-10-12", "completed", nil],
        ])
        #expect(Self.rejects(report) == [
            ["ExportOrderList202610.csv", "7", "customer_id", "unknown customer '陌生买家' (not in the customer list)"],
        ])
    }

    /// Left unmapped, the shop's own status words are rejected by name — never loaded as completed sales.
    @Test func unmappedStatusWordsAreRejectedNotCounted() throws {
        let pipeline = Self.tmallPipeline.components(separatedBy: "    values:")[0]
        let (report, warehouse, _) = try Self.load("tmall", pipeline: pipeline)
        #expect(try warehouse.rows("SELECT order_id, status FROM orders ORDER BY order_id") == [
            ["2506230123456789", "completed"], ["2506230123456790", "cancelled"], ["2506230123456793", "completed"],
        ])
        #expect(Self.rejects(report).map { [$0[1], $0[2], $0[3]] } == [
            ["4", "status", "unknown value '等待买家付款' (expected completed/已完成, cancelled/已取消, refunded/已退款, open/未完成)"],
            ["5", "status", "unknown value '卖家已发货，等待买家确认' (expected completed/已完成, cancelled/已取消, refunded/已退款, open/未完成)"],
            ["7", "customer_id", "unknown customer '陌生买家' (not in the customer list)"],
        ])
    }

    /// An ERP export saved through Excel: long ids in scientific notation are rejected
    /// as Excel's damage (not as duplicates of each other), `-` is empty.
    @Test func erpExportWithScientificIDs() throws {
        let (report, warehouse, _) = try Self.load("erp", pipeline: """
            inputs:
              orders:
                files: ["销售出库单*.csv"]
                columns: {order_date: 单据日期, amount: 价税合计, status: 单据状态}
                values: {status: {已审核: completed, 作废: cancelled}}
            """)
        #expect(try warehouse.rows(Self.orderColumns) == [
            ["XS-2026-0003", "K0003", "M01", "2026-10-05T00:00:00+08:00", "800.5", nil, nil, "cancelled", nil],
            ["XS-2026-0004", "K0003", "M01", "2026-10-08T00:00:00+08:00", "1000.0", nil, "2026-11-05", "completed", nil],
        ])
        let hint = "is a number in scientific notation, its last digits are lost (export the column as text, or format it as text before saving)"
        #expect(Self.rejects(report) == [
            ["销售出库单.csv", "2", "order_id", "id changed by Excel: '6.20123E+17' \(hint)"],
            ["销售出库单.csv", "3", "order_id", "id changed by Excel: '6.20123E+17' \(hint)"],
            ["销售出库单.csv", "6", "customer_id", "id changed by Excel: '6.20123E+17' \(hint)"],
        ])
        #expect(report.rejects.allSatisfy { $0.reason.kind == "id changed by Excel" })
    }

    /// A logistics export: tab separated, compact times, `-`/`--`/`—`/`N/A` placeholders.
    @Test func logisticsExportWithCompactTimes() throws {
        let (report, warehouse, _) = try Self.load("logistics", pipeline: """
            inputs:
              orders:
                files: [waybills.csv]
                columns: {order_id: 运单号, customer_id: 寄件客户编号, order_date: 揽收时间, amount: 运费(元), paid_date: 结算日期}
            """)
        #expect(report.files.first { $0.file == "waybills.csv" }?.delimiter == "tab")
        #expect(try warehouse.rows(Self.orderColumns) == [
            ["YD0001", "KH001", "M01", "2026-10-03T14:05:00+08:00", "25.0", nil, "2026-10-10", "completed", nil],
            ["YD0002", "KH002", "M01", "2026-10-05T12:30:00+08:00", "18.5", nil, nil, "completed", nil],
            ["YD0003", "KH001", "M01", "2026-10-06T08:15:02+08:00", "30.0", nil, nil, "cancelled", nil],
        ])
        #expect(Self.rejects(report) == [["waybills.csv", "5", "order_date", "unparseable date/time '2026100612'"]])
    }

    /// Complaints saved by Excel on Chinese Windows: GB18030, Excel serial dates, `#N/A` and `NULL`.
    /// The built-in 投诉时间 alias is enough: no pipeline mapping at all.
    @Test func excelSavedGBKWithSerialDates() throws {
        let (report, warehouse, _) = try Self.load("excel", pipeline: "")
        #expect(report.files.first { $0.file == "complaints.csv" }?.encoding == "GB18030")
        #expect(try warehouse.rows("""
            SELECT complaint_id, customer_id, manager_id, received_at, first_response_at, escalated_at, resolved_at, severity, category, channel
            FROM complaints ORDER BY complaint_id
            """) == [
            ["T001", "C01", "M01", "2026-10-03T12:00:00+08:00", "2026-10-03T18:00:00+08:00", nil, "2026-10-05T12:00:00+08:00", "normal", "产品质量", "电话"],
            ["T002", "C02", "M02", "2026-10-04T06:00:00+08:00", "2026-10-05T12:00:00+08:00", "2026-10-04T09:00:00+08:00", nil, "major", "服务态度", "微信"],
            ["T003", "C01", "M01", "2026-10-06T00:00:00+08:00", "2026-10-06T01:00:00+08:00", nil, "2026-10-07T00:00:00+08:00", "normal", "物流", nil],
            ["T004", "C02", "M02", "2026-10-12T09:30:00+08:00", "2026-10-12T12:00:00+08:00", nil, nil, "normal", "其他", nil],
        ])
        #expect(Self.rejects(report) == [["complaints.csv", "6", "received_at", "unparseable date/time '9999'"]])
    }

    /// A sales sheet in 万元 with date and time in two columns and foreign currencies;
    /// the pipeline's `order_id: 合同号` wins over the file's 订单编号 header.
    @Test func wanyuanSheetWithDateAndTimeColumns() throws {
        let (report, warehouse, _) = try Self.load("wanyuan", pipeline: """
            currency: CNY
            fx: {USD: 7.10}
            inputs:
              orders:
                files: [sales.csv]
                columns: {order_id: 合同号, order_date: [签约日期, 签约时间], amount: 合同金额(万元), cost: 成本(万元)}
                scale: {amount: 10000, cost: 10000}
            """)
        #expect(try warehouse.rows(Self.orderColumns) == [
            ["HT-001", "C01", "M01", "2026-10-03T14:05:00+08:00", "125000.0", "82500.0", "2026-10-20", "completed", "CNY"],
            ["HT-002", "C02", "M02", "2026-10-04T00:00:00+08:00", "31234.0", nil, nil, "completed", "CNY"],
            ["HT-003", "C01", "M01", "2026-10-05T09:30:15+08:00", "106500.0", "71000.0", nil, "completed", "USD"],
        ])
        #expect(Self.rejects(report) == [["sales.csv", "5", "currency", "currency EUR, expected CNY (give its rate under fx: in the pipeline; if the amount column is already in CNY, map currency: [] under columns)"]])
    }
}
