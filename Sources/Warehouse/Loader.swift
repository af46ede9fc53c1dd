import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// Loads the input folder into the staged tables inside the caller's transaction
/// (SPEC §2.3, §2.4): upsert by id, referential checks against the master lists
/// (this load's and the warehouse's), duplicates within the load reported.
public struct Loader {
    public var config: PipelineConfig
    public var inputFolder: String
    /// The moment of the run: later event times are rejected as "in the future".
    public var now: Date
    /// Called every 100 000 rows and at the end of each file (entity, file, rows so far).
    public var progress: (@Sendable (String, Int) -> Void)?
    /// What the last successful load staged, and the files as they are now: the files it
    /// allows are taken as staged instead of being read again (`ReusePlan`, SPEC §6).
    package var plan: ReusePlan?

    /// The master lists made from the facts (`derive: true`, SPEC §2.7).
    package var derived: Set<Entity> { Set([Entity.customers, .managers].filter { config.input($0).derive }) }

    /// The run this load belongs to, written into each row's `source_run`.
    public var runID: Int64 = 0
    /// An entity's files larger than this in all are a bulk load: the warehouse rebuilds the
    /// table's indexes once after it (tests lower it to see that path on small files).
    package var bulkBytes = 16 << 20

    public init(config: PipelineConfig, inputFolder: String, now: Date, progress: (@Sendable (String, Int) -> Void)? = nil) {
        self.config = config
        self.inputFolder = inputFolder
        self.now = now
        self.progress = progress
    }

    /// The files of `entity` in the input folder, sorted by name; later files win duplicates.
    public func files(of entity: Entity) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: inputFolder) else {
            throw IngestError.noInputFolder(inputFolder)
        }
        let patterns = config.input(entity).files
        let matching = names.filter { name in patterns.contains { glob($0, matches: name) } }.sorted()
        for name in matching { try InputFile.check(name, in: inputFolder) }
        return matching
    }

    /// Loads every entity's files, master lists first (SPEC §2.2 order), and returns
    /// what happened to each file and row.
    package func load(into session: any WarehouseSession) throws -> LoadReport {
        var report = LoadReport()
        var masters = try session.masterLists(derivedCustomers: derived.contains(.customers))
        var soFar = ReusePlan.LoadSoFar()
        for entity in Entity.allCases {
            let names = try files(of: entity)
            if names.isEmpty {
                if !entity.isOptional && !config.input(entity).optional && !derived.contains(entity) {
                    report.missingEntities.append(entity)
                } else {
                    report.filelessEntities.append(entity)
                }
                continue
            }
            // Derived lists are made from every fact: such a load reads every file again.
            let reused = derived.isEmpty ? plan?.reusable(entity, files: names, after: soFar) ?? [:] : [:]
            var load = try EntityLoad(entity, files: names, reused: reused, loader: self, session: session)
            for name in names { try load.loadFile(name, into: &report, masters: &masters) }
            try load.finish(into: &report)
            if [.managers, .customers].contains(entity), names.contains(where: { reused[$0] == nil }) {
                soFar.masterListsRead = true
            }
            soFar.customerMovedManager = masters.customerMoved
        }
        if !derived.isEmpty {
            report.derivedLists = try DerivedMasterLists.derive(derived, config: config, runID: runID, into: session)
        }
        // A file two entities read (SPEC §2.7: tickets holding complaints and ratings) is listed
        // twice; its rejects sort with its first place.
        let order = Dictionary(report.files.enumerated().map { ($1.file, $0) }, uniquingKeysWith: min)
        report.rejects.sort { (order[$0.file] ?? 0, $0.line) < (order[$1.file] ?? 0, $1.line) }
        return report
    }

    /// Re-reads the raw text of the records starting on `lines`.
    package func rawRecords(path: String, file: String, spec: InputSpec, lines: Set<Int>) throws -> [Int: String] {
        let source = try UTF8ChunkReader(path: path, file: file, override: spec.encoding)
        let csv = try CSVReader(source: source, file: file, delimiter: spec.delimiter)
        var out: [Int: String] = [:]
        while try csv.next(), out.count < lines.count {
            if lines.contains(csv.line) { out[csv.line] = csv.rawText }
        }
        return out
    }
}
