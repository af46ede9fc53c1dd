import CSQLiteSetup
import Foundation
import GRDB
import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite warehouse (SPEC §2.4, §4.3), the default: one file beside the reports.
package final class SQLiteWarehouse: Warehouse {
    package let path: String
    package var location: WarehouseLocation { .sqlite(path: path) }
    private let configuration: Configuration
    /// The connection, opened by `migrate()`: under the run lock, since a run's large load
    /// holds SQLite's exclusive lock until it commits and a second connection opened meanwhile
    /// would give up after the busy timeout instead of waiting its turn.
    private var opened: DatabaseQueue?

    /// SQLite's process-wide settings, made once before the first connection opens.
    private static let setUp: Void = { _ = scorecard_sqlite_setup() }()

    /// Creates the file (mode 0600) if needed; opens and migrates it unless the caller does so
    /// once it holds the run lock (`migrate()`).
    package init(path: String, migrating: Bool = true) throws {
        Self.setUp
        self.path = path
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // Checked before anything is changed (issue 25: `/dev/null` and text files were set to
        // 0600, a foreign database got our tables): a link, something that is not a file, a file
        // that is not SQLite's, or a database of another application is refused as it is.
        var info = stat()
        if lstat(path, &info) == 0 {
            try Self.checkOurs(path: path, info: info)
        } else {
            // Created in place if missing, never replaced: two runs open the file before one takes
            // the run lock, and FileManager.createFile replaces a file (a new inode under the other's
            // connection: "attempt to write a readonly database").
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw WarehouseError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            close(fd)
        }
        try? fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = TRUNCATE")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 16 MiB while loading; `SQLiteSession.loaded` shrinks it for the reads. SQLite's sorter takes
            // up to the cache's size per sorter thread: at 64 MiB an index build after a bulk load held
            // ~200 MB (cache and two sorts) and the pages freed after the load stayed in the process
            // (issue 29). Bank-shaped set: load peak 425 → 277 MiB, the run's 465 → 443 MiB, as fast.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            // Two sorter threads for CREATE INDEX after a bulk load (visits: 6.7 → 5.1 s on 4 M rows).
            try db.execute(sql: "PRAGMA threads = 2")
            // SQLite's own default; Debian builds it on, zeroing every replaced row's old
            // bytes. A corrected export replaces millions of rows: its orders stored in
            // 2.5–2.8 s instead of 3.2 s. The file is 0600 and holds the current data
            // anyway; old versions can linger in free pages until reused (VACUUM clears them).
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        configuration = config
        if migrating { try migrate() }
    }

    /// Refuses an existing `path` that is not a scorecard warehouse, changing nothing: a link, a
    /// device or folder, a file that is not a SQLite database, a database with tables that our
    /// migrations did not make. An empty file is a new warehouse.
    private static func checkOurs(path: String, info: stat) throws {
        func refuse(_ reason: String) -> WarehouseError { .cannotOpen(path: path, reason: reason) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: throw refuse("it is a symbolic link; give the warehouse's real path")
        case S_IFDIR: throw refuse("it is a folder; give the path of a warehouse file")
        default: throw refuse("it is not a regular file (a device, pipe or socket); give the path of a warehouse file")
        }
        guard info.st_size > 0 else { return }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("it cannot be read") }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw refuse("it is not a SQLite database, so not a scorecard warehouse; it was left as it is")
        }
        var readOnly = Configuration()
        readOnly.readonly = true
        do {
            let tables = try DatabaseQueue(path: path, configuration: readOnly).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            }
            guard !tables.isEmpty else { return }
            guard tables.contains("grdb_migrations") else {
                throw refuse("it is a database of another application (tables \(tables.sorted().prefix(5).joined(separator: ", "))), "
                             + "not a scorecard warehouse; it was left as it is. Give another path.")
            }
            // Another GRDB application's, or a newer scorecard's: refused before anything (mode, journal) is touched.
            let applied = try DatabaseQueue(path: path, configuration: readOnly).read { try String.fetchSet($0, sql: "SELECT identifier FROM grdb_migrations") }
            try WarehouseError.checkKnown(applied: applied, known: SQLiteSchema.migrator.migrations, path: path)
        } catch let error as DatabaseError {
            throw refuse(error.message ?? "\(error)")
        }
    }

    /// Opens the connection and brings the tables up to date.
    package func migrate() throws {
        do {
            let queue = try opened ?? DatabaseQueue(path: path, configuration: configuration)
            opened = queue
            // A newer scorecard's or another application's database was refused, read only, by `checkOurs`.
            try SQLiteSchema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw WarehouseError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    private var queue: DatabaseQueue {
        get throws {
            guard let opened else { throw WarehouseError.cannotOpen(path: path, reason: "not opened (migrate() first)") }
            return opened
        }
    }

    /// The lock file beside the warehouse (`warehouse.sqlite.lock`).
    package func lockRuns(timeout: TimeInterval, onWait: (() -> Void)?) throws -> AnyObject {
        try RunLock(path: path + ".lock", what: path, timeout: timeout, onWait: onWait)
    }

    /// A SQLite file lives on one machine: spreading a warehouse over a cluster starts from a
    /// PostgreSQL warehouse with Citus (SPEC §9).
    package func distribute() throws -> [DistributedTable] {
        throw WarehouseError.notDistributable(path: path, reason: Self.notDistributable)
    }

    package static let notDistributable = "it is a SQLite file, which lives on one machine; a cluster needs a PostgreSQL warehouse "
        + "on a Citus coordinator (warehouse: postgresql://…)"

    /// Runs `body` in one immediate transaction: all of it is committed, or none.
    package func transaction<T>(_ body: (any WarehouseSession) throws -> T) throws -> T {
        try immediate({ try body(SQLiteSession($0, path: path)) }, then: .commit)
    }

    /// Runs `body` in a transaction that is always rolled back (`validate` checks only).
    package func dryRun<T>(_ body: (any WarehouseSession) throws -> T) throws -> T {
        try immediate({ try body(SQLiteSession($0, path: path)) }, then: .rollback)
    }

    /// GRDB's own connection in a committed transaction (tests, migrations).
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        try immediate(body, then: .commit)
    }

    private func immediate<T>(_ body: (Database) throws -> T, then completion: Database.TransactionCompletion) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return completion
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw WarehouseError.database(path: path, message: error.message ?? "\(error)")
        }
    }

    /// GRDB's own connection, read only (tests).
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw WarehouseError.database(path: path, message: error.message ?? "\(error)")
        }
    }
}
