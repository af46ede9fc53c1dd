import Foundation
import ScorecardModel
import ScorecardPipeline

/// `scorecard inspect` (SPEC §2.6): reads every export in a folder with the same
/// reader and mapping that loading uses — so what it calls readable loads — and
/// tells per file and column what keeps it from loading.
public enum ExportInspector {
    /// Inspects every `*.csv` (and `*.txt`, `*.tsv`) file in `folder` against `config`.
    ///
    /// - Throws: `IngestError.noInputFolder` when the folder cannot be read; a file that
    ///   cannot be read is reported in its inspection, not thrown.
    public static func inspect(folder: String, config: PipelineConfig, now: Date = Date()) throws -> [FileInspection] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { throw IngestError.noInputFolder(folder) }
        let files = names.filter { n in ["csv", "txt", "tsv"].contains((n as NSString).pathExtension.lowercased()) }.sorted()
        return files.map { inspect(file: $0, folder: folder, config: config, now: now) }
    }

    package static func inspect(file: String, folder: String, config: PipelineConfig, now: Date) -> FileInspection {
        var result = FileInspection(file: file)
        let path = (folder as NSString).appendingPathComponent(file)
        do {
            try InputFile.check(file, in: folder)
            let byName = Entity.allCases.first { e in config.input(e).files.contains { glob($0, matches: file) } }
            // The pipeline's encoding and delimiter for a file it names; detected otherwise.
            let header = try readHeader(path: path, file: file, entity: byName, config: config)
            result.header = header
            if let entity = byName {
                result.entity = entity
                result.matchedBy = .name
            } else if let (entity, match) = entityByHeader(header, config: config), match == .header {
                result.entity = entity
                result.matchedBy = match
            } else if let entity = Entity.byName(file) {
                // The name's words (订单, 投诉, tickets…) before a guess from the headers' words.
                result.entity = entity
                result.matchedBy = .nameWords
            } else if let (entity, match) = entityByHeader(header, config: config) {
                result.entity = entity
                result.matchedBy = match
            }
            guard let entity = result.entity else {
                result.usage = header.map { _ in .init(columns: [], mapped: false) }
                return result
            }
            try read(path: path, entity: entity, config: config, now: now, into: &result)
        } catch {
            result.error = error.localizedDescription
        }
        return result
    }

    /// The header as loading will find it: for an entity known by name with its pipeline
    /// settings, else the line naming most columns of any entity.
    private static func readHeader(path: String, file: String, entity: Entity?, config: PipelineConfig) throws -> [String] {
        let spec = entity.map(config.input) ?? InputSpec(entity: .orders)
        let source = try UTF8ChunkReader(path: path, file: file, override: spec.encoding)
        if source.fileSize == 0 { throw IngestError.empty(file: file) }
        let csv = try CSVReader(source: source, file: file, delimiter: spec.delimiter)
        let dimensions = config.satisfaction.dimensions
        return try EntityFileReader.readHeader(csv, path: path, file: file, spec: spec) { cells in
            if let entity { return EntityFileReader.headerScore(cells, entity: entity, spec: spec, dimensions: dimensions) }
            return Entity.allCases.map { EntityFileReader.headerScore(cells, entity: $0, spec: InputSpec(entity: $0), dimensions: dimensions) }.max() ?? 0
        }.names
    }

    /// The entity a file with an unknown name holds, judged by its header: first an
    /// entity all of whose required columns it names (most columns named wins); else
    /// one whose every required column has a candidate header (`.guess`: 合同号 may be
    /// an order id, 签约日期 its date) — so a contract sheet with 客户编号 and 客户名称 is
    /// not taken for a customer list; else one whose id column it names. A guess
    /// (`.guess`) when the chosen entity's id column is not among the names.
    package static func entityByHeader(_ header: [String], config: PipelineConfig) -> (Entity, FileInspection.Match)? {
        var best: (entity: Entity, tier: Int, found: Int, requiredFound: Int, idNamed: Bool)?
        for entity in Entity.allCases {
            let mapping = HeaderMapping(entity: entity, header: header, spec: InputSpec(entity: entity),
                                        dimensions: config.satisfaction.dimensions, file: "")
            let unused = mapping.usage.indices.filter { mapping.usage[$0].columns.isEmpty }
            let required = entity.columns.indices.filter { entity.columns[$0].required }
            let requiredFound = required.filter { mapping.sources[$0] != .absent }.count
            let candidates = required.filter {
                mapping.sources[$0] == .absent && !HeaderCandidates.for(entity.columns[$0], header: header, unused: unused).isEmpty
            }.count
            let tier: Int
            // Every required column named (an amount may be quantity × unit price).
            if mapping.problems.isEmpty { tier = 3 }
            else if requiredFound + candidates == required.count, entity != .targets { tier = 2 }
            else if mapping.sources[0] != .absent { tier = 1 }
            else { continue }
            let found = mapping.sources.filter { $0 != .absent }.count
            if let b = best, (b.tier, b.requiredFound, b.found) >= (tier, requiredFound, found) { continue }
            best = (entity, tier, found, requiredFound, mapping.sources[0] != .absent)
        }
        guard let best else { return nil }
        // A guess when not even the entity's id column is named.
        return (best.entity, best.idNamed ? .header : .guess)
    }

    private static func read(path: String, entity: Entity, config: PipelineConfig, now: Date, into result: inout FileInspection) throws {
        let clock = ZoneClock(timeZone: config.timeZone)
        let spec = config.input(entity)
        let reader = try EntityFileReader(path: path, file: result.file, entity: entity, spec: spec,
                                          dimensions: config.satisfaction.dimensions, clock: clock,
                                          now: Int(now.timeIntervalSince1970), currency: (config.currency, config.fx), strict: false)
        describeHeader(of: reader, entity: entity, into: &result)
        let (fieldIndexes, inspected) = columns(of: reader, entity: entity, header: result.header)
        var columns = inspected
        var wordCounts = columns.map { _ in [String: (count: Int, canonical: String?)]() }
        // Ids seen, to find repeats (line items of one order, a re-exported row); bounded.
        var ids: Set<String> = []
        var repeated: Set<String> = []
        while let fields = try reader.inspectNext() {
            result.rows += 1
            if case .wrongValueCount = fields.first?.reason {
                result.wrongWidthRows += 1
                continue
            }
            if entity.keyColumns.count == 1 { noteRepeat(fields[0], ids: &ids, repeated: &repeated, examples: &result.repeatedExamples) }
            for (i, k) in fieldIndexes.enumerated() { tally(fields[k], &columns[i], words: &wordCounts[i]) }
        }
        result.rows += reader.cutRows
        result.wrongWidthRows += reader.cutRows
        result.repeatedIDs = repeated.count
        result.notDataLines = reader.notDataLines
        result.skippedRows = reader.skippedRows
        for i in columns.indices {
            columns[i].words = wordCounts[i].map { .init(word: $0.key, count: $0.value.count, canonical: $0.value.canonical) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.word < $1.word }
        }
        result.columns = columns
    }

    /// The file's shape and header as `reader` found them: encoding, delimiter, title lines,
    /// each cell's use, headers in two cells, required columns missing.
    private static func describeHeader(of reader: EntityFileReader, entity: Entity, into result: inout FileInspection) {
        result.encoding = reader.encoding.rawValue
        result.titleLines = reader.titleLines
        result.headerLine = reader.headerLine
        result.delimiter = delimiterName(reader.delimiter)
        result.usage = reader.mapping.usage.map { .init(columns: $0.columns, mapped: $0.mapped) }
        result.header = reader.header
        result.problems = reader.mapping.problems
        let normalized = reader.header.map(HeaderMapping.normalize)
        result.repeatedHeaders = reader.header.indices.filter { i in
            !reader.mapping.usage[i].columns.isEmpty && !normalized[i].isEmpty && normalized.filter { $0 == normalized[i] }.count > 1
        }.map { reader.header[$0] }
        result.missingRequired = entity.columns.indices.filter { entity.columns[$0].required && reader.mapping.sources[$0] == .absent }
            .map { entity.columns[$0].name }
    }

    /// The columns the file has, the survey dimensions after the entity's columns (`inspectNext`
    /// gives them in that order), and where each is in the fields `inspectNext` gives.
    private static func columns(of reader: EntityFileReader, entity: Entity, header: [String]) -> (fieldIndexes: [Int], columns: [ColumnInspection]) {
        let present = entity.columns.indices.filter { reader.mapping.sources[$0] != .absent }
        var columns = present.map { k in
            ColumnInspection(name: entity.columns[k].name, source: reader.mapping.sources[k], header: header,
                             kind: kind(entity.columns[k]))
        }
        let dimensions = reader.dimensions
        for (d, index) in reader.mapping.dimensionSources.enumerated() {
            guard let index else { continue }
            columns.append(ColumnInspection(name: dimensions[d].name, source: .field(index), header: header, kind: .score))
        }
        let fieldIndexes = present + reader.mapping.dimensionSources.indices.filter { reader.mapping.dimensionSources[$0] != nil }
            .map { entity.columns.count + $0 }
        return (fieldIndexes, columns)
    }

    /// A row's id, remembered (up to `maxIDsChecked`) to find ids on more than one row; the
    /// first three such ids are the examples.
    private static func noteRepeat(_ field: EntityFileReader.FieldReading, ids: inout Set<String>, repeated: inout Set<String>,
                                   examples: inout [String]) {
        guard field.reason == nil, let id = field.value ?? field.text, ids.count < maxIDsChecked else { return }
        if !ids.insert(id).inserted, repeated.insert(id).inserted, examples.count < 3 {
            examples.append(id)
        }
    }

    /// One value of `column`: filled and readable counts, enum and score words, ids Excel
    /// changed, dates with the year last or none, and the first failures.
    private static func tally(_ field: EntityFileReader.FieldReading, _ column: inout ColumnInspection,
                              words: inout [String: (count: Int, canonical: String?)]) {
        guard let text = field.text else { return }
        column.filled += 1
        if field.reason == nil { column.readable += 1 }
        switch (column.kind, field.reason) {
        case (.choice, .some(.unknownValue)), (.choice, nil):
            let canonical = field.reason == nil ? field.value : nil
            if words[text] != nil || words.count < ColumnInspection.maxWords {
                words[text, default: (0, canonical)].count += 1
            } else {
                column.moreWords += 1
            }
            return
        case (.score, .some(.unparseableNumber)):
            // A word standing for a score (`非常满意`, `优`): the pipeline's values: can say which.
            if words[text] != nil || words.count < ColumnInspection.maxWords {
                words[text, default: (0, nil)].count += 1
            }
        case (_, .some(.idChangedByExcel)):
            column.scientificIDs += 1
        case (.date, .some(.unparseableDate)):
            noteYearLast(text, &column)
        case (.date, .some(.yearMissing)):
            column.yearless += 1
        default:
            break
        }
        if let reason = field.reason, column.failures.count < 3 {
            // A robot's URL is shown masked, even when it cannot be read (SPEC §4.5).
            column.failures.append((SecretURL.maskingURLs(in: text), reason.description))
        }
    }

    /// How many distinct ids `inspect` remembers to find repeated ones (memory bound).
    package static let maxIDsChecked = 1_000_000

    private static func noteYearLast(_ text: String, _ column: inout ColumnInspection) {
        guard let parts = Moment.yearLastParts(text) else { return }
        column.yearLast.count += 1
        if parts.first > 12 { column.yearLast.firstAbove12 += 1 }
        if parts.second > 12 { column.yearLast.secondAbove12 += 1 }
    }

    private static func kind(_ column: ColumnSpec) -> ColumnInspection.Kind {
        switch column.kind {
        case .text: return column.isID ? .id : .text
        case .timestamp, .date: return .date
        case .money, .number: return .number
        case .score: return .score
        case .choice, .currency: return .choice
        case .period, .covered: return .other
        }
    }
}
