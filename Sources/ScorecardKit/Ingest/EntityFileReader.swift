import Foundation

/// A value ready for the warehouse.
public enum StagedValue: Equatable, Sendable {
    case null
    case text(String)
    case real(Double)
    case integer(Int)

    public var text: String? { if case .text(let s) = self { return s } else { return nil } }
    public var real: Double? { if case .real(let d) = self { return d } else { return nil } }
    public var integer: Int? { if case .integer(let i) = self { return i } else { return nil } }
}

/// One row that passed the checks a single row can make, with the instants of its
/// time columns (for the entity rules and as_of).
struct ParsedRow {
    /// Aligned with `Entity.columns`.
    var values: [StagedValue]
    /// Survey dimension scores, aligned with the pipeline's dimensions.
    var dimensions: [Int?]
    /// Instant (epoch seconds) or local day start of each time/date column, aligned with `values`.
    var instants: [Int?]
    var line: Int
}

/// Reads one export file of one entity: header mapping, value parsing and the
/// single-row checks of SPEC §2.3. Referential and duplicate checks need the
/// whole load and happen in the `Loader`.
final class EntityFileReader {
    let entity: Entity
    let file: String
    let columns: [ColumnSpec]
    let dimensions: [SatisfactionSettings.Dimension]
    let header: [String]
    private let csv: CSVReader
    private let source: UTF8ChunkReader
    private let clock: ZoneClock
    private let now: Int
    /// Field index of each entity column (nil = column absent).
    private let fieldIndex: [Int?]
    private let dimensionIndex: [Int?]
    /// Header width without trailing empty header cells.
    private let headerWidth: Int

    var encoding: TextEncoding { source.encoding }
    var fileSize: Int { source.fileSize }
    /// SHA-256 of the file's bytes, complete once `next()` has returned nil.
    var sha256: String { source.sha256 }
    var delimiter: UInt8 { csv.delimiter }
    var line: Int { csv.line }
    var rawText: String { csv.rawText }

    init(path: String, file: String, entity: Entity, spec: InputSpec, dimensions: [SatisfactionSettings.Dimension],
         clock: ZoneClock, now: Int) throws {
        self.entity = entity
        self.file = file
        self.clock = clock
        self.now = now
        columns = entity.columns
        self.dimensions = entity == .surveys ? dimensions : []
        source = try UTF8ChunkReader(path: path, file: file, override: spec.encoding)
        if source.fileSize == 0 { throw IngestError.empty(file: file) }
        csv = try CSVReader(source: source, file: file, delimiter: spec.delimiter)
        guard try csv.next() else { throw IngestError.empty(file: file) }
        var names: [String] = []
        for i in 0..<csv.fieldCount {
            names.append(csv.string(i).map { String(ValueParser.trim(Substring($0))) } ?? "")
        }
        header = names
        var width = names.count
        while width > 0 && names[width - 1].isEmpty { width -= 1 }
        headerWidth = width
        let normalized = names.map(Self.normalize)
        func find(_ candidates: [String]) -> Int? {
            let wanted = Set(candidates.map(Self.normalize))
            return normalized.firstIndex { wanted.contains($0) }
        }
        var indices: [Int?] = []
        var taken: [Int: String] = [:]
        for column in columns {
            var candidates = [column.name, column.chineseName]
            if let mapped = spec.columns[column.name] { candidates.insert(mapped, at: 0) }
            if column.name == "duration_min" { candidates += ["时长", "duration", "duration_minutes"] }
            let index = find(candidates)
            if let index {
                if taken[index] != nil { throw IngestError.duplicateColumn(file: file, column: column.name) }
                taken[index] = column.name
            }
            if column.required && index == nil {
                throw IngestError.missingColumn(file: file, column: "\(column.name) / \(column.chineseName)", header: names)
            }
            indices.append(index)
        }
        fieldIndex = indices
        dimensionIndex = self.dimensions.map { d in find([spec.columns[d.name] ?? d.header, d.name, d.header]) }
    }

    /// Header text compared case- and space-insensitively; `Order ID` = `order_id`.
    static func normalize(_ s: String) -> String {
        ValueParser.halfWidth(s).lowercased()
            .replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: "（", with: "(")
            .replacingOccurrences(of: "）", with: ")")
    }

    /// Reads the next record: a parsed row, a reject, or nil at the end of the file.
    func next() throws -> Result<ParsedRow, RejectedRow>? {
        while try csv.next() {
            if isBlankRecord() { continue }
            return parseRecord()
        }
        return nil
    }

    /// A line of only delimiters (`,,,,`) is a blank line, as Excel writes them.
    private func isBlankRecord() -> Bool {
        for i in 0..<csv.fieldCount where !csv.isEmpty(i) {
            if let s = csv.string(i), ValueParser.trim(Substring(s)).isEmpty { continue }
            return false
        }
        return true
    }

    func reject(_ column: String, _ reason: RejectReason) -> Result<ParsedRow, RejectedRow> {
        .failure(RejectedRow(file: file, line: csv.line, column: column, reason: reason, raw: csv.rawText))
    }

    private func parseRecord() -> Result<ParsedRow, RejectedRow> {
        // Every row has the header's width (or the width without the header's trailing
        // delimiter): anything else is an unquoted delimiter or a cut row, and loading
        // it would shift values into the wrong columns.
        let count = csv.fieldCount
        if count != header.count && count != headerWidth {
            return reject("", .wrongValueCount(found: count, header: headerWidth))
        }
        if let big = csv.oversizedField {
            let name = big.index < header.count ? header[big.index] : ""
            return reject(name, .tooLong(bytes: big.bytes))
        }
        var values: [StagedValue] = []
        var instants: [Int?] = []
        values.reserveCapacity(columns.count)
        instants.reserveCapacity(columns.count)
        for (k, column) in columns.enumerated() {
            var text = ""
            if let index = fieldIndex[k], index < csv.fieldCount {
                guard let s = csv.string(index), !s.contains("\u{FFFD}") else { return reject(column.name, .undecodableText) }
                text = String(ValueParser.trim(Substring(s)))
            }
            if text.isEmpty {
                if column.required { return reject(column.name, .missingValue) }
                if case .choice(let type) = column.kind, !type.defaultValue.isEmpty {
                    values.append(.text(type.defaultValue))
                } else {
                    values.append(.null)
                }
                instants.append(nil)
                continue
            }
            switch parse(text, column) {
            case .success(let (value, instant)):
                values.append(value)
                instants.append(instant)
            case .failure(let reason):
                return reject(column.name, reason)
            }
        }
        var dims: [Int?] = []
        for (k, index) in dimensionIndex.enumerated() {
            guard let index, index < csv.fieldCount else { dims.append(nil); continue }
            guard let s = csv.string(index) else { return reject(dimensions[k].name, .undecodableText) }
            let text = String(ValueParser.trim(Substring(s)))
            if text.isEmpty { dims.append(nil); continue }
            switch score(text, 1...5) {
            case .success(let v): dims.append(v)
            case .failure(let reason): return reject(dimensions[k].name, reason)
            }
        }
        if let (column, reason) = EntityRules.check(entity, values: values, instants: instants, columns: columns) {
            return reject(column, reason)
        }
        return .success(ParsedRow(values: values, dimensions: dims, instants: instants, line: csv.line))
    }

    private func parse(_ text: String, _ column: ColumnSpec) -> Result<(StagedValue, Int?), RejectReason> {
        switch column.kind {
        case .text:
            return .success((.text(text), nil))
        case .timestamp:
            guard let m = ValueParser.moment(text) else { return .failure(.unparseableDate(text)) }
            let epoch = m.epoch(in: clock)
            if !column.isPlan && epoch > now { return .failure(.inFuture(text)) }
            return .success((.text(clock.iso(epoch)), epoch))
        case .date:
            guard let m = ValueParser.moment(text) else { return .failure(.unparseableDate(text)) }
            let date = m.offset == nil ? m.date : clock.localDate(ofEpoch: m.epoch(in: clock))
            let dayStart = clock.epoch(date: date)
            if !column.isPlan && dayStart > now { return .failure(.inFuture(text)) }
            return .success((.text(date.description), dayStart))
        case .money:
            guard let v = ValueParser.number(text) else { return .failure(.unparseableNumber(text)) }
            guard v >= 0 else { return .failure(.negative(text)) }
            return .success((.real(v), nil))
        case .minutes:
            guard let v = ValueParser.number(text) else { return .failure(.unparseableNumber(text)) }
            guard v >= 0 else { return .failure(.negative(text)) }
            return .success((.real(v), nil))
        case .score(let range):
            return score(text, range).map { (.integer($0), nil) }
        case .choice(let type):
            let lowered = text.lowercased()
            for (canonical, aliases) in type.spellings where aliases.contains(where: { $0.lowercased() == lowered }) {
                return .success((.text(canonical), nil))
            }
            let expected = type.spellings.map { "\($0.canonical)/\($0.aliases[0])" }
            return .failure(.unknownValue(text, expected: expected))
        case .period:
            guard let p = try? Period(parsing: text) else { return .failure(.unknownPeriod(text)) }
            return .success((.text(p.name), nil))
        }
    }

    private func score(_ text: String, _ range: ClosedRange<Int>) -> Result<Int, RejectReason> {
        guard let v = ValueParser.number(text) else { return .failure(.unparseableNumber(text)) }
        guard v == v.rounded() else { return .failure(.notWholeNumber(text)) }
        guard v >= Double(range.lowerBound), v <= Double(range.upperBound) else { return .failure(.outOfRange(text, range)) }
        return .success(Int(v))
    }
}

/// Rules across the columns of one row (SPEC §2.3 "end before start").
enum EntityRules {
    static func check(_ entity: Entity, values: [StagedValue], instants: [Int?], columns: [ColumnSpec]) -> (String, RejectReason)? {
        func instant(_ name: String) -> Int? { columns.firstIndex { $0.name == name }.flatMap { instants[$0] } }
        func notBefore(_ end: String, _ start: String) -> (String, RejectReason)? {
            guard let e = instant(end), let s = instant(start), e < s else { return nil }
            return (end, .endBeforeStart(end: end, start: start))
        }
        switch entity {
        case .visits:
            return notBefore("visit_end", "visit_start") ?? notBefore("report_submitted_at", "visit_start")
        case .complaints:
            return notBefore("first_response_at", "received_at") ?? notBefore("escalated_at", "received_at")
                ?? notBefore("resolved_at", "received_at") ?? notBefore("follow_up_at", "resolved_at")
        default:
            return nil
        }
    }
}
