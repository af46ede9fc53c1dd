import Foundation
import ScorecardModel
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a file, held for a whole run: beside the SQLite warehouse
/// (`warehouse.sqlite.lock`), two runs at once on one warehouse take turns (SPEC §2.4); in
/// the output folder (`scorecard.lock`), two runs writing one folder do. The second run
/// says it is waiting, then gives up with a clear message after the pipeline's timeout.
public final class RunLock {
    private let fd: Int32

    /// - Throws: `WarehouseError.busy` (naming `what`) when another run still holds the lock after `timeout`.
    public init(path: String, what: String, timeout: TimeInterval, onWait: (() -> Void)? = nil) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WarehouseError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let fd = fd
        do {
            try Self.take(what, timeout: timeout, onWait: onWait) { flock(fd, LOCK_EX | LOCK_NB) == 0 }
        } catch {
            close(fd)
            throw error
        }
    }

    /// Takes a lock by `attempt`: at once, or (after `onWait`) polled every 0.1 s until `timeout`.
    /// The one waiting rule of every run lock (this file's, PostgreSQL's advisory lock).
    /// - Throws: `WarehouseError.busy` naming `what` when it is still held by another run.
    package static func take(_ what: String, timeout: TimeInterval, onWait: (() -> Void)?, _ attempt: () throws -> Bool) throws {
        if try attempt() { return }
        onWait?()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            usleep(100_000)
            if try attempt() { return }
        }
        throw WarehouseError.busy(path: what, waitedSeconds: Int(timeout))
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
