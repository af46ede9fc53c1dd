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
}
