import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardWarehouse

/// The `runs` and `rejects` tables: every run, its inputs and rejected rows (SPEC §2.4).
extension SQLSession {
    package func beginRun(command: String, started: String, pipelineHash: String) throws -> Int64 {
        try insertReturningID(into: "runs", columns: ["command", "started_at", "status", "pipeline_hash", "inputs", "rows_read", "rows_loaded", "rows_rejected"],
                              values: [command, started, "running", pipelineHash, "[]", 0, 0, 0], idColumn: "run_id")
    }

    package func noteLatestActivity(_ iso: String, runID: Int64) throws {
        try execute("UPDATE runs SET latest_activity = ? WHERE run_id = ?", [iso, runID])
    }

    /// Each rejected row with its reason as JSON (it then reads in any report language).
    package func recordRejects(_ rejects: [RejectedRow], runID: Int64) throws {
        let encoder = JSONEncoder.sorted
        try insert(into: "rejects", columns: ["run_id", "file", "line", "column", "reason", "kind", "raw", "detail"], rows: try rejects.map { r in
            let detail: String?
            if case .recorded = r.reason { detail = nil } else { detail = String(decoding: try encoder.encode(r.reason), as: UTF8.self) }
            return [runID, r.file, r.line, r.column, r.reason.description, r.reason.kind, r.raw, detail]
        })
    }

    package func finishRun(_ runID: Int64, _ record: RunRecord) throws {
        let encoder = JSONEncoder.sorted
        let inputs = String(decoding: try encoder.encode(record.files), as: UTF8.self)
        let staged = try record.staged.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try execute("""
            UPDATE runs SET period = ?, as_of = ?, finished_at = ?, status = ?, inputs = ?,
              rows_read = ?, rows_loaded = ?, rows_rejected = ?, message = ?, staged = ?
            WHERE run_id = ?
            """, [record.period, record.asOf, record.finishedAt, record.status, inputs, record.rowsRead, record.rowsLoaded, record.rowsRejected,
                  record.message, staged, runID])
    }

    package func latestLoad(pipelineHash: String?, period: String?) throws -> PreviousLoad? {
        // Conditions only for what is given: PostgreSQL cannot type a parameter that is only compared with NULL.
        var conditions = ["status = 'succeeded'", "command = 'run'"]
        var arguments: [(any Storable)?] = []
        if let pipelineHash { conditions.append("pipeline_hash = ?"); arguments.append(pipelineHash) }
        if let period { conditions.append("period = ?"); arguments.append(period) }
        var found: PreviousLoad?
        try forEachRow("""
            SELECT run_id, period, as_of, inputs, pipeline_hash, latest_activity, staged FROM runs
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY run_id DESC LIMIT 1
            """, arguments) { row in
            guard let files = try? JSONDecoder().decode([FileLoadReport].self, from: Data(row.text(3).utf8)) else { return }
            found = PreviousLoad(runID: Int64(row.int(0) ?? 0), pipelineHash: row.text(4), period: row.string(1), asOf: row.string(2),
                                 files: files, rejects: [], latestActivity: row.string(5),
                                 staged: row.string(6).flatMap { try? JSONDecoder().decode(StagedTotals.self, from: Data($0.utf8)) })
        }
        guard var previous = found else { return nil }
        let decoder = JSONDecoder()
        // In the order they were recorded (the load's order).
        try forEachRow("""
            SELECT file, line, "column", reason, kind, raw, detail FROM rejects WHERE run_id = ? ORDER BY \(dialect.insertionOrder)
            """, [previous.runID]) { r in
            // The reason itself when its detail was stored (it then reads in any report language).
            let reason = r.string(6).flatMap { try? decoder.decode(RejectReason.self, from: Data($0.utf8)) }
            previous.rejects.append(RejectedRow(file: r.text(0), line: r.int(1) ?? 0, column: r.text(2),
                                                reason: reason ?? .recorded(description: r.text(3), kind: r.text(4)), raw: r.text(5)))
        }
        return previous
    }

    package func periodsStored(after runID: Int64) throws -> [String] {
        var periods: [String] = []
        try forEachRow("SELECT period FROM runs WHERE run_id > ? AND status = 'succeeded' AND command = 'run'", [runID]) { r in
            if let name = r.string(0) { periods.append(name) }
        }
        return periods
    }
}
