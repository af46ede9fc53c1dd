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
    package let previous: PreviousLoad
    /// Every input file as it is now.
    package let now: [InputFingerprint]

    package init(previous: PreviousLoad, now: [InputFingerprint]) {
        self.previous = previous
        self.now = now
    }

    /// What this load knows when it reaches an entity: whether a master list was read, and
    /// whether an existing customer's manager changed.
    package struct LoadSoFar {
        package var masterListsRead = false
        package var customerMovedManager = false

        package init() {}
    }

    /// The files of `entity` (`files`, in load order) taken as staged, with their report and rejects.
    package func reusable(_ entity: Entity, files: [String], after soFar: LoadSoFar) -> [String: (FileLoadReport, [RejectedRow])] {
        var out: [String: (FileLoadReport, [RejectedRow])] = [:]
        for name in files {
            guard let before = previous.files.first(where: { $0.entity == entity && $0.file == name }),
                  mayReuse(before, entity: entity, after: soFar) else { break }
            out[Loader.reuseKey(entity, name)] = (before, previous.rejects.filter { $0.file == name })
        }
        return out
    }

    private func mayReuse(_ before: FileLoadReport, entity: Entity, after soFar: LoadSoFar) -> Bool {
        guard let current = now.first(where: { $0.entity == entity && $0.file == before.file }),
              current.bytes == before.bytes, current.sha256 == before.sha256 else { return false }
        let readers = Set(now.filter { $0.file == before.file }.map(\.entity))
            .union(previous.files.filter { $0.file == before.file }.map(\.entity))
        if readers.count > 1 { return false }
        if soFar.customerMovedManager && ![.managers, .customers].contains(entity) { return false }
        let kinds = Set(previous.rejects.lazy.filter { $0.file == before.file }.map(\.reason.kind))
        if kinds.contains(RejectReason.inFuture("").kind) { return false }
        let references = [RejectReason.unknownCustomer("").kind, RejectReason.unknownManager("").kind]
        return !(soFar.masterListsRead && references.contains(where: kinds.contains))
    }
}
