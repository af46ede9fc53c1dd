import Foundation
import ScorecardPipeline

/// The warehouse a run works in (SPEC §2.4, §9): SQLite (`SQLiteWarehouse`) or
/// PostgreSQL (`PostgresWarehouse`). A run takes the run lock, then does all its work
/// in one transaction through a `WarehouseSession`.
package protocol Warehouse: AnyObject {
    var location: WarehouseLocation { get }
    /// Takes the lock two runs on one warehouse share: held until the returned value is released.
    /// - Throws: `WarehouseError.busy` when another run holds it past `timeout`.
    func lockRuns(timeout: TimeInterval, onWait: (() -> Void)?) throws -> AnyObject
    /// Creates or brings up to date the tables (SPEC §4.3), under the run lock.
    func migrate() throws
    /// Runs `body` in one transaction: all of it is committed, or none.
    func transaction<T>(_ body: (any WarehouseSession) throws -> T) throws -> T
    /// Runs `body` in a transaction that is always rolled back (`validate`).
    func dryRun<T>(_ body: (any WarehouseSession) throws -> T) throws -> T
    /// Spreads a warehouse made on one server over a Citus cluster (`scorecard warehouse
    /// distribute`, SPEC §9), under the run lock: its tables brought up to date, then placed;
    /// the tables it placed.
    /// - Throws: `WarehouseError.notDistributable` for SQLite and for a server without Citus.
    func distribute() throws -> [DistributedTable]
}

/// A table `distribute` placed: how (`reference`, `by customer_id, with customers`, …) and how
/// many rows it copied to the nodes.
package struct DistributedTable: Sendable, Equatable {
    package var table: String
    package var placement: String
    package var rows: Int

    package init(table: String, placement: String, rows: Int) {
        self.table = table
        self.placement = placement
        self.rows = rows
    }
}
