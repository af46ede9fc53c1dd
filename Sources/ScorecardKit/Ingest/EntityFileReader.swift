import Foundation

/// A value ready for the warehouse.
public enum StagedValue: Equatable, Sendable {
    case null
    case text(String)
    case real(Double)
    case integer(Int)

    public var text: String? { if case .text(let s) = self { return s } else { return nil } }
}

/// One row that passed the checks a single row can make, with the instants of its
/// time columns (for the entity rules and as_of).
struct ParsedRow: Sendable {
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
    /// Per column: the value when the field is empty (an enum's default, else NULL).
    private let defaults: [StagedValue]
    /// Per column: lower-cased spelling → canonical value (enums only).
    private let choices: [[String: String]]
    private let rules: EntityRules

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
            names.append(csv.string(csv.trimmedRange(i)) ?? "")
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
        defaults = columns.map { column in
            if case .choice(let type) = column.kind, !type.defaultValue.isEmpty { return .text(type.defaultValue) }
            return .null
        }
        choices = columns.map { column in
            guard case .choice(let type) = column.kind else { return [:] }
            var map: [String: String] = [:]
            for (canonical, aliases) in type.spellings {
                for a in aliases + [canonical] { map[a.lowercased()] = canonical }
            }
            return map
        }
        rules = EntityRules(entity, columns: columns)
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
        (0..<csv.fieldCount).allSatisfy { csv.trimmedRange($0).isEmpty }
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
            let range = fieldIndex[k].map { csv.trimmedRange($0) } ?? 0..<0
            if range.isEmpty {
                if column.required { return reject(column.name, .missingValue) }
                values.append(defaults[k])
                instants.append(nil)
                continue
            }
            switch parse(range, column, choices: choices[k]) {
            case .success(let (value, instant)):
                values.append(value)
                instants.append(instant)
            case .failure(let reason):
                return reject(column.name, reason)
            }
        }
        var dims: [Int?] = []
        for (k, index) in dimensionIndex.enumerated() {
            let range = index.map { csv.trimmedRange($0) } ?? 0..<0
            if range.isEmpty { dims.append(nil); continue }
            switch score(range, 1...5) {
            case .success(let v): dims.append(v)
            case .failure(let reason): return reject(dimensions[k].name, reason)
            }
        }
        if let (column, reason) = rules.check(instants) {
            return reject(column, reason)
        }
        return .success(ParsedRow(values: values, dimensions: dims, instants: instants, line: csv.line))
    }

    /// The field as text; undecodable bytes (invalid UTF-8, or U+FFFD from the transcoder) are a reject.
    private func text(_ r: Range<Int>) -> Result<String, RejectReason> {
        guard let s = csv.string(r) else { return .failure(.undecodableText) }
        if source.undecodableBytes > 0 && csv.hasReplacementCharacter(r) { return .failure(.undecodableText) }
        return .success(s)
    }

    private func parse(_ r: Range<Int>, _ column: ColumnSpec, choices: [String: String]) -> Result<(StagedValue, Int?), RejectReason> {
        let ascii = csv.isASCII(r)
        switch column.kind {
        case .text:
            return text(r).map { (.text($0), nil) }
        case .timestamp, .date:
            // Non-ASCII bytes must first be valid text (else "undecodable"), then fold to ASCII.
            if !ascii, case .failure(let e) = text(r) { return .failure(e) }
            let parsed = csv.withBytes(r) { ascii ? ValueParser.moment(ascii: $0) : ValueParser.moment(bytes: $0) }
            guard let m = parsed else { return .failure(.unparseableDate(lossy(r))) }
            let epoch: Int
            let value: String
            if case .date = column.kind {
                let date = m.offset == nil ? m.date : clock.localDate(ofEpoch: m.epoch(in: clock))
                epoch = clock.epoch(date: date)
                value = date.description
            } else {
                epoch = m.epoch(in: clock)
                value = clock.iso(epoch)
            }
            if !column.isPlan && epoch > now { return .failure(.inFuture(lossy(r))) }
            return .success((.text(value), epoch))
        case .money, .minutes:
            guard let v = number(r, ascii: ascii) else { return .failure(.unparseableNumber(lossy(r))) }
            guard v >= 0 else { return .failure(.negative(lossy(r))) }
            return .success((.real(v), nil))
        case .score(let range):
            return score(r, range).map { (.integer($0), nil) }
        case .choice:
            let t: String
            switch text(r) { case .success(let s): t = s; case .failure(let e): return .failure(e) }
            if let canonical = choices[t] ?? choices[t.lowercased()] { return .success((.text(canonical), nil)) }
            guard case .choice(let type) = column.kind else { return .failure(.undecodableText) }
            return .failure(.unknownValue(t, expected: type.spellings.map { "\($0.canonical)/\($0.aliases[0])" }))
        case .period:
            let t = lossy(r)
            guard let p = try? Period(parsing: t) else { return .failure(.unknownPeriod(t)) }
            return .success((.text(p.name), nil))
        }
    }

    private func number(_ r: Range<Int>, ascii: Bool) -> Double? {
        if ascii, let plain = csv.withBytes(r, { ValueParser.number(ascii: $0) }) { return plain }
        guard case .success = text(r) else { return nil }
        return csv.withBytes(r) { ValueParser.number(bytes: $0) }
    }

    /// The field's text for a message, whatever its bytes.
    private func lossy(_ r: Range<Int>) -> String { csv.withBytes(r) { String(decoding: $0, as: UTF8.self) } }

    private func score(_ r: Range<Int>, _ range: ClosedRange<Int>) -> Result<Int, RejectReason> {
        guard let v = number(r, ascii: csv.isASCII(r)) else { return .failure(.unparseableNumber(lossy(r))) }
        guard v == v.rounded() else { return .failure(.notWholeNumber(lossy(r))) }
        guard v >= Double(range.lowerBound), v <= Double(range.upperBound) else { return .failure(.outOfRange(lossy(r), range)) }
        return .success(Int(v))
    }
}

/// Rules across the columns of one row (SPEC §2.3 "end before start"): pairs of
/// time columns where the first must not be before the second.
struct EntityRules {
    private let pairs: [(end: Int, start: Int, endName: String, startName: String)]

    init(_ entity: Entity, columns: [ColumnSpec]) {
        let order: [(String, String)]
        switch entity {
        case .visits:
            order = [("visit_end", "visit_start"), ("report_submitted_at", "visit_start")]
        case .complaints:
            order = [("first_response_at", "received_at"), ("escalated_at", "received_at"),
                     ("resolved_at", "received_at"), ("follow_up_at", "resolved_at")]
        default:
            order = []
        }
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        pairs = order.map { (index[$0.0]!, index[$0.1]!, $0.0, $0.1) }
    }

    func check(_ instants: [Int?]) -> (String, RejectReason)? {
        for p in pairs {
            if let e = instants[p.end], let s = instants[p.start], e < s {
                return (p.endName, .endBeforeStart(end: p.endName, start: p.startName))
            }
        }
        return nil
    }
}
