import Foundation

/// Reads one export file of one entity: header mapping, value parsing and the
/// single-row checks of SPEC §2.3, writing each row into a `PackedBatch`.
/// Referential and duplicate checks need the whole load and happen in the
/// `ParsedRowStream` and the `Loader`.
final class EntityFileReader {
    /// What `next(into:)` read: a row now last in the batch, or a rejected record.
    enum Outcome {
        case row
        case rejected(RejectedRow)
    }

    /// How a column's text becomes a value: the spec's kind without its strings, so
    /// the per-value path copies nothing that is reference-counted.
    private enum Reading {
        case text, timestamp(isPlan: Bool), date(isPlan: Bool), number, score(ClosedRange<Int>), choice, period
    }

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
    /// Per column: the text when the field is empty (an enum's default), else NULL.
    private let defaults: [String?]
    private let readings: [Reading]
    private let required: [Bool]
    /// Instant (epoch seconds) or local day start of each time/date column of the
    /// current row, `Int.min` when empty: for the entity rules.
    private var instants: [Int]
    /// Per column: lower-cased spelling → canonical value (enums only).
    private let choices: [[String: String]]
    /// Per column: each spelling's bytes and its canonical value's bytes, matched in
    /// place before the case-insensitive lookup (no `String` for the usual value).
    private let choiceBytes: [[(spelling: [UInt8], canonical: [UInt8])]]
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
            if case .choice(let type) = column.kind, !type.defaultValue.isEmpty { return type.defaultValue }
            return nil
        }
        readings = columns.map { column in
            switch column.kind {
            case .text: return .text
            case .timestamp: return .timestamp(isPlan: column.isPlan)
            case .date: return .date(isPlan: column.isPlan)
            case .money, .minutes: return .number
            case .score(let range): return .score(range)
            case .choice: return .choice
            case .period: return .period
            }
        }
        required = columns.map(\.required)
        instants = Array(repeating: Int.min, count: columns.count)
        choices = columns.map { column in
            guard case .choice(let type) = column.kind else { return [:] }
            var map: [String: String] = [:]
            for (canonical, aliases) in type.spellings {
                for a in aliases + [canonical] { map[a.lowercased()] = canonical }
            }
            return map
        }
        choiceBytes = choices.map { map in map.map { (Array($0.key.utf8), Array($0.value.utf8)) } }
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

    /// Reads the next record into `batch`; nil at the end of the file.
    func next(into batch: inout PackedBatch) throws -> Outcome? {
        while try csv.next() {
            if isBlankRecord() { continue }
            return parseRecord(into: &batch)
        }
        return nil
    }

    /// A line of only delimiters (`,,,,`) is a blank line, as Excel writes them.
    private func isBlankRecord() -> Bool {
        (0..<csv.fieldCount).allSatisfy { csv.trimmedRange($0).isEmpty }
    }

    func reject(_ column: String, _ reason: RejectReason) -> Outcome {
        .rejected(RejectedRow(file: file, line: csv.line, column: column, reason: reason, raw: csv.rawText))
    }

    private func parseRecord(into batch: inout PackedBatch) -> Outcome {
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
        // Used from a local: see `CSVReader.Record`.
        var instants: [Int] = []
        swap(&instants, &self.instants)
        defer { swap(&instants, &self.instants) }
        batch.beginRow(line: csv.line)
        for k in 0..<readings.count {
            let range = fieldIndex[k].map { csv.trimmedRange($0) } ?? 0..<0
            instants[k] = Int.min
            if range.isEmpty {
                if required[k] {
                    batch.discardRow()
                    return reject(columns[k].name, .missingValue)
                }
                if let value = defaults[k] { batch.appendText(value) } else { batch.append(.null) }
                continue
            }
            if let reason = parse(range, k, into: &batch, instant: &instants[k]) {
                batch.discardRow()
                return reject(columns[k].name, reason)
            }
        }
        for (k, index) in dimensionIndex.enumerated() {
            let range = index.map { csv.trimmedRange($0) } ?? 0..<0
            if range.isEmpty { batch.append(.null); continue }
            switch score(range, 1...5) {
            case .success(let v): batch.append(.integer(v))
            case .failure(let reason):
                batch.discardRow()
                return reject(dimensions[k].name, reason)
            }
        }
        if let (column, reason) = rules.check(instants) {
            batch.discardRow()
            return reject(column, reason)
        }
        return .row
    }

    /// The field as text; undecodable bytes (invalid UTF-8, or U+FFFD from the transcoder) are a reject.
    private func text(_ r: Range<Int>) -> Result<String, RejectReason> {
        if let e = undecodable(r) { return .failure(e) }
        return .success(csv.withBytes(r) { String(decoding: $0, as: UTF8.self) })
    }

    /// `.undecodableText` when the field is not valid UTF-8 or holds U+FFFD from the
    /// transcoder; checked in place (no `String` per value).
    private func undecodable(_ r: Range<Int>) -> RejectReason? {
        let valid = csv.withBytes(r) { bytes in
            var iterator = bytes.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
        if !valid || (source.undecodableBytes > 0 && csv.hasReplacementCharacter(r)) { return .undecodableText }
        return nil
    }

    /// Appends column `k`'s value from the field `r`; the reason when it cannot be read.
    private func parse(_ r: Range<Int>, _ k: Int, into batch: inout PackedBatch, instant: inout Int) -> RejectReason? {
        let ascii = csv.isASCII(r)
        switch readings[k] {
        case .text:
            if !ascii, let e = undecodable(r) { return e }
            csv.withBytes(r) { batch.appendText($0) }
        case .timestamp(let isPlan), .date(let isPlan):
            // Non-ASCII bytes must first be valid text (else "undecodable"), then fold to ASCII.
            if !ascii, let e = undecodable(r) { return e }
            let parsed = csv.withBytes(r) { ascii ? ValueParser.moment(ascii: $0) : ValueParser.moment(bytes: $0) }
            guard let m = parsed else { return .unparseableDate(lossy(r)) }
            let epoch: Int
            if case .date = readings[k] {
                let date = m.offset == nil ? m.date : clock.localDate(ofEpoch: m.epoch(in: clock))
                epoch = clock.epoch(date: date)
                batch.appendText(count: CivilDate.textLength) { date.write(into: $0) }
            } else if m.offset == nil, let seconds = m.secondsOfDay {
                // Local time (the usual export): its instant, and the ISO text straight
                // from the parsed fields unless the zone skips that hour (DST gap).
                let local = m.date.daysSinceEpoch * 86_400 + seconds
                epoch = clock.epoch(fromLocal: local)
                let offset = clock.offset(atEpoch: epoch)
                if epoch + offset == local {
                    batch.appendText(count: ZoneClock.isoLength) { ZoneClock.writeISO(m.date, secondsOfDay: seconds, offset: offset, into: $0) }
                } else {
                    batch.appendText(count: ZoneClock.isoLength) { clock.writeISO(epoch, into: $0) }
                }
            } else {
                epoch = m.epoch(in: clock)
                batch.appendText(count: ZoneClock.isoLength) { clock.writeISO(epoch, into: $0) }
            }
            if !isPlan && epoch > now { return .inFuture(lossy(r)) }
            instant = epoch
        case .number:
            guard let v = number(r, ascii: ascii) else { return .unparseableNumber(lossy(r)) }
            guard v >= 0 else { return .negative(lossy(r)) }
            batch.append(.real(v))
        case .score(let range):
            switch score(r, range) {
            case .success(let v): batch.append(.integer(v))
            case .failure(let e): return e
            }
        case .choice:
            let exact = csv.withBytes(r) { field in choiceBytes[k].first { $0.spelling.elementsEqual(field) }?.canonical }
            if let exact {
                exact.withUnsafeBufferPointer { batch.appendText($0) }
                return nil
            }
            let t: String
            switch text(r) { case .success(let s): t = s; case .failure(let e): return e }
            if let canonical = choices[k][t] ?? choices[k][t.lowercased()] {
                batch.appendText(canonical)
            } else {
                guard case .choice(let type) = columns[k].kind else { return .undecodableText }
                return .unknownValue(t, expected: type.spellings.map { "\($0.canonical)/\($0.aliases[0])" })
            }
        case .period:
            let t = lossy(r)
            guard let p = try? Period(parsing: t) else { return .unknownPeriod(t) }
            batch.appendText(p.name)
        }
        return nil
    }

    private func number(_ r: Range<Int>, ascii: Bool) -> Double? {
        if ascii, let plain = csv.withBytes(r, { ValueParser.number(ascii: $0) }) { return plain }
        guard undecodable(r) == nil else { return nil }
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

    /// `instants`: per column, `Int.min` when empty.
    func check(_ instants: [Int]) -> (String, RejectReason)? {
        for p in pairs {
            let e = instants[p.end], s = instants[p.start]
            if e != Int.min, s != Int.min, e < s {
                return (p.endName, .endBeforeStart(end: p.endName, start: p.startName))
            }
        }
        return nil
    }
}
