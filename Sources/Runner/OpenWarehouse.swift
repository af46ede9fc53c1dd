import ScorecardPipeline
import ScorecardWarehouse
import ScorecardSQLite
import ScorecardPostgreSQL

/// Opens the warehouse at `location` (its tables are migrated by `migrate()`, under the run lock).
package func openWarehouse(_ location: WarehouseLocation, timeZone: String) throws -> any Warehouse {
    switch location {
    case .sqlite(let path): return try SQLiteWarehouse(path: path, migrating: false)
    case .postgres(let uri): return try PostgresWarehouse(uri: uri, timeZone: timeZone)
    }
}
