import Foundation
import ScorecardIngest
import ScorecardModel
import Synchronization

/// An input file as it is now: name, size and SHA-256 of its bytes.
package struct InputFingerprint: Equatable, Sendable {
    package var entity: Entity
    package var file: String
    package var bytes: Int
    package var sha256: String

    /// Fingerprints of every input file the loader would read, in load order. The files are
    /// hashed on every core at once: a monthly run hashes every staged file to know it unchanged
    /// (SPEC §6; the bank-shaped set's 69 monthly files: 1.1 s on one core).
    package static func scan(_ loader: Loader) throws -> [InputFingerprint] {
        var listed: [(entity: Entity, name: String)] = []
        for entity in Entity.allCases {
            for name in try loader.files(of: entity) { listed.append((entity, name)) }
        }
        let files = listed, folder = loader.inputFolder
        let hashed = Mutex([(bytes: Int, sha256: String)?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let digest = fileSHA256(atPath: (folder as NSString).appendingPathComponent(files[i].name))
            hashed.withLock { $0[i] = digest }
        }
        return try hashed.withLock { digests in
            try files.indices.map { i in
                guard let (bytes, sha256) = digests[i] else { throw IngestError.unreadable(file: files[i].name) }
                return InputFingerprint(entity: files[i].entity, file: files[i].name, bytes: bytes, sha256: sha256)
            }
        }
    }
}

/// The last successful run, and which of its input files can be taken as they
/// were staged instead of being read again (SPEC §2.4: a rerun on unchanged
/// exports must not redo the work; issue: rerun near instant).
package struct PreviousLoad {
    package var runID: Int64
    package var pipelineHash: String
    package var period: String?
    package var asOf: String?
    package var files: [FileLoadReport]
    package var rejects: [RejectedRow]
    /// The latest order, visit, complaint or survey in the warehouse after this run's
    /// load, when the run looked it up: with the same inputs it is still the latest.
    package var latestActivity: String?
    /// What the fact tables held after this run's load, where it was known (`StagedTotals`).
    package var staged: StagedTotals?

    package init(runID: Int64, pipelineHash: String, period: String? = nil, asOf: String? = nil, files: [FileLoadReport], rejects: [RejectedRow],
                 latestActivity: String? = nil, staged: StagedTotals? = nil) {
        self.runID = runID
        self.pipelineHash = pipelineHash
        self.period = period
        self.asOf = asOf
        self.files = files
        self.rejects = rejects
        self.latestActivity = latestActivity
        self.staged = staged
    }

    /// True when a run stored results for an earlier period after this run: this run's
    /// report read that period's results (previous grades and ranks, the trend, the
    /// headline's previous figures, SPEC §4.1.1), so it is no longer current.
    package func earlierPeriodStoredSince(_ session: any WarehouseSession, period: Period) throws -> Bool {
        try session.periodsStored(after: runID).contains { name in
            guard let stored = try? Period(parsing: name) else { return false }
            return stored.kind == period.kind && stored < period
        }
    }

    /// True when every input file is the same as in this run, file for file.
    package func sameInputs(_ now: [InputFingerprint]) -> Bool { Self.same(now, files) }

    /// The same files, in the same order, with the same size and SHA-256.
    private static func same(_ now: [InputFingerprint], _ before: [FileLoadReport]) -> Bool {
        now.count == before.count && zip(now, before).allSatisfy { $0.file == $1.file && $0.bytes == $1.bytes && $0.sha256 == $1.sha256 }
    }
}
