import Crypto
import Foundation
import GRDB

/// What happened to one input file (SPEC §2.3: rows read = loaded + rejected).
public struct FileLoadReport: Sendable, Codable, Equatable {
    public var entity: Entity
    public var file: String
    public var bytes: Int
    public var sha256: String
    public var encoding: String
    public var delimiter: String
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsRejected = 0

    enum CodingKeys: String, CodingKey {
        case entity, file, bytes, sha256, encoding, delimiter
        case rowsRead = "rows_read", rowsLoaded = "rows_loaded", rowsRejected = "rows_rejected"
    }

    public var rejectRate: Double { rowsRead == 0 ? 0 : Double(rowsRejected) / Double(rowsRead) }
}

/// How long one entity's files took: reading and storing (on two threads at once:
/// each one's busy time is the elapsed time less its waits for the other), then
/// rebuilding indexes.
public struct EntityTiming: Sendable {
    public var entity: Entity
    public var rows: Int
    public var seconds: Double
    public var readingSeconds = 0.0
    public var storingSeconds = 0.0
    public var indexSeconds = 0.0
}

/// The outcome of loading every input file.
public struct LoadReport: Sendable {
    public var files: [FileLoadReport] = []
    /// Every rejected row, in file order and line order.
    public var rejects: [RejectedRow] = []
    /// Entities with no file in the input folder.
    public var missingEntities: [Entity] = []
    /// Files not read again because an earlier run staged the same bytes.
    public var reusedFiles: [String] = []
    /// Time spent per entity read in this load (for `--verbose` and the benchmark).
    public var timings: [EntityTiming] = []

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsLoaded: Int { files.reduce(0) { $0 + $1.rowsLoaded } }
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rowsRejected } }

    /// Files whose rejected share exceeds `maxRejectRate` (SPEC §2.3 → exit 3).
    /// Files whose rejected share is above the threshold, and files of which every row
    /// was rejected whatever the threshold (SPEC §2.5: they would leave a report without them).
    public func filesOverRejectRate(_ maxRejectRate: Double) -> [FileLoadReport] {
        files.filter { $0.rejectRate > maxRejectRate || ($0.rowsRead > 0 && $0.rowsLoaded == 0) }
    }

    /// The most frequent reasons a file's rows were rejected, with the column and count:
    /// `unknown value (status) × 812`.
    public func topRejectReasons(of file: String, limit: Int = 3) -> [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        var example: [String: String] = [:]
        for r in rejects where r.file == file {
            let key = r.column.isEmpty ? r.reason.kind : "\(r.reason.kind) (\(r.column))"
            counts[key, default: 0] += 1
            if example[key] == nil { example[key] = r.reason.description }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)
            .map { ("\($0.key) × \($0.value), e.g. \(example[$0.key]!)", $0.value) }
    }
}

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
    /// Files staged unchanged by an earlier run: their report and rejects are taken as
    /// they were instead of reading them again (see `PreviousLoad.reusable`).
    var reuse: [String: (FileLoadReport, [RejectedRow])] = [:]
    /// The run this load belongs to, written into each row's `source_run`.
    public var runID: Int64 = 0

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
        return names.filter { name in patterns.contains { glob($0, matches: name) } }.sorted()
    }

    public func load(into db: Database) throws -> LoadReport {
        var report = LoadReport()
        let clock = ZoneClock(timeZone: config.timeZone)
        let nowEpoch = Int(now.timeIntervalSince1970.rounded(.down))
        var managerIDs = Set(try String.fetchAll(db, sql: "SELECT manager_id FROM managers"))
        var customerManager: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT customer_id, manager_id FROM customers") {
            customerManager[row[0]] = row[1]
        }
        for entity in Entity.allCases {
            let started = Date()
            var timing = EntityTiming(entity: entity, rows: 0, seconds: 0)
            let names = try files(of: entity)
            if names.isEmpty {
                if !entity.isOptional { report.missingEntities.append(entity) }
                continue
            }
            let columns = entity.columns
            let col = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
            let keyIndexes = entity.keyColumns.map { col[$0]! }
            let managerColumn = col["manager_id"] ?? 0  // customers: whose manager to remember
            // Large files: the period indexes are rebuilt once after the load (same transaction).
            let indexes = WarehouseSchema.secondaryIndexes(entity)
            let bulk = names.filter { reuse[$0] == nil }.reduce(0) { total, name in
                let attributes = try? FileManager.default.attributesOfItem(atPath: (inputFolder as NSString).appendingPathComponent(name))
                return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
            } > 16 << 20
            if bulk { for index in indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") } }
            let upsert = try StagingStatement(db, sql: WarehouseSchema.upsert(entity))
            let deleteDims = entity == .surveys ? try StagingStatement(db, sql: "DELETE FROM survey_dimensions WHERE survey_id = ?") : nil
            let insertDim = entity == .surveys ? try StagingStatement(db, sql: "INSERT INTO survey_dimensions (survey_id, dimension, score) VALUES (?, ?, ?)") : nil
            let dimensionNames = config.satisfaction.dimensions.map(\.name)
            // Duplicates within this load: the reading thread keeps a compact set of key
            // hashes; a hit is confirmed against the row's source columns (loaded by this
            // run, which file and line), so memory does not hold every key (SPEC §6).
            var seen = SeenKeys(keyColumns: keyIndexes)
            let keyWhere = entity.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
            let lookup = try db.makeStatement(sql: "SELECT source_run, source_file, source_line FROM \(entity.rawValue) WHERE \(keyWhere)")
            var superseded: [Int: [Int: (String, Int)]] = [:]  // file index → line → (later file, later line)
            var fileIndexByName: [String: Int] = [:]

            for name in names {
                if let (unchanged, rejects) = reuse[name] {
                    report.files.append(unchanged)
                    report.rejects += rejects
                    report.reusedFiles.append(name)
                    continue
                }
                let path = (inputFolder as NSString).appendingPathComponent(name)
                let reader = try EntityFileReader(path: path, file: name, entity: entity, spec: config.input(entity),
                                                  dimensions: config.satisfaction.dimensions, clock: clock, now: nowEpoch,
                                                  currency: (config.currency, config.fx))
                let fileIndex = report.files.count
                fileIndexByName[name] = fileIndex
                report.files.append(FileLoadReport(entity: entity, file: name, bytes: reader.fileSize, sha256: "",
                                                   encoding: reader.encoding.rawValue, delimiter: delimiterName(reader.delimiter)))
                var stats = report.files[fileIndex]
                progress?(entity.rawValue, 0)
                upsert.reset()
                try upsert.bind(runID, at: Int32(columns.count + 1))
                try upsert.bind(name, at: Int32(columns.count + 2))

                func store(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>) throws {
                    if row.keySeenBefore,
                       let earlier = try Row.fetchOne(lookup, arguments: StatementArguments(keyIndexes.map { batch.string(batch.cell(row: row, column: $0)) ?? "" })),
                       (earlier[0] as Int64?) == runID, let earlierFile = fileIndexByName[earlier[1] ?? ""], let earlierLine: Int = earlier[2] {
                        superseded[earlierFile, default: [:]][earlierLine] = (name, row.line)
                        if earlierFile == fileIndex {
                            stats.rowsLoaded -= 1; stats.rowsRejected += 1
                        } else {
                            report.files[earlierFile].rowsLoaded -= 1; report.files[earlierFile].rowsRejected += 1
                        }
                    }
                    upsert.reset()
                    try upsert.bind(batch, row, 0..<columns.count, bytes: bytes)
                    try upsert.bind(Int64(row.line), at: Int32(columns.count + 3))
                    try upsert.execute()
                    if let deleteDims, let insertDim {
                        let id = batch.cell(row: row, column: 0)
                        deleteDims.reset()
                        try deleteDims.bind(id, at: 1, bytes: bytes)
                        try deleteDims.execute()
                        for (k, dimension) in dimensionNames.enumerated() {
                            let score = batch.cell(row: row, column: columns.count + k)
                            guard score != .null else { continue }
                            insertDim.reset()
                            try insertDim.bind(id, at: 1, bytes: bytes)
                            try insertDim.bind(dimension, at: 2)
                            try insertDim.bind(score, at: 3, bytes: bytes)
                            try insertDim.execute()
                        }
                    }
                    switch entity {
                    case .managers: managerIDs.insert(batch.string(batch.cell(row: row, column: 0))!)
                    case .customers: customerManager[batch.string(batch.cell(row: row, column: 0))!] = batch.string(batch.cell(row: row, column: managerColumn))!
                    default: break
                    }
                    stats.rowsLoaded += 1
                }

                // The file is read on a second thread; this one keeps the order of
                // rows, the duplicates and the warehouse.
                let fileStarted = Date()
                let stream = ParsedRowStream(reader: reader, references: ReferenceCheck(
                    entity: entity, managerIDs: managerIDs, customerManager: customerManager),
                    seen: seen, width: columns.count + (entity == .surveys ? dimensionNames.count : 0))
                while let batch = try stream.next() {
                    let before = stats.rowsRead / 100_000
                    stats.rowsRead += batch.count
                    stats.rowsRejected += batch.rejects.count
                    report.rejects += batch.rejects
                    try batch.bytes.withUnsafeBufferPointer { bytes in
                        for row in batch.rows { try store(row, of: batch, bytes: bytes) }
                    }
                    if stats.rowsRead / 100_000 != before { progress?(entity.rawValue, stats.rowsRead) }
                }
                upsert.clearBindings()
                seen = stream.seenKeys
                let elapsed = Date().timeIntervalSince(fileStarted), waited = stream.waited
                timing.rows += stats.rowsRead
                timing.readingSeconds += elapsed - waited.reader
                timing.storingSeconds += elapsed - waited.store
                stats.sha256 = reader.sha256
                report.files[fileIndex] = stats
                progress?(entity.rawValue, stats.rowsRead)
            }
            let stored = Date()
            if bulk {
                for index in indexes { try db.execute(sql: "CREATE INDEX \(index.name) ON \(entity.rawValue)(\(index.column))") }
            }
            if timing.rows > 0 {
                timing.seconds = stored.timeIntervalSince(started)
                timing.indexSeconds = Date().timeIntervalSince(stored)
                report.timings.append(timing)
            }
            // The earlier of two rows with one key is reported with its own raw text.
            for (fileIndex, lines) in superseded {
                let name = report.files[fileIndex].file
                let path = (inputFolder as NSString).appendingPathComponent(name)
                let raws = try rawRecords(path: path, file: name, spec: config.input(entity), lines: Set(lines.keys))
                for (line, later) in lines {
                    report.rejects.append(RejectedRow(file: name, line: line, column: entity.keyColumns.joined(separator: "+"),
                                                      reason: .duplicate(laterFile: later.0, laterLine: later.1), raw: raws[line] ?? ""))
                }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: report.files.enumerated().map { ($1.file, $0) })
        report.rejects.sort { (order[$0.file] ?? 0, $0.line) < (order[$1.file] ?? 0, $1.line) }
        return report
    }

    /// Re-reads the raw text of the records starting on `lines`.
    private func rawRecords(path: String, file: String, spec: InputSpec, lines: Set<Int>) throws -> [Int: String] {
        let source = try UTF8ChunkReader(path: path, file: file, override: spec.encoding)
        let csv = try CSVReader(source: source, file: file, delimiter: spec.delimiter)
        var out: [Int: String] = [:]
        while try csv.next(), out.count < lines.count {
            if lines.contains(csv.line) { out[csv.line] = csv.rawText }
        }
        return out
    }
}
