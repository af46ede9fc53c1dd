import GRDB

/// The warehouse tables (SPEC §4.3). Staged tables are generated from
/// `Entity.columns`, so the schema and the readers cannot drift apart. Types and
/// upserts are plain SQL that PostgreSQL also accepts (SPEC §9).
enum WarehouseSchema {
    static var migrator: DatabaseMigrator {
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
            try db.execute(sql: "CREATE INDEX orders_date ON orders(order_date)")
            try db.execute(sql: "CREATE INDEX visits_start ON visits(visit_start)")
            try db.execute(sql: "CREATE INDEX complaints_received ON complaints(received_at)")
            try db.execute(sql: "CREATE INDEX surveys_at ON surveys(surveyed_at)")
        }
        return m
    }

    static func sqlType(_ kind: ColumnSpec.Kind) -> String {
        switch kind {
        case .money, .minutes: return "REAL"
        case .score: return "INTEGER"
        case .text, .timestamp, .date, .choice, .period: return "TEXT"
        }
    }

    static func createTable(_ entity: Entity) -> String {
        let cols = entity.columns.map { c in
            "  \(c.name) \(sqlType(c.kind))\(c.required ? " NOT NULL" : "")"
        }
        let key = "  PRIMARY KEY (\(entity.keyColumns.joined(separator: ", ")))"
        return "CREATE TABLE \(entity.rawValue) (\n\((cols + [key]).joined(separator: ",\n"))\n)"
    }

    /// `INSERT … ON CONFLICT (key) DO UPDATE SET …`: the newer row replaces the older (SPEC §2.4).
    static func upsert(_ entity: Entity) -> String {
        let names = entity.columns.map(\.name)
        let updates = names.filter { !entity.keyColumns.contains($0) }.map { "\($0) = excluded.\($0)" }
        return """
            INSERT INTO \(entity.rawValue) (\(names.joined(separator: ", "))) \
            VALUES (\(names.map { _ in "?" }.joined(separator: ", "))) \
            ON CONFLICT (\(entity.keyColumns.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
            """
    }
}
