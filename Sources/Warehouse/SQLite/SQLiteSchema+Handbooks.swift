import GRDB

extension SQLiteSchema {
    /// SPEC §3.11, §3.12 (issue 32): the `submissions` entity, the long-form `targets` (a warehouse of an
    /// earlier build has the wide one: rebuilt, its rows kept as kind sales, tier target), the result
    /// tables, and the points of the new optional KPIs.
    static func handbooks(_ db: Database) throws {
        // New warehouses have both tables from v1 (generated from `Entity.columns`); the tables as they were at v17.
        if try db.columns(in: "targets").contains(where: { $0.name == "sales_target" }) {
            try db.execute(sql: "ALTER TABLE targets RENAME TO targets_wide")
            try db.execute(sql: v17Targets)
            try db.execute(sql: wideTargetsCopied)
            try db.execute(sql: "DROP TABLE targets_wide")
        }
        if try !db.tableExists("submissions") {
            try db.execute(sql: """
                CREATE TABLE submissions (
                  manager_id TEXT NOT NULL, kind TEXT NOT NULL, covers TEXT NOT NULL, item TEXT, submitted_at TEXT, complete TEXT,
                  source_run INTEGER, source_file TEXT, source_line INTEGER,
                  PRIMARY KEY (manager_id, kind, covers, item))
                """)
        }
        for sql in handbookTables { try db.execute(sql: sql) }
        // The KPIs added to `RankingKPI` with v17 (a migration never changes).
        for kpi in ["submissions", "collection_attainment", "new_customers_attainment", "visits_attainment"] {
            try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN points_\(kpi) REAL")
        }
    }

    /// The wide targets (set aside as `targets_wide`) into the long-form table: kind sales, tier target,
    /// no team. PostgreSQL's migration copies them the same way.
    package static let wideTargetsCopied = """
        INSERT INTO targets (period, manager_id, team, kind, tier, target, source_run, source_file, source_line)
        SELECT period, manager_id, '', 'sales', 'target', sales_target, source_run, source_file, source_line FROM targets_wide
        """

    /// The long-form targets table as v17 made it.
    private static let v17Targets = """
        CREATE TABLE targets (
          period TEXT NOT NULL, manager_id TEXT, team TEXT, kind TEXT, tier TEXT, target REAL NOT NULL,
          source_run INTEGER, source_file TEXT, source_line INTEGER,
          PRIMARY KEY (period, manager_id, team, kind, tier))
        """

    /// Results of SPEC §3.11–§3.12 (§4.3).
    package static let handbookTables = [
        """
        CREATE TABLE submission_items (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, kind TEXT NOT NULL, covers TEXT NOT NULL, item TEXT NOT NULL,
          deadline TEXT NOT NULL, submitted_at TEXT, status TEXT NOT NULL,
          PRIMARY KEY (period, manager_id, kind, covers, item))
        """,
        """
        CREATE TABLE submission_summary (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, kind TEXT NOT NULL, expected INTEGER NOT NULL, on_time INTEGER NOT NULL,
          late INTEGER NOT NULL, missing INTEGER NOT NULL, pending INTEGER NOT NULL, on_time_rate REAL,
          PRIMARY KEY (period, manager_id, kind))
        """,
        """
        CREATE TABLE ledger (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, seq INTEGER NOT NULL, rule INTEGER NOT NULL, event TEXT NOT NULL,
          fact TEXT NOT NULL, points REAL NOT NULL, amount REAL NOT NULL,
          PRIMARY KEY (period, manager_id, seq))
        """,
        """
        CREATE TABLE ledger_totals (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, points REAL NOT NULL, amount REAL NOT NULL, kpi_score REAL NOT NULL,
          final_score REAL NOT NULL,
          PRIMARY KEY (period, manager_id))
        """,
        """
        CREATE TABLE target_attainment (
          period TEXT NOT NULL, level TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, value REAL NOT NULL, target REAL,
          stretch REAL, challenge REAL, attainment REAL, tier_reached TEXT,
          PRIMARY KEY (period, level, key, kind))
        """,
    ]
}
