import Foundation

/// What the `runs` table keeps of a finished run (SPEC §2.4).
struct RunRecord {
    var period: String?
    var asOf: String?
    var status: String
    var files: [FileLoadReport]
    var rowsRead: Int
    var rowsLoaded: Int
    var rowsRejected: Int
    var message: String?
    var finishedAt: String
}

/// The `runs` and `rejects` tables: every run, its inputs and rejected rows (SPEC §2.4).
extension WarehouseSession {
    /// Records a run as it starts; returns its id.
    func beginRun(command: String, started: String, pipelineHash: String) throws -> Int64 {
        try insertReturningID(into: "runs", columns: ["command", "started_at", "status", "pipeline_hash", "inputs", "rows_read", "rows_loaded", "rows_rejected"],
                              values: [command, started, "running", pipelineHash, "[]", 0, 0, 0], idColumn: "run_id")
    }

    /// The latest order, visit, complaint or survey after this run's load (a rerun on the same inputs reuses it).
    func noteLatestActivity(_ iso: String, runID: Int64) throws {
        try execute("UPDATE runs SET latest_activity = ? WHERE run_id = ?", [iso, runID])
    }

    /// The rejected rows, in load order, each with its reason as JSON (it then reads in any report language).
    func recordRejects(_ rejects: [RejectedRow], runID: Int64) throws {
        let encoder = JSONEncoder.sorted
        try insert(into: "rejects", columns: ["run_id", "file", "line", "column", "reason", "kind", "raw", "detail"], rows: try rejects.map { r in
            let detail: String?
            if case .recorded = r.reason { detail = nil } else { detail = String(decoding: try encoder.encode(r.reason), as: UTF8.self) }
            return [runID, r.file, r.line, r.column, r.reason.description, r.reason.kind, r.raw, detail]
        })
    }

    func finishRun(_ runID: Int64, _ record: RunRecord) throws {
        let inputs = String(decoding: try JSONEncoder.sorted.encode(record.files), as: UTF8.self)
        try execute("""
            UPDATE runs SET period = ?, as_of = ?, finished_at = ?, status = ?, inputs = ?,
              rows_read = ?, rows_loaded = ?, rows_rejected = ?, message = ?
            WHERE run_id = ?
            """, [record.period, record.asOf, record.finishedAt, record.status, inputs, record.rowsRead, record.rowsLoaded, record.rowsRejected,
                  record.message, runID])
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }
}
