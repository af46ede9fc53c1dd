import Foundation
import ScorecardIngest
import ScorecardModel

/// What happened to one input file (SPEC §2.3: rows read = loaded + rejected).
public struct FileLoadReport: Sendable, Codable, Equatable {
    public var entity: Entity
    public var file: String
    public var bytes: Int
    public var sha256: String
    public var encoding: String
    public var delimiter: String
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsRejected = 0

    package enum CodingKeys: String, CodingKey {
        case entity, file, bytes, sha256, encoding, delimiter
        case rowsRead = "rows_read", rowsLoaded = "rows_loaded", rowsRejected = "rows_rejected"
    }

    public var rejectRate: Double { rowsRead == 0 ? 0 : Double(rowsRejected) / Double(rowsRead) }

    /// Every row read was rejected: a report without the file would be wrong whatever the threshold.
    public var allRejected: Bool { rowsRead > 0 && rowsLoaded == 0 }

    /// The file stops the run: its rejected share is above `maxRejectRate`, or every row was rejected.
    public func failsQuality(_ maxRejectRate: Double) -> Bool { rejectRate > maxRejectRate || allRejected }
}

/// How long one entity's files took: reading and storing (on two threads at once:
/// each one's busy time is the elapsed time less its waits for the other), then
/// rebuilding indexes.
public struct EntityTiming: Sendable {
    public var entity: Entity
    public var rows: Int
    public var seconds: Double
    public var readingSeconds = 0.0
    public var storingSeconds = 0.0
    public var indexSeconds = 0.0
}

/// The outcome of loading every input file.
public struct LoadReport: Sendable {
    public var files: [FileLoadReport] = []
    /// Every rejected row, in file order and line order.
    public var rejects: [RejectedRow] = []
    /// Entities with no file in the input folder.
    public var missingEntities: [Entity] = []
    /// The master lists made from the facts, with how many ids each gained (SPEC §2.7).
    public var derivedLists: [(entity: Entity, added: Int, total: Int)] = []
    /// Optional entities with no file in this load (their data may still be staged from earlier runs).
    public var filelessEntities: [Entity] = []
    /// Files not read again because an earlier run staged the same bytes.
    public var reusedFiles: [String] = []
    /// Total lines under the data (合计, 总计) that were skipped: not rows.
    public var notDataLines: [(file: String, line: Int)] = []
    /// Rows the pipeline's `skip` left out, per file and `header: word`.
    public var skippedRows: [(file: String, rule: String, rows: Int)] = []
    /// Time spent per entity read in this load (for `--verbose` and the benchmark).
    public var timings: [EntityTiming] = []
    /// For each table that holds exactly the rows this load accepted (empty before it, no row
    /// replaced within it): its rows, the latest text of each event column that has a value and,
    /// but for orders summed from lines, the rows per local day. The period and as_of read them
    /// instead of scanning the table (SPEC §1, §3).
    package var ownEvents: [Entity: StagedTable] = [:]
    /// The same of the rows this load added to a fact table that held rows before (`StagedTotals`).
    package var addedEvents: [Entity: StagedTable] = [:]
    /// What the fact tables held after the last successful run, with the same pipeline.
    package var stagedBefore: StagedTotals?
    /// What they hold after this load, where it is known (kept in `runs.staged`).
    package var stagedAfter = StagedTotals()

    package init(files: [FileLoadReport] = [], rejects: [RejectedRow] = [], missingEntities: [Entity] = [], derivedLists: [(entity: Entity, added: Int, total: Int)] = [], filelessEntities: [Entity] = [], reusedFiles: [String] = [], notDataLines: [(file: String, line: Int)] = [], skippedRows: [(file: String, rule: String, rows: Int)] = [], timings: [EntityTiming] = [], ownEvents: [Entity: StagedTable] = [:]) {
        self.files = files
        self.rejects = rejects
        self.missingEntities = missingEntities
        self.derivedLists = derivedLists
        self.filelessEntities = filelessEntities
        self.reusedFiles = reusedFiles
        self.notDataLines = notDataLines
        self.skippedRows = skippedRows
        self.timings = timings
        self.ownEvents = ownEvents
    }

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsLoaded: Int { files.reduce(0) { $0 + $1.rowsLoaded } }
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rowsRejected } }

    /// Files whose rejected share is above the threshold (SPEC §2.3 → exit 3), and files of which every row
    /// was rejected whatever the threshold (SPEC §2.5: they would leave a report without them).
    public func filesOverRejectRate(_ maxRejectRate: Double) -> [FileLoadReport] {
        files.filter { $0.failsQuality(maxRejectRate) }
    }

    /// The most frequent reasons a file's rows were rejected, with the column and count:
    /// `unknown value (status) × 812`.
    public func topRejectReasons(of file: String, limit: Int = 3) -> [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        var example: [String: String] = [:]
        for r in rejects where r.file == file {
            let key = r.column.isEmpty ? r.reason.kind : "\(r.reason.kind) (\(r.column))"
            counts[key, default: 0] += 1
            if example[key] == nil { example[key] = r.reason.description }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)
            .map { ("\($0.key) × \($0.value), e.g. \(example[$0.key]!)", $0.value) }
    }
}

