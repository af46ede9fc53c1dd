import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPostgreSQL

/// Issue 25's PostgreSQL probes, against the throwaway server `make test` starts.
@Suite struct PostgresHardeningTests {
    /// `uri` with another user (the test server trusts local connections).
    static func uri(_ base: String, user: String) -> String {
        base.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://\(user)@")
            .replacingOccurrences(of: "postgresql://\(NSUserName())@", with: "postgresql://\(user)@")
    }

    /// Runs `body` on another thread; false when it has not returned after `seconds` (it is left running).
    static func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success
    }

    // MARK: 2. Tables of another application

    @Test func tablesOfAnotherApplicationAreNeitherAlteredNorFilled() throws {
        let uri = try TestPostgres.newDatabase()
        let other = try PGConnection(uri: uri, timeZone: "UTC")
        try other.execute("CREATE TABLE orders (id serial PRIMARY KEY, note text)")
        try other.execute("INSERT INTO orders (note) VALUES ('theirs')")
        let warehouse = try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai")
        #expect { try warehouse.migrate() } throws: { error in
            (error as? WarehouseError)?.localizedDescription.contains("the table orders") == true
        }
        #expect(try other.execute("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'orders'") == "id,note")
        #expect(try other.execute("SELECT note FROM orders") == "theirs")
        #expect(try other.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") == "1")
    }

    // MARK: 3. A server that accepts and never answers

    /// A TCP port that accepts connections (the kernel completes them) and never answers.
    final class SilentServer: @unchecked Sendable {
        let fd: Int32
        let port: Int

        init() throws {
            guard let socket = loopbackSocket(listening: true) else { throw POSIXError(.EADDRINUSE) }
            (fd, port) = socket
        }

        deinit { close(fd) }
    }

    @Test func aServerThatNeverAnswersIsGivenUpOnByDefault() throws {
        let server = try SilentServer()
        let uri = "postgresql://nobody@127.0.0.1:\(server.port)/scorecard"
        let failed = LockedFlag()
        let started = Date()
        let finished = Self.finishes(within: 60) {
            do { _ = try PGConnection(uri: uri, timeZone: "UTC") } catch { failed.set() }
        }
        #expect(finished, "connecting to a silent server did not give up within 60 s")
        #expect(failed.value)
        #expect(Date().timeIntervalSince(started) < 40)
        withExtendedLifetime(server) {}
    }

    @Test func theURIOverridesTheConnectTimeout() throws {
        let server = try SilentServer()
        let uri = "postgresql://nobody@127.0.0.1:\(server.port)/scorecard?connect_timeout=2"
        let started = Date()
        #expect(Self.finishes(within: 30) { _ = try? PGConnection(uri: uri, timeZone: "UTC") })
        #expect(Date().timeIntervalSince(started) < 10)
        withExtendedLifetime(server) {}
    }

    // MARK: 4. A first large load beside a BI reader

    @Test func aFirstBulkLoadDoesNotQueueBehindAReader() throws {
        let uri = try TestPostgres.newDatabase()
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", StagingTests.orders)
        tmp.emptyExports([.visits])
        try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate()
        // A BI tool's open transaction that has read the empty orders table.
        let reader = try PGConnection(uri: uri, timeZone: "UTC")
        try reader.execute("BEGIN")
        try reader.execute("SELECT count(*) FROM orders")
        let loaded = Self.finishes(within: 30) {
            _ = try? WarehouseContractTests.load(input, into: .postgres(uri: uri), bulk: true)
        }
        #expect(loaded, "the load waited behind the reader's lock")
        try reader.execute("ROLLBACK")
        if !loaded { _ = Self.finishes(within: 30) {} }
        let probe = try WarehouseProbe(.postgres(uri: uri))
        #expect(try probe.rows("SELECT order_id FROM orders ORDER BY order_id") == [["A1"], ["A2"], ["A3"]])
        // The key is in place (it was never dropped).
        #expect(try probe.rows("SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'p'") == [["1.0"]])
    }

    /// A schema upgrade (an older warehouse missing a column) beside a BI reader gives up after
    /// its lock wait, saying so, with nothing changed — instead of queueing every reader behind it.
    @Test func anUpgradeBesideAReaderGivesUpSayingSo() throws {
        let uri = try TestPostgres.newDatabase()
        try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate()
        let owner = try PGConnection(uri: uri, timeZone: "UTC")
        try owner.execute("ALTER TABLE orders DROP COLUMN unit_cost")
        try owner.execute("DELETE FROM schema_migrations WHERE identifier LIKE 'v12%'")
        let reader = try PGConnection(uri: uri, timeZone: "UTC")
        try reader.execute("BEGIN")
        try reader.execute("SELECT count(*) FROM orders")
        let failure = LockedFlag()
        let finished = Self.finishes(within: 90) {
            do { try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate() } catch {
                if error.localizedDescription.contains("another session (a BI tool?)") { failure.set() }
            }
        }
        try reader.execute("ROLLBACK")
        #expect(finished && failure.value)
        #expect(try owner.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'unit_cost'") == "0")
        // Once the reader has gone, the upgrade runs.
        try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate()
        #expect(try owner.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'unit_cost'") == "1")
    }

    // MARK: 5. A warehouse of a newer scorecard

    @Test func aWarehouseWithAnUnknownMigrationIsRefused() throws {
        let uri = try TestPostgres.newDatabase()
        try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate()
        let other = try PGConnection(uri: uri, timeZone: "UTC")
        try other.execute("INSERT INTO schema_migrations (identifier) VALUES ('v99: amounts in cents')")
        #expect(throws: WarehouseError.newerSchema(path: uri, unknown: ["v99: amounts in cents"])) {
            try openWarehouse(.postgres(uri: uri), timeZone: "Asia/Shanghai").migrate()
        }
    }

    // MARK: 16. A role with rights on the existing tables only

    @Test func aRoleWithoutCreateRunsOnAnExistingWarehouse() throws {
        let uri = try TestPostgres.newDatabase()
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", StagingTests.orders)
        tmp.emptyExports()
        // The first run, by the owner, creates the tables (README: CREATE is needed then).
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, .postgres(uri: uri), input: input, period: "2026-10"))
        let owner = try PGConnection(uri: uri, timeZone: "UTC")
        let role = "writer_\(UUID().uuidString.prefix(8).lowercased())"
        try owner.execute("CREATE ROLE \(role) LOGIN")
        try owner.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        try owner.execute("GRANT USAGE ON SCHEMA public TO \(role)")
        try owner.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)")
        try owner.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role)")
        tmp.write("input/orders.csv", StagingTests.orders + "A4,C003,M002,2026-10-04 09:00,400,completed\n")
        let summary = try PipelineRunner.run(try WarehouseContractTests.options(tmp, .postgres(uri: Self.uri(uri, user: role)), input: input, period: "2026-10"))
        #expect(summary.results?.period.name == "2026-10")
        #expect(try owner.execute("SELECT count(*) FROM orders") == "4")
    }
}

/// A flag set on one thread and read on another.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set_ = false
    func set() { lock.withLock { set_ = true } }
    var value: Bool { lock.withLock { set_ } }
}
