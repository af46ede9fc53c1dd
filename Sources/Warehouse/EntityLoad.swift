import Foundation
import ScorecardIngest
import ScorecardModel

/// Loading one entity's files into its staged table: each file read on a second thread,
/// its rows handed to the warehouse's stager, the keys seen in this load, the rows a
/// later one superseded reported, and the timings.
package struct EntityLoad {
    package let entity: Entity
    private let loader: Loader
    private let columns: [ColumnSpec]
    /// Customers: the column whose value is remembered as the customer's manager.
    private let managerColumn: Int
    private let dimensionNames: [String]
    private let clock: ZoneClock
    private let nowEpoch: Int
    private let stager: any EntityStager
    /// Duplicates within this load: the reading thread keeps a compact set of key
    /// hashes; a hit is confirmed by the stager against the row's source columns
    /// (loaded by this run, which file and line), so memory does not hold every key (SPEC §6).
    /// With them, the latest event values of the rows this load accepted.
    private var accepted: AcceptedRows
    /// The table held rows before this load, or a file's rows were taken from an earlier
    /// run: its latest events are then not this load's alone.
    private var holdsOtherRows: Bool
    private var timing: EntityTiming
    private let started = Date()
    /// The files taken as staged instead of being read (`ReusePlan`), by name.
    private let reused: [String: (FileLoadReport, [RejectedRow])]
    /// `lines: sum`: the orders' lines, staged as orders when the load's files are read.
    private var lines: OrderLines?

    /// - Parameter reused: the files taken as staged (`ReusePlan`), by name, with their report and rejects.
    package init(_ entity: Entity, files: [String], reused: [String: (FileLoadReport, [RejectedRow])] = [:], loader: Loader,
                 session: any WarehouseSession) throws {
        self.entity = entity
        self.loader = loader
        self.reused = reused
        columns = entity.columns
        managerColumn = columns.firstIndex { $0.name == "manager_id" } ?? 0
        dimensionNames = loader.config.satisfaction.dimensions.map(\.name)
        clock = ZoneClock(timeZone: loader.config.timeZone)
        nowEpoch = Int(loader.now.timeIntervalSince1970.rounded(.down))
        // Large files: the warehouse may prepare for a bulk load (SQLite rebuilds the period indexes once after it) —
        // but not when they are a small part of what is staged: a month added to a year of visits kept its indexes
        // up to date: 2.3 s to store them, where storing and rebuilding took 4.8 s (bank set by month, issue 28).
        let read = files.filter { reused[$0] == nil }.reduce(0) { total, name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: (loader.inputFolder as NSString).appendingPathComponent(name))
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
        let bulk = read > loader.bulkBytes && read >= reused.values.reduce(0) { $0 + $1.0.bytes }
        stager = try session.stager(for: entity, runID: loader.runID, dimensions: entity == .surveys ? dimensionNames : [], bulk: bulk)
        accepted = AcceptedRows(entity)
        holdsOtherRows = try !session.isEmpty(entity)
        timing = EntityTiming(entity: entity, rows: 0, seconds: 0)
        if entity == .orders, loader.config.input(entity).sumLines {
            lines = OrderLines(columns: columns, config: loader.config, clock: clock)
        }
    }

    /// Reads one file on a second thread while this one stores its rows in order.
    package mutating func loadFile(_ name: String, into report: inout LoadReport, masters: inout MasterLists) throws {
        if let (unchanged, rejects) = reused[name] {
            report.files.append(unchanged)
            report.rejects += rejects
            report.reusedFiles.append(name)
            holdsOtherRows = true
            return
        }
        let config = loader.config
        let reader = try EntityFileReader(path: (loader.inputFolder as NSString).appendingPathComponent(name), file: name,
                                          entity: entity, spec: config.input(entity), dimensions: config.satisfaction.dimensions,
                                          clock: clock, now: nowEpoch, currency: (config.currency, config.fx))
        let fileIndex = report.files.count
        report.files.append(FileLoadReport(entity: entity, file: name, bytes: reader.fileSize, sha256: "",
                                           encoding: reader.encoding.rawValue, delimiter: delimiterName(reader.delimiter)))
        var stats = report.files[fileIndex]
        loader.progress?(entity.rawValue, 0)

        let fileStarted = Date()
        let stream = ParsedRowStream(reader: reader, references: ReferenceCheck(
            entity: entity, managerIDs: masters.managerIDs, customers: masters.customers, derived: loader.derived),
            accepted: accepted, width: columns.count + (entity == .surveys ? dimensionNames.count : 0))
        while let batch = try stream.next() {
            let before = stats.rowsRead / 100_000
            stats.rowsRead += batch.count
            stats.rowsRejected += batch.rejects.count
            report.rejects += batch.rejects
            try batch.bytes.withUnsafeBufferPointer { bytes in
                for row in batch.rows {
                    if lines != nil {
                        lines!.add(row, of: batch, file: name)
                        stats.rowsLoaded += 1
                        continue
                    }
                    try stager.stage(row, of: batch, bytes: bytes, file: name)
                    remember(row, of: batch, masters: &masters)
                    stats.rowsLoaded += 1
                }
            }
            if stats.rowsRead / 100_000 != before { loader.progress?(entity.rawValue, stats.rowsRead) }
        }
        accepted = stream.acceptedRows
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

    /// A new manager or customer, for the referential checks of later files (SPEC §2.3).
    private func remember(_ row: PackedBatch.Row, of batch: PackedBatch, masters: inout MasterLists) {
        switch entity {
        case .managers: masters.managerIDs.insert(batch.string(batch.cell(row: row, column: 0))!)
        case .customers:
            let moved = batch.withText(batch.cell(row: row, column: 0)) { id in
                batch.withText(batch.cell(row: row, column: managerColumn)) { masters.customers.set(id, manager: $0) }!
            }!
            if moved { masters.customerMoved = true }
        default: break
        }
    }

    /// Merges the staged rows, records the timing and reports each row a later one
    /// replaced, with its own raw text, as a reject of its file (SPEC §2.3). When no row was
    /// replaced within the load, records its rows' latest events (`LoadReport.ownEvents`,
    /// `addedEvents`).
    package mutating func finish(into report: inout LoadReport) throws {
        let stored = Date()
        let summed = lines != nil  // its accepted rows are lines, not orders
        if var orders = lines {
            try orders.flush(into: stager)
            try reject(orders.rejected, into: &report)
            lines = nil
        }
        let superseded = try stager.finish()
        // Orders summed from lines count lines, not the orders staged: their table is scanned.
        if superseded.isEmpty && !summed {
            let rows = report.files.reduce(0) { $0 + ($1.entity == entity && reused[$1.file] == nil ? $1.rowsLoaded : 0) }
            let own = StagedTable(rows: rows, latest: accepted.latest.texts, days: accepted.latest.days)
            if holdsOtherRows { report.addedEvents[entity] = own } else { report.ownEvents[entity] = own }
        }
        if timing.rows > 0 {
            var timing = timing
            timing.seconds = stored.timeIntervalSince(started)
            timing.indexSeconds = Date().timeIntervalSince(stored)
            report.timings.append(timing)
        }
        let key = entity.keyColumns.joined(separator: "+")
        try reject(superseded.map { ($0.file, $0.line, key, .duplicate(laterFile: $0.laterFile, laterLine: $0.laterLine)) }, into: &report)
    }

    /// Rows rejected after they were counted as loaded (replaced by a later row, or lines of an
    /// order `OrderLines` could not stage): moved to rejected in their file's counts, each with
    /// its raw text read again.
    private func reject(_ lines: [(file: String, line: Int, column: String, reason: RejectReason)], into report: inout LoadReport) throws {
        for (name, rows) in Dictionary(grouping: lines, by: \.file) {
            guard let index = report.files.lastIndex(where: { $0.entity == entity && $0.file == name }) else { continue }
            report.files[index].rowsLoaded -= rows.count
            report.files[index].rowsRejected += rows.count
            let path = (loader.inputFolder as NSString).appendingPathComponent(name)
            let raws = try loader.rawRecords(path: path, file: name, spec: loader.config.input(entity), lines: Set(rows.map(\.line)))
            for row in rows { report.rejects.append(RejectedRow(file: name, line: row.line, column: row.column, reason: row.reason, raw: raws[row.line] ?? "")) }
        }
    }
}
