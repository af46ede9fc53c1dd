import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardSQLite
import ScorecardWarehouse

/// Stages one entity's rows in PostgreSQL (SPEC §9): `COPY` into a temporary table (in
/// load order, numbered), then one merge per entity: the incoming keys are deleted from
/// the entity's table and the latest staged row of each key inserted. Delete-then-insert
/// rather than `ON CONFLICT … DO UPDATE`: on Citus a unique key must include the
/// distribution column (`customer_id`), and a corrected export may move an order to
/// another customer, which an upsert on `(customer_id, order_id)` would keep twice
/// (docs/scale-out.md). A survey's dimension scores go the same way.
package final class PostgresStager: EntityStager {
    private let entity: Entity
    private let session: PostgresSession
    private let runID: Int64
    private let width: Int
    private let dimensionNames: [String]
    private let stage: String
    private let stageDimensions: String
    private let columns: [String]
    private var rows: [UInt8] = []
    private var dimensionRows: [UInt8] = []
    private var sequence = 0
    /// `runID<TAB>file<TAB>` of the current file, escaped once per file.
    private var source: (file: String, bytes: [UInt8]) = ("", [])
    /// A row of this load had a key seen before in it (the load's key hashes: never a false
    /// negative): only then can a key repeat, and the merge must keep the latest row.
    private var anyRepeated = false
    private let bulk: Bool
    /// Lines are sent when this much is buffered.
    private static let chunk = 4 << 20

    package init(_ entity: Entity, runID: Int64, dimensions: [String], bulk: Bool, session: PostgresSession) throws {
        self.entity = entity
        self.bulk = bulk
        self.session = session
        self.runID = runID
        width = entity.columns.count
        dimensionNames = dimensions
        columns = entity.columns.map(\.name) + SQLiteSchema.sourceColumns.map(\.0)
        stage = "stage_\(entity.rawValue)"
        stageDimensions = "stage_survey_dimensions"
        try session.execute("DROP TABLE IF EXISTS pg_temp.\(stage)")
        try session.execute("CREATE TEMP TABLE \(stage) (LIKE \(entity.rawValue)) ON COMMIT DROP")
        try session.execute("ALTER TABLE \(stage) ADD COLUMN stage_seq bigint")
        if entity == .surveys {
            try session.execute("DROP TABLE IF EXISTS pg_temp.\(stageDimensions)")
            try session.execute("CREATE TEMP TABLE \(stageDimensions) (LIKE survey_dimensions) ON COMMIT DROP")
            try session.execute("ALTER TABLE \(stageDimensions) ADD COLUMN stage_seq bigint")
        }
        rows.reserveCapacity(Self.chunk + 65_536)
    }

    package func stage(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>, file: String) throws {
        sequence += 1
        if row.keySeenBefore { anyRepeated = true }
        if source.file != file {
            var prefix = Array("\(runID)\t".utf8)
            PGText.appendEscaped(file, to: &prefix)
            source = (file, prefix + [0x09])
        }
        for k in 0..<width {
            append(batch.cell(row: row, column: k), bytes: bytes, to: &rows)
            rows.append(0x09)
        }
        rows += source.bytes
        PGText.appendInteger(row.line, to: &rows)
        rows.append(0x09)
        PGText.appendInteger(sequence, to: &rows)
        rows.append(0x0A)
        for (k, dimension) in dimensionNames.enumerated() {
            let score = batch.cell(row: row, column: width + k)
            guard score != .null else { continue }
            append(batch.cell(row: row, column: 0), bytes: bytes, to: &dimensionRows)
            dimensionRows.append(0x09)
            PGText.appendEscaped(dimension, to: &dimensionRows)
            dimensionRows.append(0x09)
            append(score, bytes: bytes, to: &dimensionRows)
            dimensionRows.append(0x09)
            PGText.appendInteger(sequence, to: &dimensionRows)
            dimensionRows.append(0x0A)
        }
        if rows.count >= Self.chunk || dimensionRows.count >= Self.chunk { try send() }
    }

    private func append(_ cell: PackedBatch.Cell, bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        switch cell {
        case .null: out += [0x5C, 0x4E]
        case .integer(let v): PGText.appendInteger(v, to: &out)
        case .real(let v): out += PGText.real(v).utf8
        case .text(let start, let count):
            PGText.appendEscaped(UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start) + Int(count)]), to: &out)
        }
    }

    /// Sends the buffered lines (one `COPY` per table).
    private func send() throws {
        if !rows.isEmpty {
            try session.connection.copy(into: stage, columns: columns + ["stage_seq"]) { put in try rows.withUnsafeBytes(put) }
            rows.removeAll(keepingCapacity: true)
        }
        if !dimensionRows.isEmpty {
            try session.connection.copy(into: stageDimensions, columns: ["survey_id", "dimension", "score", "stage_seq"]) { put in
                try dimensionRows.withUnsafeBytes(put)
            }
            dimensionRows.removeAll(keepingCapacity: true)
        }
    }

    package func finish() throws -> [SupersededRow] {
        try send()
        rows = []
        dimensionRows = []
        guard sequence > 0 else { return [] }
        let keys = entity.keyColumns.joined(separator: ", ")
        // Rows of this load with the same key: each is replaced by the next one (SPEC §2.3).
        var superseded: [SupersededRow] = []
        if anyRepeated { try session.forEachRow("""
            SELECT source_file, source_line, later_file, later_line FROM (
              SELECT source_file, source_line, LEAD(source_file) OVER w AS later_file, LEAD(source_line) OVER w AS later_line
              FROM \(stage) WHERE (\(keys)) IN (SELECT \(keys) FROM \(stage) GROUP BY \(keys) HAVING COUNT(*) > 1)
              WINDOW w AS (PARTITION BY \(keys) ORDER BY stage_seq)) repeated
            WHERE later_line IS NOT NULL
            """) { r in
            superseded.append(SupersededRow(file: r.text(0), line: r.int(1) ?? 0, laterFile: r.text(2), laterLine: r.int(3) ?? 0))
        } }
        let table = entity.rawValue
        let qualified = entity.keyColumns.map { "t.\($0)" }.joined(separator: ", ")
        // Room to sort and hash a load's rows in memory (the server's default, 4 MB, spilled 2 M orders to disk).
        try session.execute("SET LOCAL work_mem = '128MB'")
        // And to sort a key or index being built after a first load in memory (the default 64 MB spilled 2 M orders' key).
        try session.execute("SET LOCAL maintenance_work_mem = '256MB'")
        // A first load has nothing to replace; a load without repeated keys needs no DISTINCT ON sort.
        let filled = try session.exists("SELECT 1 FROM \(table)")
        if filled {
            // `IN`, not `USING` a join: Citus runs either on a distributed table, but refuses a
            // reference table's (`managers`, `targets`) joined with a temporary one.
            try session.execute("DELETE FROM \(table) t WHERE (\(qualified)) IN (SELECT \(keys) FROM \(stage))")
        }
        // A large first load: the key and indexes are built once after the insert, by one sort,
        // rather than updated row by row (2 M orders: merge 8.7 → 6.2 s). Not into a filled table:
        // dropping a key locks the table against BI readers until the run commits.
        let indexes = bulk && !filled ? try dropIndexes(of: table) : []
        let latest = superseded.isEmpty ? "SELECT \(columns.joined(separator: ", ")) FROM \(stage)"
            : "SELECT DISTINCT ON (\(keys)) \(columns.joined(separator: ", ")) FROM \(stage) ORDER BY \(keys), stage_seq DESC"
        try session.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) \(latest)")
        if entity == .surveys {
            if try session.exists("SELECT 1 FROM survey_dimensions") {
                try session.execute("DELETE FROM survey_dimensions t WHERE t.survey_id IN (SELECT survey_id FROM \(stage))")
            }
            try session.execute(superseded.isEmpty
                ? "INSERT INTO survey_dimensions (survey_id, dimension, score) SELECT survey_id, dimension, score FROM \(stageDimensions)"
                : """
                INSERT INTO survey_dimensions (survey_id, dimension, score)
                SELECT d.survey_id, d.dimension, d.score FROM \(stageDimensions) d
                JOIN (SELECT survey_id, MAX(stage_seq) AS stage_seq FROM \(stage) GROUP BY survey_id) latest
                  ON latest.survey_id = d.survey_id AND latest.stage_seq = d.stage_seq
                """)
        }
        for index in indexes { try session.execute(index) }
        // Planner statistics for the queries later in this transaction (the metrics). Only the
        // tables' owner may (a role granted rights on existing tables gets a warning instead).
        if try owns(table) { try session.execute("ANALYZE \(table)") }
        if entity == .surveys, try owns("survey_dimensions") { try session.execute("ANALYZE survey_dimensions") }
        return superseded
    }

    /// Drops `table`'s primary key and indexes; returns the statements that build them again.
    private func dropIndexes(of table: String) throws -> [String] {
        var rebuild: [String] = []
        var drop: [String] = []
        try session.forEachRow("""
            SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.conrelid = to_regclass(?) AND c.contype = 'p'
            """, [table]) { r in
            drop.append("ALTER TABLE \(table) DROP CONSTRAINT \(r.text(0))")
            rebuild.append("ALTER TABLE \(table) ADD CONSTRAINT \(r.text(0)) \(r.text(1))")
        }
        try session.forEachRow("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ?
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = to_regclass(?))
            """, [table, table]) { r in
            drop.append("DROP INDEX \(r.text(0))")
            rebuild.append(r.text(1))
        }
        // Only the owner may drop a key: a role granted rights on the tables loads with it in place.
        guard !drop.isEmpty, try owns(table), try takeExclusiveLock(on: table) else { return [] }
        for statement in drop { try session.execute(statement) }
        return rebuild
    }

    /// Locks `table` against every other session for the rest of the run, if that can be had
    /// within `lockWait` (issue 25: dropping a key waited without a word behind a BI tool's open
    /// read, and every later reader queued behind the drop). When it cannot, the load goes on
    /// with the key in place (slower, never blocked) and says so on standard error.
    private func takeExclusiveLock(on table: String) throws -> Bool {
        try session.execute("SAVEPOINT scorecard_key_lock")
        try session.execute("SET LOCAL lock_timeout = '\(Self.lockWait)'")
        do {
            try session.execute("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
        } catch where session.connection.lastErrorState == "55P03" {
            try session.execute("ROLLBACK TO SAVEPOINT scorecard_key_lock")
            try session.execute("RELEASE SAVEPOINT scorecard_key_lock")
            FileHandle.standardError.write(Data(("note: \(table) is being read by another session (a BI tool?) on \(session.location); "
                + "loading it with its key in place (slower) rather than waiting for that session.\n").utf8))
            return false
        }
        // The rest of the run waits on locks as before (the lock_timeout was for the drop only).
        try session.execute("RELEASE SAVEPOINT scorecard_key_lock")
        try session.execute("SET LOCAL lock_timeout TO DEFAULT")
        return true
    }

    /// True when this session's role owns `table` (directly or through a role it belongs to).
    private func owns(_ table: String) throws -> Bool {
        try session.exists("SELECT 1 FROM pg_class WHERE oid = to_regclass(?) AND pg_has_role(relowner, 'USAGE')", [table])
    }

    /// How long a first large load waits for other sessions to let go of a table before it
    /// gives up dropping the table's key.
    package static let lockWait = "2s"
}
