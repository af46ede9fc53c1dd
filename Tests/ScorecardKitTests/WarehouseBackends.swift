import Foundation
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardPostgreSQL
@testable import ScorecardWarehouse

/// The two warehouses every contract test runs against (SPEC §9). The PostgreSQL server
/// is started by the test command (`make test`, `scripts/with-postgres.sh`); without it
/// the PostgreSQL cases fail, saying how to run them — they are never skipped.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    var description: String { rawValue }

    /// A new, empty warehouse of this kind for one test.
    func location(_ tmp: TempFolder) throws -> WarehouseLocation {
        switch self {
        case .sqlite: return .sqlite(path: tmp.file("out/warehouse.sqlite"))
        case .postgres: return .postgres(uri: try TestPostgres.newDatabase())
        }
    }
}

enum TestPostgres {
    struct NotRunning: Error, CustomStringConvertible {
        var description: String {
            "SCORECARD_TEST_POSTGRES is not set: run the tests with `make test`, which starts a throwaway PostgreSQL server "
                + "(or `scripts/with-postgres.sh swift test`)."
        }
    }

    /// The server's database that the test command created.
    static func baseURI() throws -> String {
        guard let uri = ProcessInfo.processInfo.environment["SCORECARD_TEST_POSTGRES"], !uri.isEmpty else { throw NotRunning() }
        return uri
    }

    /// A database of its own for one test (tests run in parallel). Beside a Citus cluster
    /// (`scripts/with-citus.sh`, `make test-citus`), one on every node, the coordinator's a
    /// Citus coordinator of the workers' (`citus: false`: a plain database there, for a
    /// warehouse made before Citus).
    static func newDatabase(citus: Bool = true) throws -> String {
        let base = try baseURI()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let uri = try create(name, on: base)
        if citus, !citusWorkers.isEmpty { try makeCoordinator(uri) }
        return uri
    }

    /// The workers of the cluster the test command started (none beside a plain server).
    static var citusWorkers: [String] {
        (ProcessInfo.processInfo.environment["SCORECARD_TEST_CITUS_WORKERS"] ?? "").split(separator: " ").map(String.init)
    }

    /// Makes the database of `uri` a Citus coordinator with the cluster's workers, each given
    /// a database of the same name (Citus's rule).
    static func makeCoordinator(_ uri: String) throws {
        guard let name = uri.split(separator: "/").last.map(String.init) else { throw NotRunning() }
        for worker in citusWorkers {
            let database = try create(name, on: worker)
            try PGConnection(uri: database, timeZone: "UTC").execute("CREATE EXTENSION citus")
        }
        let coordinator = try PGConnection(uri: uri, timeZone: "UTC")
        try coordinator.execute("CREATE EXTENSION citus")
        try coordinator.execute("SELECT citus_set_coordinator_host($1, $2::int)", [.text(host(uri)), .text(port(uri))])
        for worker in citusWorkers {
            try coordinator.execute("SELECT citus_add_node($1, $2::int)", [.text(host(worker)), .text(port(worker))])
        }
    }

    private static func create(_ name: String, on server: String) throws -> String {
        try PGConnection(uri: server, timeZone: "UTC").execute("CREATE DATABASE \(name)")
        guard let range = server.range(of: "/scorecard") else { throw NotRunning() }
        return server.replacingCharacters(in: range, with: "/\(name)")
    }

    /// `127.0.0.1` and `5432` of `postgresql://user@127.0.0.1:5432/db` (the cluster's URIs).
    private static func host(_ uri: String) -> String { String(authority(uri).split(separator: ":")[0]) }
    private static func port(_ uri: String) -> String { String(authority(uri).split(separator: ":").last ?? "5432") }
    private static func authority(_ uri: String) -> Substring {
        uri.split(separator: "@").last?.split(separator: "/").first ?? ""
    }
}

/// Reads a warehouse of either kind through the interface the stages use.
struct WarehouseProbe {
    let warehouse: any Warehouse

    init(_ location: WarehouseLocation, timeZone: String = "Asia/Shanghai") throws {
        warehouse = try openWarehouse(location, timeZone: timeZone)
        try warehouse.migrate()
    }

    /// A query's rows as text (NULL → nil), values normalised so that both engines compare:
    /// numbers as numbers (`250` = `250.0` = `250.00`), times as instants.
    func rows(_ sql: String) throws -> [[String?]] {
        try warehouse.dryRun { session in
            var out: [[String?]] = []
            let width = Self.selectedCount(sql)
            try session.sql.forEachRow(sql, []) { r in out.append((0..<width).map { Self.normalised(r.string($0)) }) }
            return out
        }
    }

    /// Columns of a `SELECT a, b, c FROM …` (the probes name their columns).
    static func selectedCount(_ sql: String) -> Int {
        let list = sql.components(separatedBy: " FROM ")[0].dropFirst("SELECT ".count)
        var depth = 0, count = 1
        for c in list {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if c == ",", depth == 0 { count += 1 }
        }
        return count
    }

    static func normalised(_ text: String?) -> String? {
        guard let text else { return nil }
        if let d = Double(text) { return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : String(d) }
        if text.count >= 16, let m = Moment.parse(text), m.secondsOfDay != nil {
            return "@\(m.epoch(in: ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)))"
        }
        return text
    }

    /// Every column of `table` (SQLite's names: the PostgreSQL tables have the same).
    func columns(of table: String) throws -> [String] {
        try warehouse.dryRun { try $0.sql.columns(of: table) }.filter { $0 != "seq" }
    }

    /// A table's every row, every column, sorted by their normalised values.
    func dump(_ table: String, where condition: String = "TRUE") throws -> [[String?]] {
        let names = try columns(of: table)
        return try rows("SELECT \(names.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(table) WHERE \(condition)")
            .sorted { $0.map { $0 ?? "\u{0}" }.lexicographicallyPrecedes($1.map { $0 ?? "\u{0}" }) }
    }
}
