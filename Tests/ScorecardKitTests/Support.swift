import Foundation
import GRDB
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardSQL
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// The committed fixtures under `Tests/ScorecardKitTests/Fixtures`.
enum Fixtures {
    static let root = Bundle.module.bundleURL.appendingPathComponent("Fixtures").path
    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }
    static func data(_ relative: String) -> Data { FileManager.default.contents(atPath: path(relative))! }
}

/// The moment tests run "at": 2026-11-22 12:00 in Shanghai, so results do not depend on the clock.
let testNow = parseMoment("2026-11-22 12:00", timeZone: TimeZone(identifier: "Asia/Shanghai")!)!

/// A temporary folder, removed when the value goes away.
final class TempFolder {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("scorecard-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func folder(_ name: String) -> String {
        let p = file(name)
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    func write(_ name: String, _ text: String) { write(name, Data(text.utf8)) }

    func write(_ name: String, _ data: Data) {
        let p = file(name)
        try! FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: p, contents: data)
    }

    /// Copies a committed fixture into this folder under `name`.
    func copy(_ fixture: String, as name: String) { write(name, Fixtures.data(fixture)) }

    /// Header-only exports of `entities` (no rows): a run needs a file of every entity.
    func emptyExports(_ entities: [Entity] = [.orders, .visits, .complaints, .surveys], folder: String = "input") {
        for entity in entities where !FileManager.default.fileExists(atPath: file("\(folder)/\(entity.rawValue).csv")) {
            write("\(folder)/\(entity.rawValue).csv", entity.columns.filter(\.required).map(\.name).joined(separator: ",") + "\n")
        }
    }

    /// An input folder with the basic master lists (3 managers, 3 customers) and `files` (fixture → name).
    func input(_ files: [String: String] = [:], folder: String = "input") -> String {
        copy("basic/managers.csv", as: "\(folder)/managers.csv")
        copy("basic/customers.csv", as: "\(folder)/customers.csv")
        for (fixture, name) in files { copy(fixture, as: "\(folder)/\(name)") }
        return file(folder)
    }
}

/// Loads `input` into the warehouse at `warehousePath` (a new one in a temp folder if nil) in one transaction.
func load(_ input: String, config: PipelineConfig = PipelineConfig(), warehouse: SQLiteWarehouse) throws -> LoadReport {
    try warehouse.transaction { db in
        try Loader(config: config, inputFolder: input, now: testNow).load(into: db)
    }
}

extension SQLiteWarehouse {
    /// Rows of a query as text (NULL → nil), for exact comparisons.
    func rows(_ sql: String) throws -> [[String?]] {
        try read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { v -> String? in
                    switch v.storage {
                    case .null: return nil
                    case .int64(let i): return String(i)
                    case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : String(d)
                    case .string(let s): return s
                    case .blob: return "<blob>"
                    }
                }
            }
        }
    }

    /// Every staged table, for "nothing changed" comparisons.
    func stagedDump() throws -> [String: [[String?]]] {
        var out: [String: [[String?]]] = [:]
        for entity in Entity.allCases {
            let columns = entity.columns.map(\.name).joined(separator: ", ")
            out[entity.rawValue] = try rows("SELECT \(columns) FROM \(entity.rawValue) ORDER BY \(entity.keyColumns.joined(separator: ", "))")
        }
        out["survey_dimensions"] = try rows("SELECT * FROM survey_dimensions ORDER BY survey_id, dimension")
        return out
    }
}

func tempWarehouse(_ tmp: TempFolder) throws -> SQLiteWarehouse {
    try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
}

/// Runs the report fixture for `period` into `output` (English labels), as a user reruns periods.
func runReportFixture(_ period: String, into output: String) throws -> RunSummary {
    var config = PipelineConfig()
    config.language = .en
    return try PipelineRunner.run(RunOptions(pipelinePath: "monthly.yml", config: config, pipelineText: "", inputFolder: Fixtures.path("report"),
                                             outputFolder: output, period: try Period(parsing: period), now: testNow))
}

extension WarehouseSession {
    /// Tests: the SQL session behind the domain one (both implementations are SQL sessions).
    var sql: any SQLSession { self as! any SQLSession }
}
