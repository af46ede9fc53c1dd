import ScorecardSQLite

/// SQLite's migration v17 in PostgreSQL's additive migration (SPEC §3.12, issue 32): a `targets`
/// table of an earlier build is the wide form (manager_id, period, sales_target), keyed by
/// manager and period. Its key cannot be altered in place on Citus, so it is set aside, the
/// long-form table is created (and placed) as any new table, and its rows come back as kind
/// `sales`, tier `target`, the team ''.
extension PostgresSchema {
    /// Renames a wide `targets` table to `targets_wide`; true when there was one.
    static func setAsideWideTargets(_ connection: PGConnection) throws -> Bool {
        var wide = false
        try connection.forEachRow("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'targets' AND column_name = 'sales_target'
            """, [], clock: utc) { _ in wide = true }
        if wide { try connection.execute("ALTER TABLE targets RENAME TO targets_wide") }
        return wide
    }

    /// The wide rows into the long-form table, then the old table dropped.
    static func restoreWideTargets(_ connection: PGConnection) throws {
        try connection.execute(SQLiteSchema.wideTargetsCopied)
        try connection.execute("DROP TABLE targets_wide")
    }
}
