import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardSQLite

/// SPEC §2.4: upserts by id, one transaction per load (the SQLite file; both warehouses: WarehouseContractTests).
@Suite struct StagingTests {
    static let orders = """
        order_id,customer_id,manager_id,order_date,amount,status
        A1,C001,M001,2026-10-01 09:00,100,completed
        A2,C001,M001,2026-10-02 09:00,200,completed
        A3,C002,M001,2026-10-03 09:00,300,completed

        """

    /// A corrected export overlapping the first: A2 changed, A3 cancelled, A4 new.
    static let corrected = """
        order_id,customer_id,manager_id,order_date,amount,status
        A2,C001,M001,2026-10-02 09:00,250,completed
        A3,C002,M001,2026-10-03 09:00,300,cancelled
        A4,C003,M002,2026-10-04 09:00,400,completed

        """

    /// A warehouse with the basic master lists and `orders` loaded once.
    static func loadedOrders() throws -> (TempFolder, String, SQLiteWarehouse) {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", orders)
        let warehouse = try tempWarehouse(tmp)
        _ = try load(input, warehouse: warehouse)
        return (tmp, input, warehouse)
    }

    @Test func loadingTheSameExportTwiceChangesNothing() throws {
        let (tmp, input, warehouse) = try Self.loadedOrders()
        let first = try warehouse.stagedDump()
        let again = try load(input, warehouse: warehouse)
        #expect(again.rejects.isEmpty)
        #expect(try warehouse.stagedDump() == first)
        #expect(try warehouse.rows("SELECT COUNT(*), SUM(amount) FROM orders") == [["3", "600.0"]])
    }

    @Test func anOverlappingCorrectedExportReplacesRowsWithoutDoubleCounting() throws {
        let (tmp, input, warehouse) = try Self.loadedOrders()
        tmp.write("input/orders.csv", Self.corrected)
        _ = try load(input, warehouse: warehouse)
        #expect(try warehouse.rows("SELECT order_id, amount, status FROM orders ORDER BY order_id") == [
            ["A1", "100.0", "completed"], ["A2", "250.0", "completed"], ["A3", "300.0", "cancelled"], ["A4", "400.0", "completed"],
        ])
    }

    @Test func twoOverlappingFilesInOneLoadLetTheLaterFileWin() throws {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders-2026-10a.csv", Self.orders)
        tmp.write("input/orders-2026-10b.csv", Self.corrected)
        let warehouse = try tempWarehouse(tmp)
        let report = try load(input, warehouse: warehouse)
        #expect(report.rejects.map { "\($0.file):\($0.line) \($0.reason)" } == [
            "orders-2026-10a.csv:3 duplicate key: replaced by orders-2026-10b.csv line 2",
            "orders-2026-10a.csv:4 duplicate key: replaced by orders-2026-10b.csv line 3",
        ])
        let a = try #require(report.files.first { $0.file == "orders-2026-10a.csv" })
        #expect((a.rowsRead, a.rowsLoaded, a.rowsRejected) == (3, 1, 2))
        #expect(try warehouse.rows("SELECT COUNT(*), SUM(amount) FROM orders") == [["4", "1050.0"]])
    }

    @Test func aFailureMidLoadLeavesTheWarehouseAsItWas() throws {
        let (tmp, input, warehouse) = try Self.loadedOrders()
        let before = try warehouse.stagedDump()
        // Managers and customers change, orders load part-way, then a broken quote stops the load.
        tmp.write("input/managers.csv", "manager_id,name\nM001,改名\nM009,新人\n")
        tmp.write("input/orders.csv", Self.corrected + "A5,C001,M001,\"2026-10-05 09:00,500,completed\n")
        #expect(throws: IngestError.unterminatedQuote(file: "orders.csv", line: 5)) { _ = try load(input, warehouse: warehouse) }
        #expect(try warehouse.stagedDump() == before)
    }

    // Runs taking turns on either warehouse: WarehouseContractTests.

    @Test func warehouseIsOwnerOnly() throws {
        let tmp = TempFolder()
        let warehouse = try tempWarehouse(tmp)
        let mode = try FileManager.default.attributesOfItem(atPath: warehouse.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// Collects results from concurrent work.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors: [String] = []
    func add(_ error: Error?) {
        lock.lock(); defer { lock.unlock() }
        if let error { errors.append("\(error)") }
    }
}
