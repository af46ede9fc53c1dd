import Foundation
import GRDB

/// Loading one entity's files into its staged table: the statements, the keys seen
/// in this load and the rows they superseded, the period indexes dropped and rebuilt
/// around a large load, and the timings.
struct EntityLoad {
    let entity: Entity
    private let loader: Loader
    private let columns: [ColumnSpec]
    private let keyIndexes: [Int]
    /// Customers: the column whose value is remembered as the customer's manager.
    private let managerColumn: Int
    private let dimensionNames: [String]
    private let clock: ZoneClock
    private let nowEpoch: Int
    /// Large files: the period indexes are rebuilt once after the load (same transaction).
    private let bulk: Bool
    private let upsert: StagingStatement
    private let deleteDimensions: StagingStatement?
    private let insertDimension: StagingStatement?
    /// No survey dimension was staged before this load: a survey's old scores need deleting
    /// only when this load stored the survey before (one DELETE per survey was a third of
    /// storing 1.1 M surveys).
    private let noDimensionsBefore: Bool
    private let lookup: Statement
    /// Duplicates within this load: the reading thread keeps a compact set of key
    /// hashes; a hit is confirmed against the row's source columns (loaded by this
    /// run, which file and line), so memory does not hold every key (SPEC §6).
    private var seen: SeenKeys
    /// File index → line → (later file, later line): earlier rows replaced by a later one.
    private var superseded: [Int: [Int: (String, Int)]] = [:]
    private var fileIndexByName: [String: Int] = [:]
    private var timing: EntityTiming
    private let started = Date()

    init(_ entity: Entity, files: [String], loader: Loader, db: Database) throws {
        self.entity = entity
        self.loader = loader
        columns = entity.columns
        let col = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        keyIndexes = entity.keyColumns.map { col[$0]! }
        managerColumn = col["manager_id"] ?? 0
        dimensionNames = loader.config.satisfaction.dimensions.map(\.name)
        clock = ZoneClock(timeZone: loader.config.timeZone)
        nowEpoch = Int(loader.now.timeIntervalSince1970.rounded(.down))
        bulk = files.filter { loader.reuse[$0] == nil }.reduce(0) { total, name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: (loader.inputFolder as NSString).appendingPathComponent(name))
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        } > 16 << 20
        if bulk {
            for index in WarehouseSchema.secondaryIndexes(entity) { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        }
        upsert = try StagingStatement(db, sql: WarehouseSchema.upsert(entity))
        deleteDimensions = entity == .surveys ? try StagingStatement(db, sql: "DELETE FROM survey_dimensions WHERE survey_id = ?") : nil
        insertDimension = entity == .surveys
            ? try StagingStatement(db, sql: "INSERT INTO survey_dimensions (survey_id, dimension, score) VALUES (?, ?, ?)") : nil
        let anyDimension = entity == .surveys ? try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM survey_dimensions)") ?? true : true
        noDimensionsBefore = !anyDimension
        let keyWhere = entity.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        lookup = try db.makeStatement(sql: "SELECT source_run, source_file, source_line FROM \(entity.rawValue) WHERE \(keyWhere)")
        seen = SeenKeys(keyColumns: keyIndexes)
        timing = EntityTiming(entity: entity, rows: 0, seconds: 0)
    }

    /// Reads one file on a second thread while this one stores its rows in order.
    mutating func loadFile(_ name: String, into report: inout LoadReport, masters: inout MasterLists) throws {
        if let (unchanged, rejects) = loader.reuse[name] {
            report.files.append(unchanged)
            report.rejects += rejects
            report.reusedFiles.append(name)
            return
        }
        let config = loader.config
        let reader = try EntityFileReader(path: (loader.inputFolder as NSString).appendingPathComponent(name), file: name,
                                          entity: entity, spec: config.input(entity), dimensions: config.satisfaction.dimensions,
                                          clock: clock, now: nowEpoch, currency: (config.currency, config.fx))
        let fileIndex = report.files.count
        fileIndexByName[name] = fileIndex
        report.files.append(FileLoadReport(entity: entity, file: name, bytes: reader.fileSize, sha256: "",
                                           encoding: reader.encoding.rawValue, delimiter: delimiterName(reader.delimiter)))
        var stats = report.files[fileIndex]
        loader.progress?(entity.rawValue, 0)
        upsert.reset()
        try upsert.bind(loader.runID, at: Int32(columns.count + 1))
        try upsert.bind(name, at: Int32(columns.count + 2))

        let fileStarted = Date()
        let stream = ParsedRowStream(reader: reader, references: ReferenceCheck(
            entity: entity, managerIDs: masters.managerIDs, customerManager: masters.customerManager),
            seen: seen, width: columns.count + (entity == .surveys ? dimensionNames.count : 0))
        while let batch = try stream.next() {
            let before = stats.rowsRead / 100_000
            stats.rowsRead += batch.count
            stats.rowsRejected += batch.rejects.count
            report.rejects += batch.rejects
            try batch.bytes.withUnsafeBufferPointer { bytes in
                for row in batch.rows {
                    try noteSuperseded(row, of: batch, file: name, fileIndex: fileIndex, stats: &stats, report: &report)
                    try store(row, of: batch, bytes: bytes, masters: &masters)
                    stats.rowsLoaded += 1
                }
            }
            if stats.rowsRead / 100_000 != before { loader.progress?(entity.rawValue, stats.rowsRead) }
        }
        upsert.clearBindings()
        seen = stream.seenKeys
        let elapsed = Date().timeIntervalSince(fileStarted), waited = stream.waited
        timing.rows += stats.rowsRead
        timing.readingSeconds += elapsed - waited.reader
        timing.storingSeconds += elapsed - waited.store
        stats.sha256 = reader.sha256
        report.files[fileIndex] = stats
        report.notDataLines += reader.notDataLines.map { (file: name, line: $0) }
        report.skippedRows += reader.skippedRows.sorted { $0.key < $1.key }.map { (file: name, rule: $0.key, rows: $0.value) }
        loader.progress?(entity.rawValue, stats.rowsRead)
    }

    /// A row whose key this load stored before (SPEC §2.3): the later row wins, the
    /// earlier one becomes a reject of its own file.
    private mutating func noteSuperseded(_ row: PackedBatch.Row, of batch: PackedBatch, file: String, fileIndex: Int,
                                         stats: inout FileLoadReport, report: inout LoadReport) throws {
        guard row.keySeenBefore,
              let earlier = try Row.fetchOne(lookup, arguments: StatementArguments(keyIndexes.map { batch.string(batch.cell(row: row, column: $0)) ?? "" })),
              (earlier[0] as Int64?) == loader.runID, let earlierFile = fileIndexByName[earlier[1] ?? ""], let earlierLine: Int = earlier[2]
        else { return }
        superseded[earlierFile, default: [:]][earlierLine] = (file, row.line)
        if earlierFile == fileIndex {
            stats.rowsLoaded -= 1; stats.rowsRejected += 1
        } else {
            report.files[earlierFile].rowsLoaded -= 1; report.files[earlierFile].rowsRejected += 1
        }
    }

    /// Upserts one row (and a survey's dimension scores); remembers new master ids.
    private func store(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>, masters: inout MasterLists) throws {
        upsert.reset()
        try upsert.bind(batch, row, 0..<columns.count, bytes: bytes)
        try upsert.bind(Int64(row.line), at: Int32(columns.count + 3))
        try upsert.execute()
        if let deleteDimensions, let insertDimension {
            let id = batch.cell(row: row, column: 0)
            if !noDimensionsBefore || row.keySeenBefore {
                deleteDimensions.reset()
                try deleteDimensions.bind(id, at: 1, bytes: bytes)
                try deleteDimensions.execute()
            }
            for (k, dimension) in dimensionNames.enumerated() {
                let score = batch.cell(row: row, column: columns.count + k)
                guard score != .null else { continue }
                insertDimension.reset()
                try insertDimension.bind(id, at: 1, bytes: bytes)
                try insertDimension.bind(dimension, at: 2)
                try insertDimension.bind(score, at: 3, bytes: bytes)
                try insertDimension.execute()
            }
        }
        switch entity {
        case .managers: masters.managerIDs.insert(batch.string(batch.cell(row: row, column: 0))!)
        case .customers:
            masters.customerManager[batch.string(batch.cell(row: row, column: 0))!] = batch.string(batch.cell(row: row, column: managerColumn))!
        default: break
        }
    }

    /// Rebuilds the dropped indexes, records the timing and reports each superseded
    /// row with its own raw text.
    func finish(into report: inout LoadReport, db: Database) throws {
        let stored = Date()
        if bulk {
            for index in WarehouseSchema.secondaryIndexes(entity) {
                try db.execute(sql: "CREATE INDEX \(index.name) ON \(entity.rawValue)(\(index.column))")
            }
        }
        if timing.rows > 0 {
            var timing = timing
            timing.seconds = stored.timeIntervalSince(started)
            timing.indexSeconds = Date().timeIntervalSince(stored)
            report.timings.append(timing)
        }
        for (fileIndex, lines) in superseded {
            let name = report.files[fileIndex].file
            let path = (loader.inputFolder as NSString).appendingPathComponent(name)
            let raws = try loader.rawRecords(path: path, file: name, spec: loader.config.input(entity), lines: Set(lines.keys))
            for (line, later) in lines {
                report.rejects.append(RejectedRow(file: name, line: line, column: entity.keyColumns.joined(separator: "+"),
                                                  reason: .duplicate(laterFile: later.0, laterLine: later.1), raw: raws[line] ?? ""))
            }
        }
    }
}
