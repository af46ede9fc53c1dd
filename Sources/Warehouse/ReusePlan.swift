import ScorecardIngest
import ScorecardModel

/// Which files a load takes as the last successful load staged them instead of reading them
/// again, file by file (SPEC §6, "Incremental"; issue 28): a monthly run on a warehouse that
/// holds the months before reads the new month's files and what changed, not every file.
///
/// An entity's files are read in name order and a later file's row replaces an earlier one's,
/// so an entity's files are taken as staged up to the first file that must be read, and read
/// from it on. A file must be read when:
/// * it is new, or its bytes changed (size and SHA-256);
/// * two entities read it (its rejects are not told apart by entity);
/// * one of its rows was rejected as "in the future" (that depends on when the run is);
/// * a master list was read again in this load and one of its rows was rejected for an unknown
///   customer or manager (the new list may know it now);
/// * a customer known before got another manager in this load: facts without a manager take
///   their customer's (SPEC §2.2), at load time, so every fact is read again — as a fresh load of
///   the folder would assign them.
/// A file gone from the folder leaves its rows: the warehouse is the history (README, "Incremental").
package struct ReusePlan {
    /// The last load's report of each file it read, by entity and file name.
    private let before: [Entity: [String: FileLoadReport]]
    /// Every input file as it is now, by entity and file name.
    private let now: [Entity: [String: InputFingerprint]]
    /// The entities that read each file, then or now: a file two read is read again.
    private let readers: [String: Set<Entity>]
    /// The last load's rejects, by file (in load order).
    private let rejects: [String: [RejectedRow]]

    package init(previous: PreviousLoad, now: [InputFingerprint]) {
        before = Dictionary(grouping: previous.files, by: \.entity).mapValues { Dictionary($0.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a }) }
        self.now = Dictionary(grouping: now, by: \.entity).mapValues { Dictionary($0.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a }) }
        readers = Dictionary(previous.files.map { ($0.file, [$0.entity]) } + now.map { ($0.file, [$0.entity]) }, uniquingKeysWith: { $0.union($1) })
        rejects = Dictionary(grouping: previous.rejects, by: \.file)
    }

    /// What this load knows when it reaches an entity: whether a master list was read, and
    /// whether an existing customer's manager changed.
    package struct LoadSoFar {
        package var masterListsRead = false
        package var customerMovedManager = false

        package init() {}
    }

    /// The files of `entity` (`files`, in load order) taken as staged, by name, with their report and rejects.
    package func reusable(_ entity: Entity, files: [String], after soFar: LoadSoFar) -> [String: (FileLoadReport, [RejectedRow])] {
        var out: [String: (FileLoadReport, [RejectedRow])] = [:]
        for name in files {
            guard let report = before[entity]?[name], mayReuse(report, entity: entity, after: soFar) else { break }
            out[name] = (report, rejects[name] ?? [])
        }
        return out
    }

    private func mayReuse(_ report: FileLoadReport, entity: Entity, after soFar: LoadSoFar) -> Bool {
        guard let current = now[entity]?[report.file], current.bytes == report.bytes, current.sha256 == report.sha256,
              readers[report.file]?.count == 1 else { return false }
        if soFar.customerMovedManager && ![.managers, .customers].contains(entity) { return false }
        let kinds = Set((rejects[report.file] ?? []).map(\.reason.kind))
        if kinds.contains(RejectReason.inFuture("").kind) { return false }
        let references = [RejectReason.unknownCustomer("").kind, RejectReason.unknownManager("").kind]
        return !(soFar.masterListsRead && references.contains(where: kinds.contains))
    }
}
