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
        /// A total line (合计) under the data: not a row, and not counted as one.
        case totalRow
    }

    /// How a column's text becomes a value: the spec's kind without its strings, so
    /// the per-value path copies nothing that is reference-counted.
    private enum Reading {
        case text, id, timestamp(isPlan: Bool), date(isPlan: Bool), number(scale: Double), score(ClosedRange<Int>), choice, period, currency
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
    let mapping: HeaderMapping
    /// Lines above the header that hold a title, not columns (skipped, at most `maxTitleLines`).
    let titleLines: Int
    static let maxTitleLines = 10
    /// Where each entity column comes from (SPEC §2.5), as plain indexes: a `String`
    /// payload would be retained and released for every field read.
    private enum Source {
        case absent, field(Int), dateAndTime(date: Int, time: Int), constant(Int)
    }
    private let sources: [Source]
    /// The pipeline's constants back to back, and each one's range (`Source.constant`):
    /// stable bytes, allocated once.
    private let constantBytes: UnsafeMutableBufferPointer<UInt8>
    private let constantRanges: [Range<Int>]
    /// Where a date and a time cell are joined (`Source.dateAndTime`), allocated once.
    private let joinBuffer: UnsafeMutableBufferPointer<UInt8>
    private let dimensionIndex: [Int?]
    /// Per column: a quoted value keeps its inner spaces, placeholders are text.
    private let freeText: [Bool]
    private let placeholders: Placeholders
    private let dateOrder: DateOrder
    /// Per column: the pipeline's `values` (word → canonical), matched before the built-in words.
    private let mappedWords: [[String: String]]
    /// Per score column and per survey dimension: words that stand for a score — the
    /// pipeline's, over the built-in satisfaction words on a 1–5 scale.
    private let scoreWords: [[String: Int]]
    private let dimensionWords: [[String: Int]]
    private let money: MoneyRule?
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
    /// Per column: how many of `choiceBytes` (at the front) are the pipeline's own words.
    private let pipelineWords: [Int]
    private let rules: EntityRules

    var encoding: TextEncoding { source.encoding }
    var fileSize: Int { source.fileSize }
    /// SHA-256 of the file's bytes, complete once `next()` has returned nil.
    var sha256: String { source.sha256 }
    var delimiter: UInt8 { csv.delimiter }
    var line: Int { csv.line }
    var rawText: String { csv.rawText }

    /// - Parameters:
    ///   - currency: the pipeline's currency and the rates of others (SPEC §2.5).
    ///   - strict: false for `inspect`: a header that does not load (a required column
    ///     missing) is still read, and `mapping.problems` says what is wrong.
    init(path: String, file: String, entity: Entity, spec: InputSpec, dimensions: [SatisfactionSettings.Dimension],
         clock: ZoneClock, now: Int, currency: (code: String, fx: [String: Double]) = ("CNY", [:]), strict: Bool = true) throws {
        self.entity = entity
        self.file = file
        self.clock = clock
        self.now = now
        columns = entity.columns
        self.dimensions = entity == .surveys ? dimensions : []
        source = try UTF8ChunkReader(path: path, file: file, override: spec.encoding)
        if source.fileSize == 0 { throw IngestError.empty(file: file) }
        csv = try CSVReader(source: source, file: file, delimiter: spec.delimiter)
        var names: [String]
        (names, titleLines) = try Self.readHeader(csv, path: path, file: file, spec: spec) { [dimensions = self.dimensions] in
            Self.headerScore($0, entity: entity, spec: spec, dimensions: dimensions)
        }
        header = names
        var width = names.count
        while width > 0 && names[width - 1].isEmpty { width -= 1 }
        headerWidth = width
        mapping = HeaderMapping(entity: entity, header: names, spec: spec, dimensions: self.dimensions, file: file)
        if strict, let problem = mapping.problems.first { throw problem }
        var constants: [UInt8] = []
        var ranges: [Range<Int>] = []
        sources = mapping.sources.map { source in
            switch source {
            case .absent: return .absent
            case .field(let i): return .field(i)
            case .dateAndTime(let d, let t): return .dateAndTime(date: d, time: t)
            case .constant(let text):
                ranges.append(constants.count..<(constants.count + text.utf8.count))
                constants += text.utf8
                return .constant(ranges.count - 1)
            }
        }
        constantBytes = .allocate(capacity: max(constants.count, 1))
        _ = constantBytes.initialize(from: constants)
        constantRanges = ranges
        joinBuffer = .allocate(capacity: ValueParser.joinedCapacity(date: CSVReader.maxFieldBytes, time: CSVReader.maxFieldBytes))
        dimensionIndex = mapping.dimensionSources
        freeText = columns.map(\.isFreeText)
        placeholders = Placeholders(spec.missing)
        dateOrder = spec.dateOrder
        mappedWords = columns.map { spec.values[$0.name] ?? [:] }
        func words(_ name: String, _ range: ClosedRange<Int>) -> [String: Int] {
            let mapped = (spec.values[name] ?? [:]).compactMapValues { Int($0) }
            return range == 1...5 ? ValueParser.satisfactionWords.merging(mapped) { $1 } : mapped
        }
        scoreWords = columns.map { c in
            if case .score(let range) = c.kind { return words(c.name, range) }
            return [:]
        }
        dimensionWords = self.dimensions.map { words($0.name, 1...5) }
        money = MoneyRule(columns: columns, currency: currency.code, fx: currency.fx)
        defaults = columns.map { column in
            if case .choice(let type) = column.kind, !type.defaultValue.isEmpty { return type.defaultValue }
            return nil
        }
        readings = columns.map { column in
            switch column.kind {
            case .text: return column.isID ? .id : .text
            case .timestamp: return .timestamp(isPlan: column.isPlan)
            case .date: return .date(isPlan: column.isPlan)
            case .money: return .number(scale: spec.scale[column.name] ?? 1)
            case .minutes: return .number(scale: 1)
            case .score(let range): return .score(range)
            case .choice: return .choice
            case .period: return .period
            case .currency: return .currency
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
            // The pipeline's words win over the built-in ones (SPEC §2.5).
            for (word, canonical) in spec.values[column.name] ?? [:] { map[word.lowercased()] = canonical }
            return map
        }
        pipelineWords = mappedWords.map(\.count)
        // Exact spellings in a fixed order: the pipeline's words, then each value's
        // canonical and its aliases, most common first.
        choiceBytes = zip(columns, mappedWords).map { column, words in
            guard case .choice(let type) = column.kind else { return [] }
            let builtIn = type.spellings.flatMap { value in ([value.canonical] + value.aliases).map { ($0, value.canonical) } }
            return (words.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + builtIn).map { (Array($0.0.utf8), Array($0.1.utf8)) }
        }
        rules = EntityRules(entity, columns: columns)
    }

    deinit {
        constantBytes.deallocate()
        joinBuffer.deallocate()
    }

    /// The header's cells and how many title lines stood above it (`销售出库单列表`,
    /// `导出人：张三,导出时间：2026-10-31`). Of the first `maxTitleLines + 1` lines the
    /// header is the one naming most columns (`score`); when none names any, the first
    /// line with two values (every entity needs two columns), else the first line.
    /// `csv` is left on the header; `path` is read a second time to look ahead.
    static func readHeader(_ csv: CSVReader, path: String, file: String, spec: InputSpec,
                           score: ([String]) -> Int) throws -> (names: [String], titleLines: Int) {
        func cells(_ csv: CSVReader) -> [String] { (0..<csv.fieldCount).map { csv.string(csv.trimmedRange($0)) ?? "" } }
        let ahead = try CSVReader(source: UTF8ChunkReader(path: path, file: file, override: spec.encoding), file: file, delimiter: csv.delimiter)
        var lines: [[String]] = []
        while lines.count <= maxTitleLines, try ahead.next() { lines.append(cells(ahead)) }
        guard !lines.isEmpty else { throw IngestError.empty(file: file) }
        let scores = lines.map(score)
        var index = scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
        if scores[index] == 0 { index = lines.firstIndex { $0.filter { !$0.isEmpty }.count >= 2 } ?? 0 }
        for _ in 0...index { guard try csv.next() else { throw IngestError.empty(file: file) } }
        return (cells(csv), index)
    }

    /// How many of `entity`'s columns a header line names (constants aside): how
    /// `readHeader` tells the header from title lines above it.
    static func headerScore(_ cells: [String], entity: Entity, spec: InputSpec, dimensions: [SatisfactionSettings.Dimension]) -> Int {
        let mapping = HeaderMapping(entity: entity, header: cells, spec: spec, dimensions: dimensions, file: "")
        return mapping.sources.filter { if case .field = $0 { true } else if case .dateAndTime = $0 { true } else { false } }.count
            + mapping.dimensionSources.compactMap { $0 }.count
    }

    /// Reads the next record into `batch`; nil at the end of the file.
    func next(into batch: inout PackedBatch) throws -> Outcome? {
        while try csv.next() {
            if isBlankRecord() { continue }
            return parseRecord(into: &batch)
        }
        return nil
    }

    /// The record has the header's width, or that width without the header's trailing
    /// delimiter. One more value is not taken for a trailing delimiter the header
    /// lacks: `…,1,234.00,,,,` (an unquoted thousands separator) looks the same and
    /// would shift every later value into the wrong column.
    private func hasHeaderWidth() -> Bool {
        csv.fieldCount == header.count || csv.fieldCount == headerWidth
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
        if !hasHeaderWidth() {
            return reject("", .wrongValueCount(found: csv.fieldCount, header: headerWidth))
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
        var total = false
        let failure: (String, RejectReason)? = csv.withRecord { record in
            for k in 0..<readings.count {
                instants[k] = Int.min
                if let value = value(k, record) {
                    if let reason = parse(value, k, into: &batch, instant: &instants[k]) { return (columns[k].name, reason) }
                } else if required[k] {
                    // A total line (合计 in the id or any other cell) lacks a required value.
                    total = isTotalRow(record)
                    return (columns[k].name, .missingValue)
                } else if let value = defaults[k] {
                    batch.appendText(value)  // an enum's default
                } else {
                    batch.append(.null)
                }
            }
            for (k, index) in dimensionIndex.enumerated() {
                guard let index, case let r = record.trimmed(index), !r.isEmpty, !placeholders.matches(record.slice(r)) else {
                    batch.append(.null)
                    continue
                }
                switch score(record.slice(r), 1...5, words: dimensionWords[k]) {
                case .success(let v): batch.append(.integer(v))
                case .failure(let reason): return (dimensions[k].name, reason)
                }
            }
            return nil
        }
        if total {
            batch.discardRow()
            totalRowLines.append(csv.line)
            return .totalRow
        }
        if let (column, reason) = failure ?? money?.apply(to: &batch) ?? rules.check(instants) {
            batch.discardRow()
            return reject(column, reason)
        }
        return .row
    }

    /// Lines of total rows skipped so far (a cell `合计`, `总计`, … and a required value
    /// missing): read after the file.
    private(set) var totalRowLines: [Int] = []

    /// The words of a total line that ERP and Excel exports put under the data.
    private static let totalWords: [[UInt8]] = ["合计", "总计", "小计", "共计", "汇总", "合计：", "总计：", "合计:", "总计:", "total", "sum"].map { Array($0.utf8) }

    /// A record with a cell reading 合计/总计/小计/Total (asked only of a record that lacks
    /// a required value: a real row is never taken for one).
    private func isTotalRow(_ record: CSVReader.RecordView) -> Bool {
        for i in 0..<record.ends.count {
            let cell = record.slice(record.trimmed(i))
            if Self.totalWords.contains(where: { w in w.count == cell.count && zip(w, cell).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) } }) {
                return true
            }
        }
        return false
    }

    /// Column `k`'s value in `record`, nil when it is empty: its field (trimmed, but a
    /// quoted free text keeps its inner spaces, RFC 4180; a placeholder like `-` is
    /// empty in any column but free text, SPEC §2.1), its date and time fields joined
    /// with a space (SPEC §2.5), or the pipeline's constant. Valid until the next call.
    private func value(_ k: Int, _ record: CSVReader.RecordView) -> UnsafeBufferPointer<UInt8>? {
        switch sources[k] {
        case .absent:
            return nil
        case .field(let f):
            return fieldValue(f, k, record)
        case .dateAndTime(let d, let t):
            guard let date = fieldValue(d, k, record) else { return nil }
            let time = fieldValue(t, k, record) ?? UnsafeBufferPointer(start: nil, count: 0)
            let n = ValueParser.joinDateAndTime(date, time, into: joinBuffer)
            return UnsafeBufferPointer(rebasing: joinBuffer[0..<n])
        case .constant(let index):
            return UnsafeBufferPointer(rebasing: constantBytes[constantRanges[index]])
        }
    }

    private func fieldValue(_ f: Int, _ k: Int, _ record: CSVReader.RecordView) -> UnsafeBufferPointer<UInt8>? {
        let trimmed = record.trimmed(f)
        if trimmed.isEmpty { return nil }
        if freeText[k] { return record.slice(record.quoted[f] ? record.range(f) : trimmed) }
        let b = record.slice(trimmed)
        guard placeholders.matches(b) else { return b }
        // A word the pipeline maps (`values: {status: {"-": cancelled}}`) is a value, not a placeholder.
        return choiceBytes[k].prefix(pipelineWords[k]).contains { $0.spelling.elementsEqual(b) } ? b : nil
    }

    /// One column's value as `inspect` shows it (SPEC §2.6).
    struct FieldReading {
        /// The text as read (trimmed), nil when empty.
        var text: String?
        /// Why the value would be rejected, nil when it loads.
        var reason: RejectReason?
        /// The value as it would be stored, when it is text (an enum's canonical value).
        var value: String?
    }

    /// `inspect`: the next record read column by column, each on its own (a row that
    /// loading rejects at its first bad value still shows every column); nil at the end.
    /// A record with the wrong number of values is given as `.wrongValueCount` in every column.
    /// The entity's columns come first, then the survey dimensions.
    func inspectNext() throws -> [FieldReading]? {
        while try csv.next() {
            if isBlankRecord() { continue }
            if !hasHeaderWidth() {
                return columns.map { _ in FieldReading(text: nil, reason: .wrongValueCount(found: csv.fieldCount, header: headerWidth)) }
            }
            if csv.withRecord({ r in columns.indices.contains { required[$0] && value($0, r) == nil } && isTotalRow(r) }) {
                totalRowLines.append(csv.line)
                continue
            }
            var scratch = PackedBatch(width: columns.count, capacity: 1)
            scratch.beginRow(line: csv.line)
            var instant = Int.min
            return csv.withRecord { record in
                let fields = (0..<columns.count).map { k in
                    guard let value = value(k, record) else { return FieldReading(text: nil, reason: required[k] ? .missingValue : nil) }
                    let reason = parse(value, k, into: &scratch, instant: &instant)
                    return FieldReading(text: lossy(value), reason: reason, value: reason == nil ? scratch.cells.last.flatMap(scratch.string) : nil)
                }
                let scores = dimensionIndex.enumerated().map { d, index in
                    guard let index, case let r = record.trimmed(index), !r.isEmpty, !placeholders.matches(record.slice(r)) else {
                        return FieldReading(text: nil, reason: nil)
                    }
                    let result = score(record.slice(r), 1...5, words: dimensionWords[d])
                    return FieldReading(text: lossy(record.slice(r)), reason: { if case .failure(let e) = result { e } else { nil } }())
                }
                return fields + scores
            }
        }
        return nil
    }

    /// The field as text; undecodable bytes (invalid UTF-8, or U+FFFD from the transcoder) are a reject.
    private func text(_ b: UnsafeBufferPointer<UInt8>) -> Result<String, RejectReason> {
        if let e = undecodable(b) { return .failure(e) }
        return .success(String(decoding: b, as: UTF8.self))
    }

    /// `.undecodableText` when the bytes are not valid UTF-8 or hold U+FFFD from the
    /// transcoder; checked in place (no `String` per value).
    private func undecodable(_ b: UnsafeBufferPointer<UInt8>) -> RejectReason? {
        var iterator = b.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput:
                if source.undecodableBytes > 0 && CSVReader.hasReplacementCharacter(b) { return .undecodableText }
                return nil
            case .error: return .undecodableText
            }
        }
    }

    /// Appends column `k`'s value from the non-empty bytes `b`; the reason when it
    /// cannot be read. Nothing is appended when it returns a reason.
    private func parse(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, into batch: inout PackedBatch, instant: inout Int) -> RejectReason? {
        let ascii = !b.contains { $0 >= 0x80 }
        switch readings[k] {
        case .text:
            if !ascii, let e = undecodable(b) { return e }
            batch.appendText(b)
        case .id:
            if !ascii, let e = undecodable(b) { return e }
            // `="2506230123456789"`: how Tmall and other exports keep Excel from turning a long id into a number.
            let id = b.count >= 3 && b[0] == 0x3D && b[1] == 0x22 && b[b.count - 1] == 0x22 ? UnsafeBufferPointer(rebasing: b[2..<(b.count - 1)]) : b
            if id.isEmpty { return .missingValue }
            if ascii, ValueParser.isScientific(id) { return .idChangedByExcel(lossy(b)) }
            batch.appendText(id)
        case .timestamp(let isPlan), .date(let isPlan):
            // Non-ASCII bytes must first be valid text (else "undecodable"), then fold to ASCII.
            if !ascii, let e = undecodable(b) { return e }
            let parsed = ascii ? ValueParser.moment(ascii: b, order: dateOrder) : ValueParser.moment(bytes: b, order: dateOrder)
            guard let m = parsed else { return .unparseableDate(lossy(b)) }
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
            if !isPlan && epoch > now { return .inFuture(lossy(b)) }
            instant = epoch
        case .number(let scale):
            guard let v = number(b, ascii: ascii) else { return .unparseableNumber(lossy(b)) }
            guard v >= 0 else { return .negative(lossy(b)) }
            // Scaled amounts (万元) are kept to the cent, as every amount is summed.
            batch.append(.real(scale == 1 ? v : MoneyRule.cents(v * scale)))
        case .score(let range):
            switch score(b, range, words: scoreWords[k]) {
            case .success(let v): batch.append(.integer(v))
            case .failure(let e): return e
            }
        case .choice:
            if let exact = choiceBytes[k].first(where: { $0.spelling.count == b.count && $0.spelling.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 } })?.canonical {
                exact.withUnsafeBufferPointer { batch.appendText($0) }
                return nil
            }
            let t: String
            switch text(b) { case .success(let s): t = s; case .failure(let e): return e }
            if let canonical = choices[k][t] ?? choices[k][t.lowercased()] {
                batch.appendText(canonical)
            } else {
                guard case .choice(let type) = columns[k].kind else { return .undecodableText }
                return .unknownValue(t, expected: type.spellings.map { "\($0.canonical)/\($0.aliases[0])" })
            }
        case .currency:
            let t: String
            switch text(b) { case .success(let s): t = s; case .failure(let e): return e }
            guard let code = CurrencyCode.code(for: t, mapped: mappedWords[k]) else {
                return .unknownValue(t, expected: ["a currency code like CNY or USD (map other words under values: currency:)"])
            }
            batch.appendText(code)
        case .period:
            let t = lossy(b)
            guard let p = try? Period(parsing: t) else { return .unknownPeriod(t) }
            batch.appendText(p.name)
        }
        return nil
    }

    private func number(_ b: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Double? {
        if ascii, let plain = ValueParser.number(ascii: b) { return plain }
        guard undecodable(b) == nil else { return nil }
        return ValueParser.number(bytes: b)
    }

    /// The field's text for a message, whatever its bytes.
    private func lossy(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// A score: a number (`5`, `5分`, `★★★★☆`), or a word the pipeline or the built-in
    /// satisfaction words give a score (`非常满意` → 5 on a 1–5 column).
    private func score(_ b: UnsafeBufferPointer<UInt8>, _ range: ClosedRange<Int>, words: [String: Int]) -> Result<Int, RejectReason> {
        if !b.contains(where: { $0 >= 0x80 }), let v = ValueParser.number(ascii: b) { return checked(v, b, range) }
        if let e = undecodable(b) { return .failure(e) }
        if let v = ValueParser.score(bytes: b) { return checked(v, b, range) }
        if let v = words[lossy(b)] { return .success(v) }
        return .failure(.unparseableNumber(lossy(b)))
    }

    private func checked(_ v: Double, _ b: UnsafeBufferPointer<UInt8>, _ range: ClosedRange<Int>) -> Result<Int, RejectReason> {
        guard v == v.rounded() else { return .failure(.notWholeNumber(lossy(b))) }
        guard v >= Double(range.lowerBound), v <= Double(range.upperBound) else { return .failure(.outOfRange(lossy(b), range)) }
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
