import ScorecardWarehouse

/// A period's result tables (SPEC §4.3): every table keyed by `period`; a rerun of the period
/// replaces its earlier rows, inside the run's transaction.
extension SQLSession {
    package func storeResults(_ tables: [ResultTable], period: String) throws {
        for table in tables { try execute("DELETE FROM \(table.name) WHERE period = ?", [period]) }
        for table in tables {
            try addNumberColumns(table.addedNumberColumns, to: table.name)
            try insert(into: table.name, columns: table.columns, rows: table.rows)
        }
    }

    /// The columns of configured overdue buckets other than the default ones (SPEC §4.3: "the
    /// bucket columns are named by the configured buckets").
    private func addNumberColumns(_ columns: [String], to table: String) throws {
        guard !columns.isEmpty else { return }
        let existing = Set(try self.columns(of: table))
        for column in columns where !existing.contains(column) {
            try execute("ALTER TABLE \(table) ADD COLUMN \(column) \(dialect.doubleType)")
        }
    }
}
