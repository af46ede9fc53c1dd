import Foundation
import Testing

/// The shape of the code (issue 27, docs/architecture.md): SQL, GRDB and libpq only in the
/// warehouse implementations, libxlsxwriter only in the XLSX wrapper, files a reader can hold.
/// The order of the stages themselves is the compiler's: each is a target of its own.
@Suite struct ArchitectureTests {
    static let sources = PipelineLoaderTests.repository.appendingPathComponent("Sources")

    /// Every Swift file under Sources, by its path from there, with its text.
    static func swiftFiles() throws -> [(path: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map { path in
            (path, try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8))
        }
    }

    static let warehouseImplementations = ["Warehouse/SQL/", "Warehouse/SQLite/", "Warehouse/PostgreSQL/"]

    static func isWarehouseImplementation(_ path: String) -> Bool { warehouseImplementations.contains { path.hasPrefix($0) } }

    /// A statement's first words at the start of a string literal (or of a line of a multi-line one).
    static let sqlStatement = try! NSRegularExpression(
        pattern: #"(^\s*|")(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TEMP\s+|UNIQUE\s+)?(TABLE|INDEX)|ALTER\s+TABLE|DROP\s+(TABLE|INDEX)|ANALYZE\b|LOCK\s+TABLE)"#,
        options: [.anchorsMatchLines])

    @Test func noSQLOutsideTheWarehouseImplementations() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 50)
        var found: [String] = []
        for (path, text) in files where !Self.isWarehouseImplementation(path) {
            let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            let range = NSRange(code.startIndex..., in: code)
            if Self.sqlStatement.firstMatch(in: code, range: range) != nil { found.append(path) }
        }
        #expect(found == [], "SQL text outside Sources/Warehouse/{SQL,SQLite,PostgreSQL}")
    }

    @Test func theCLibrariesAreImportedOnlyWhereTheyBelong() throws {
        for (path, text) in try Self.swiftFiles() {
            let imports = Set(text.split(separator: "\n").filter { $0.hasPrefix("import ") }.map { String($0.dropFirst("import ".count)) })
            if !Self.isWarehouseImplementation(path) {
                #expect(imports.isDisjoint(with: ["GRDB", "GRDBSQLite", "CLibPQ", "CSQLiteSetup"]), "\(path) imports a database library")
            }
            if !path.hasPrefix("Reports/XLSX/") {
                #expect(!imports.contains("CXLSXWriter"), "\(path) imports libxlsxwriter")
            }
            if !path.hasPrefix("Delivery/") {
                #expect(!imports.contains("CCurl"), "\(path) imports libcurl")
            }
        }
    }

    @Test func noFileOver400Lines() throws {
        let long = try Self.swiftFiles().filter { $0.text.split(separator: "\n", omittingEmptySubsequences: false).count > 400 }.map(\.path)
        #expect(long == [])
    }

    /// The stages' targets depend only on earlier stages (SwiftPM refuses a cycle; this holds the order).
    @Test func eachStageDependsOnlyOnEarlierOnes() throws {
        let manifest = try String(contentsOf: PipelineLoaderTests.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let order = ["ScorecardModel", "PostgresURI", "ScorecardPipeline", "ScorecardIngest", "ScorecardWarehouse", "ScorecardSQL",
                     "ScorecardSQLite", "ScorecardPostgreSQL", "ScorecardMetrics", "ScorecardReports", "ScorecardGenerator", "ScorecardDelivery", "ScorecardKit"]
        for (i, target) in order.enumerated() {
            let declaration = try #require(manifest.range(of: ".target(name: \"\(target)\""), "\(target) is a target")
            let rest = manifest[declaration.upperBound...]
            let end = rest.range(of: "\n        .")?.lowerBound ?? rest.endIndex
            let text = rest[..<end]
            for later in order[(i + 1)...] {
                #expect(!text.contains("\"\(later)\""), "\(target) depends on the later stage \(later)")
            }
        }
    }
}
