import GRDB
import ScorecardIngest
import ScorecardModel

/// The warehouse tables (SPEC §4.3) as SQLite's migrations build them: the reference
/// schema. Staged tables are generated from `Entity.columns`, so the schema and the
/// readers cannot drift apart; PostgreSQL's tables are derived from these
/// (`PostgresSchema`), with its own types.
package enum SQLiteSchema {
    package static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: staged entities, runs, rejects") { db in
            for entity in Entity.allCases {
                try db.execute(sql: createTable(entity))
            }
            try db.execute(sql: """
                CREATE TABLE survey_dimensions (
                  survey_id TEXT NOT NULL,
                  dimension TEXT NOT NULL,
                  score INTEGER NOT NULL,
                  PRIMARY KEY (survey_id, dimension)
                )
                """)
            try db.execute(sql: """
                CREATE TABLE runs (
                  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
                  command TEXT NOT NULL,
                  period TEXT,
                  as_of TEXT,
                  started_at TEXT NOT NULL,
                  finished_at TEXT,
                  status TEXT NOT NULL,
                  pipeline_hash TEXT NOT NULL,
                  inputs TEXT NOT NULL,
                  rows_read INTEGER NOT NULL,
                  rows_loaded INTEGER NOT NULL,
                  rows_rejected INTEGER NOT NULL,
                  message TEXT
                )
                """)
            try db.execute(sql: """
                CREATE TABLE rejects (
                  run_id INTEGER NOT NULL REFERENCES runs(run_id),
                  file TEXT NOT NULL,
                  line INTEGER NOT NULL,
                  "column" TEXT NOT NULL,
                  reason TEXT NOT NULL,
                  raw TEXT NOT NULL
                )
                """)
            try db.execute(sql: "CREATE INDEX rejects_run ON rejects(run_id)")
            for entity in Entity.allCases {
                for (name, column) in secondaryIndexes(entity) { try db.execute(sql: "CREATE INDEX \(name) ON \(entity.rawValue)(\(column))") }
            }
        }
        m.registerMigration("v2: per-period results") { db in
            for sql in resultTables { try db.execute(sql: sql) }
        }
        m.registerMigration("v3: reject kinds") { db in
            try db.execute(sql: "ALTER TABLE rejects ADD COLUMN kind TEXT NOT NULL DEFAULT ''")
        }
        m.registerMigration("v4: source of each staged row") { db in
            // Only the tables that exist: a warehouse from before v9 has no service_requests or visit_plans yet (v9 adds them).
            for entity in Entity.allCases where try db.tableExists(entity.rawValue) {
                for (name, type) in sourceColumns { try db.execute(sql: "ALTER TABLE \(entity.rawValue) ADD COLUMN \(name) \(type)") }
            }
        }
        m.registerMigration("v5: no order_date index") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS orders_date")
        }
        m.registerMigration("v6: latest activity per run") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN latest_activity TEXT")
        }
        m.registerMigration("v7: orders.currency") { db in
            // New warehouses have it from v1 (generated from `Entity.columns`).
            if try !db.columns(in: "orders").contains(where: { $0.name == "currency" }) {
                try db.execute(sql: "ALTER TABLE orders ADD COLUMN currency TEXT")
            }
        }
        m.registerMigration("v8: receivables and customer development") { db in
            for sql in developmentTables { try db.execute(sql: sql) }
            try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN collection_rate REAL")
            try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN new_customers INTEGER NOT NULL DEFAULT 0")
            try db.execute(sql: "ALTER TABLE customer_grades ADD COLUMN first_activity TEXT")
        }
        m.registerMigration("v9: service requests, visit plans, territory") { db in
            // New warehouses have the entities and the column from v1 (generated from `Entity.columns`).
            // The tables as they were at v9 (frozen: a later column gets its own migration, as v7 did).
            let v9Tables = [
                (Entity.serviceRequests, """
                    CREATE TABLE service_requests (
                      request_id TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT, reported_at TEXT NOT NULL, category TEXT,
                      completed_at TEXT, follow_up_at TEXT, follow_up_role TEXT, problem_found TEXT, notice_at TEXT,
                      source_run INTEGER, source_file TEXT, source_line INTEGER,
                      PRIMARY KEY (request_id))
                    """),
                (Entity.visitPlans, """
                    CREATE TABLE visit_plans (
                      manager_id TEXT NOT NULL, customer_id TEXT NOT NULL, planned_date TEXT NOT NULL, submitted_at TEXT,
                      source_run INTEGER, source_file TEXT, source_line INTEGER,
                      PRIMARY KEY (manager_id, customer_id, planned_date))
                    """),
            ]
            for (entity, sql) in v9Tables where try !db.tableExists(entity.rawValue) {
                try db.execute(sql: sql)
                for (name, column) in secondaryIndexes(entity) { try db.execute(sql: "CREATE INDEX \(name) ON \(entity.rawValue)(\(column))") }
            }
            if try !db.columns(in: "managers").contains(where: { $0.name == "territory" }) {
                try db.execute(sql: "ALTER TABLE managers ADD COLUMN territory TEXT")
            }
            for sql in fieldWorkTables { try db.execute(sql: sql) }
            try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN service_compliance REAL")
            try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN plan_execution_rate REAL")
        }
        m.registerMigration("v10: points per KPI, grade reasons") { db in
            // SPEC §4.1.1: what each KPI contributed (NULL where the manager lacks it or it is not in use).
            // The KPIs of `RankingKPI` as they were when v10 was written: a migration never changes.
            for kpi in ["sales", "coverage", "sla", "satisfaction", "collection", "new_customers", "service", "plan_execution"] {
                try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN points_\(kpi) REAL")
            }
            try db.execute(sql: "ALTER TABLE customer_grades ADD COLUMN grade_reason TEXT")
        }
        m.registerMigration("v11: reject details") { db in
            // The reason with its values as JSON, so a reused file's rejects read in any report language (SPEC §4.1.1).
            try db.execute(sql: "ALTER TABLE rejects ADD COLUMN detail TEXT")
        }
        m.registerMigration("v12: order lines, names for derived master lists") { db in
            // SPEC §2.7. New warehouses have them from v1 (generated from `Entity.columns`).
            let added: [(Entity, [String])] = [(.orders, ["quantity", "unit_price", "unit_cost"])]
                + Entity.allCases.filter(\.isFact).map { ($0, Entity.derivingColumns.map(\.name)) }
            for (entity, names) in added {
                let existing = Set(try db.columns(in: entity.rawValue).map(\.name))
                for name in names where !existing.contains(name) {
                    let type = sqlType(entity.columns.first { $0.name == name }!.kind)
                    try db.execute(sql: "ALTER TABLE \(entity.rawValue) ADD COLUMN \(name) \(type)")
                }
            }
        }
        m.registerMigration("v13: the adjusted SLA rate") { db in
            // SPEC §3.5: the SLA KPI shrunk toward the period's overall rate; sla_rate stays the raw rate.
            try db.execute(sql: "ALTER TABLE manager_scores ADD COLUMN adjusted_sla_rate REAL")
        }
        m.registerMigration("v14: the organisation") { db in
            // SPEC §4.4. New warehouses have it from v1 (generated from `Entity.columns`); the table as it was at v14.
            if try !db.tableExists("teams") {
                try db.execute(sql: """
                    CREATE TABLE teams (
                      team TEXT NOT NULL, name TEXT, parent TEXT, supervisor TEXT, email TEXT, webhook TEXT,
                      source_run INTEGER, source_file TEXT, source_line INTEGER,
                      PRIMARY KEY (team))
                    """)
            }
        }
        m.registerMigration("v15: deliveries") { db in
            // SPEC §4.5: every mail and robot message `deliver` sent or failed to send, in order (`seq`).
            try db.execute(sql: """
                CREATE TABLE deliveries (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  run_id INTEGER NOT NULL, period TEXT NOT NULL, recipient TEXT NOT NULL, channel TEXT NOT NULL,
                  team TEXT NOT NULL, sha256 TEXT NOT NULL, sent_at TEXT NOT NULL, status TEXT NOT NULL, error TEXT)
                """)
            try db.execute(sql: "CREATE INDEX deliveries_period ON deliveries(period)")
        }
        m.registerMigration("v16: team rollup") { db in
            // SPEC §4.3, §4.4: every level of the organisation, each rate from its own counts.
            try db.execute(sql: """
                CREATE TABLE team_rollup (
                  period TEXT NOT NULL, team TEXT NOT NULL, name TEXT, parent TEXT, depth INTEGER NOT NULL,
                  managers INTEGER NOT NULL, customers INTEGER NOT NULL, sales REAL NOT NULL, coverage_rate REAL, sla_rate REAL,
                  adjusted_satisfaction REAL, collection_rate REAL, mean_score REAL NOT NULL, rank_in_parent INTEGER NOT NULL,
                  PRIMARY KEY (period, team))
                """)
        }
        m.registerMigration("v17: written work, the ledger, targets at every level") { db in
            try handbooks(db)
        }
        // SPEC §6, "Incremental": what the fact tables hold after a run (`StagedTotals`).
        m.registerMigration("v18: staged totals per run") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN staged TEXT")
        }
        return m
    }

    /// Results of SPEC §3.9–§3.10 (§4.3).
    package static let fieldWorkTables = [
        """
        CREATE TABLE service_followups (
          period TEXT NOT NULL, request_id TEXT NOT NULL, manager_id TEXT NOT NULL, customer_id TEXT NOT NULL, class TEXT NOT NULL,
          completed_at TEXT NOT NULL, completion_hours REAL NOT NULL, follow_up_status TEXT NOT NULL, follow_up_role TEXT,
          notice_status TEXT,
          PRIMARY KEY (period, request_id))
        """,
        """
        CREATE TABLE service_summary (
          period TEXT NOT NULL, grouping TEXT NOT NULL, key TEXT NOT NULL, completed INTEGER NOT NULL, open INTEGER NOT NULL,
          follow_up_compliance REAL, director_share REAL, administrator_share REAL, repair_lead_share REAL,
          notice_compliance REAL, median_completion_hours REAL, p90_completion_hours REAL,
          PRIMARY KEY (period, grouping, key))
        """,
        """
        CREATE TABLE visit_quota (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, territory TEXT NOT NULL, quota INTEGER NOT NULL,
          working_days INTEGER NOT NULL, days_at_quota INTEGER NOT NULL, quota_rate REAL, mean_customers_per_day REAL,
          days_short TEXT NOT NULL,
          PRIMARY KEY (period, manager_id))
        """,
        """
        CREATE TABLE visit_plans_summary (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, plans_due INTEGER NOT NULL, plans_done INTEGER NOT NULL,
          plan_execution_rate REAL, plan_on_time_rate REAL, unplanned_share REAL,
          plans INTEGER NOT NULL, plans_on_time INTEGER NOT NULL, counting_visits INTEGER NOT NULL, unplanned_visits INTEGER NOT NULL,
          PRIMARY KEY (period, manager_id))
        """,
    ]

    /// Results of SPEC §3.7–§3.8 (§4.3). `receivables` has the default buckets' columns;
    /// `storeResults` adds those of other configured buckets when a run uses them (`ResultTable.addedNumberColumns`).
    package static let developmentTables = [
        """
        CREATE TABLE receivables (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, outstanding REAL NOT NULL, not_yet_due REAL NOT NULL,
          overdue REAL NOT NULL, overdue_1_30 REAL, overdue_31_60 REAL, overdue_61_90 REAL, overdue_91_plus REAL,
          overdue_orders INTEGER NOT NULL, oldest_days_overdue INTEGER, amount_due REAL NOT NULL,
          collection_rate REAL, on_time_collection_rate REAL,
          PRIMARY KEY (period, manager_id))
        """,
        """
        CREATE TABLE chase_list (
          period TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL, grade TEXT, overdue_amount REAL NOT NULL,
          oldest_days_overdue INTEGER NOT NULL, bucket TEXT NOT NULL, last_visit TEXT, visited_since_overdue INTEGER NOT NULL,
          PRIMARY KEY (period, customer_id))
        """,
        """
        CREATE TABLE new_customers (
          period TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL, first_activity TEXT NOT NULL,
          first_contact_status TEXT NOT NULL,
          PRIMARY KEY (period, customer_id))
        """,
        """
        CREATE TABLE customers_left_behind (
          period TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL, team TEXT, grade TEXT NOT NULL,
          sales_12m REAL NOT NULL, last_visit TEXT,
          PRIMARY KEY (period, customer_id))
        """,
        """
        CREATE TABLE survey_reach (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, grade TEXT NOT NULL, customers INTEGER NOT NULL,
          surveyed INTEGER NOT NULL, reach REAL,
          PRIMARY KEY (period, manager_id, grade))
        """,
    ]

    /// Per-period results (SPEC §4.3), the spec's columns first; every table is keyed by `period`.
    package static let resultTables = [
        """
        CREATE TABLE customer_grades (
          period TEXT NOT NULL, customer_id TEXT NOT NULL, grade TEXT NOT NULL, provisional INTEGER NOT NULL,
          sales_12m REAL NOT NULL, profit_12m REAL NOT NULL, avg_days_late REAL, on_time_rate REAL, previous_grade TEXT,
          manager_id TEXT NOT NULL, grade_change TEXT NOT NULL,
          PRIMARY KEY (period, customer_id))
        """,
        """
        CREATE TABLE complaint_sla (
          period TEXT NOT NULL, complaint_id TEXT NOT NULL, manager_id TEXT NOT NULL, customer_id TEXT NOT NULL,
          severity TEXT NOT NULL, first_response_hours REAL, resolution_hours REAL, escalation_hours REAL,
          first_response_status TEXT NOT NULL, resolution_status TEXT NOT NULL, escalation_status TEXT,
          category TEXT, customer_grade TEXT, received_at TEXT NOT NULL,
          PRIMARY KEY (period, complaint_id))
        """,
        """
        CREATE TABLE complaint_sla_groups (
          period TEXT NOT NULL, grouping TEXT NOT NULL, key TEXT NOT NULL, complaints INTEGER NOT NULL, open INTEGER NOT NULL,
          median_first_response_hours REAL, p90_first_response_hours REAL, median_resolution_hours REAL, p90_resolution_hours REAL,
          first_response_compliance REAL, resolution_compliance REAL, escalation_compliance REAL, sla_rate REAL,
          PRIMARY KEY (period, grouping, key))
        """,
        """
        CREATE TABLE visit_summary (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, visits INTEGER NOT NULL, customers_visited INTEGER NOT NULL,
          short_visits INTEGER NOT NULL, report_on_time_rate REAL, coverage_rate REAL,
          on_site INTEGER NOT NULL, phone INTEGER NOT NULL, online INTEGER NOT NULL, median_duration_min REAL,
          customers_due INTEGER NOT NULL, customers_covered INTEGER NOT NULL,
          PRIMARY KEY (period, manager_id))
        """,
        """
        CREATE TABLE satisfaction_summary (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, responses INTEGER NOT NULL, mean_overall REAL, csat REAL, nps REAL,
          adjusted_satisfaction REAL,
          PRIMARY KEY (period, manager_id))
        """,
        """
        CREATE TABLE satisfaction_groups (
          period TEXT NOT NULL, grouping TEXT NOT NULL, key TEXT NOT NULL, dimension TEXT NOT NULL, responses INTEGER NOT NULL,
          mean_overall REAL, csat REAL, nps REAL, mean REAL,
          PRIMARY KEY (period, grouping, key, dimension))
        """,
        """
        CREATE TABLE manager_scores (
          period TEXT NOT NULL, manager_id TEXT NOT NULL, sales REAL NOT NULL, coverage_rate REAL, sla_rate REAL,
          adjusted_satisfaction REAL, score REAL NOT NULL, rank INTEGER NOT NULL, previous_rank INTEGER,
          attainment REAL, is_first INTEGER NOT NULL, is_last INTEGER NOT NULL,
          PRIMARY KEY (period, manager_id))
        """,
        """
        CREATE TABLE uncovered_customers (
          period TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL, grade TEXT NOT NULL,
          cadence_months INTEGER NOT NULL, last_visit TEXT,
          PRIMARY KEY (period, customer_id))
        """,
        """
        CREATE TABLE corrective_actions (
          period TEXT NOT NULL, survey_id TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL,
          overall INTEGER NOT NULL, comment TEXT, complained INTEGER NOT NULL,
          PRIMARY KEY (period, survey_id))
        """,
        """
        CREATE TABLE repeat_complaints (
          period TEXT NOT NULL, complaint_id TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL,
          previous_complaint_id TEXT NOT NULL, days_between REAL NOT NULL,
          PRIMARY KEY (period, complaint_id))
        """,
        """
        CREATE TABLE unescalated_majors (
          period TEXT NOT NULL, complaint_id TEXT NOT NULL, customer_id TEXT NOT NULL, manager_id TEXT NOT NULL,
          received_at TEXT NOT NULL, escalation_status TEXT,
          PRIMARY KEY (period, complaint_id))
        """,
        """
        CREATE TABLE period_metrics (
          period TEXT NOT NULL, metric TEXT NOT NULL, value REAL,
          PRIMARY KEY (period, metric))
        """,
    ]

    /// Indexes for the metric queries' period filters. A load drops and rebuilds an
    /// entity's indexes around a large file: one sort instead of two million updates.
    /// Orders have none: the grading ledger reads them all in one scan (its due-date
    /// window defeats a date index anyway), and rebuilding one over two million
    /// orders took 1.5 s of a 6 s load (measured; migration v5 drops the old one).
    package static func secondaryIndexes(_ entity: Entity) -> [(name: String, column: String)] {
        switch entity {
        case .visits: return [("visits_start", "visit_start")]
        case .complaints: return [("complaints_received", "received_at")]
        case .surveys: return [("surveys_at", "surveyed_at")]
        case .serviceRequests: return [("service_requests_completed", "completed_at")]
        case .visitPlans: return [("visit_plans_date", "planned_date")]
        default: return []
        }
    }

    package static func sqlType(_ kind: ColumnSpec.Kind) -> String {
        switch kind {
        case .money, .number: return "REAL"
        case .score: return "INTEGER"
        case .text, .timestamp, .date, .choice, .period, .covered, .currency: return "TEXT"
        }
    }

    package static func createTable(_ entity: Entity) -> String {
        let cols = entity.columns.map { c in
            "  \(c.name) \(sqlType(c.kind))\(c.required ? " NOT NULL" : "")"
        }
        let key = "  PRIMARY KEY (\(entity.keyColumns.joined(separator: ", ")))"
        return "CREATE TABLE \(entity.rawValue) (\n\((cols + [key]).joined(separator: ",\n"))\n)"
    }

    /// Where each staged row came from: the run that loaded it, the file and the line.
    /// Lineage for ad-hoc questions ("which export said this?"), and how a load finds
    /// a duplicate key within itself without keeping every key in memory.
    package static let sourceColumns = [("source_run", "INTEGER"), ("source_file", "TEXT"), ("source_line", "INTEGER")]

    /// `INSERT … ON CONFLICT (key) DO UPDATE SET …`: the newer row replaces the older (SPEC §2.4).
    package static func upsert(_ entity: Entity) -> String {
        let names = entity.columns.map(\.name) + sourceColumns.map(\.0)
        let updates = names.filter { !entity.keyColumns.contains($0) }.map { "\($0) = excluded.\($0)" }
        return """
            INSERT INTO \(entity.rawValue) (\(names.joined(separator: ", "))) \
            VALUES (\(names.map { _ in "?" }.joined(separator: ", "))) \
            ON CONFLICT (\(entity.keyColumns.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
            """
    }
}
