import ScorecardModel
import ScorecardWarehouse

/// Where each table lives on a Citus cluster (SPEC §9, docs/scale-out.md "Table plan"): the
/// staged facts by `customer_id`, co-located with `customers`, so that every per-customer
/// `GROUP BY` runs on the workers; the results by `period`, co-located among themselves, so
/// that a run's replace of its period touches one shard; the small tables as reference
/// tables (a copy on every node). Derived from a table's name and key, so that a table of a
/// later migration is placed by the same rule.
package enum CitusPlacement: Equatable, CustomStringConvertible {
    /// A copy on every node (`create_reference_table`).
    case reference
    /// Sharded by `column`, co-located with `colocateWith` (`nil`: a group of its own).
    case distributed(column: String, colocateWith: String?)
    /// Left a plain table on the coordinator.
    case local

    /// The anchor of the fact tables' co-location group.
    static let factAnchor = "customers"
    /// The anchor of the results' co-location group.
    static let resultAnchor = "customer_grades"

    package static func of(_ table: PostgresSchema.Table) -> CitusPlacement {
        let columns = Set(table.columns.map(\.name))
        switch table.name {
        case factAnchor: return .distributed(column: "customer_id", colocateWith: nil)
        // It has no customer_id: sharded by its own survey, in a group of its own. Its join with
        // `surveys` is a repartition join (`PostgresSchema.citusSession`).
        case "survey_dimensions": return .distributed(column: "survey_id", colocateWith: nil)
        // Grows with every run and is read only by run_id, never joined: as a reference table
        // each run's rejects would be written to every node.
        // `deliveries` likewise: a log `deliver` appends to and reads by period, never joined.
        case "rejects", "deliveries": return .local
        default: break
        }
        if Entity(rawValue: table.name) != nil {
            return columns.contains("customer_id") ? .distributed(column: "customer_id", colocateWith: factAnchor) : .reference
        }
        if table.primaryKey.first == "period" {
            return .distributed(column: "period", colocateWith: table.name == resultAnchor ? nil : resultAnchor)
        }
        return .reference
    }

    /// Anchors before the tables co-located with them.
    package static func ordered(_ tables: [PostgresSchema.Table]) -> [PostgresSchema.Table] {
        tables.sorted { rank($0) < rank($1) }
    }

    private static func rank(_ table: PostgresSchema.Table) -> Int {
        switch of(table) {
        case .reference, .local: return 0
        case .distributed(_, nil): return 1
        case .distributed: return 2
        }
    }

    /// The Citus call that places `table`, or nil for a local table.
    package func statement(for table: String) -> String? {
        switch self {
        case .reference: return "SELECT create_reference_table('\(table)')"
        case .distributed(let column, let group):
            return "SELECT create_distributed_table('\(table)', '\(column)', colocate_with => '\(group ?? "none")')"
        case .local: return nil
        }
    }

    package var description: String {
        switch self {
        case .reference: return "reference"
        case .distributed(let column, let group): return "by \(column)" + (group.map { ", with \($0)" } ?? "")
        case .local: return "local"
        }
    }
}
