import ScorecardModel
import ScorecardPipeline

/// The per-file tables `init` builds once, so that reading a value looks things up by
/// column index and copies nothing reference-counted.
extension EntityFileReader {
    /// Header width without trailing empty header cells.
    package static func width(of header: [String]) -> Int {
        var width = header.count
        while width > 0 && header[width - 1].isEmpty { width -= 1 }
        return width
    }

    /// Every header spelling of the entity, normalised: built-in, the pipeline's, this file's.
    package static func knownHeaders(_ entity: Entity, spec: InputSpec, dimensions: [SatisfactionSettings.Dimension], header: [String]) -> Set<String> {
        Set((entity.columns.flatMap(\.headers) + spec.columns.values.flatMap { $0 } + spec.durations.values.map(\.header)
             + dimensions.flatMap { [$0.header, $0.name] } + header).map(HeaderMapping.normalize).filter { !$0.isEmpty })
    }

    /// The mapping's sources as plain indexes (a duration reads its field), and the
    /// pipeline's constants back to back with each one's range.
    package static func sources(of mapping: HeaderMapping) -> (sources: [Source], constants: [UInt8], ranges: [Range<Int>]) {
        var constants: [UInt8] = []
        var ranges: [Range<Int>] = []
        let sources = mapping.sources.map { source -> Source in
            switch source {
            case .absent: return .absent
            case .field(let i): return .field(i)
            case .dateAndTime(let d, let t): return .dateAndTime(date: d, time: t)
            case .duration(let f, _, _): return .field(f)
            case .constant(let text):
                ranges.append(constants.count..<(constants.count + text.utf8.count))
                constants += text.utf8
                return .constant(ranges.count - 1)
            }
        }
        return (sources, constants, ranges)
    }

    /// Per score column: the words that stand for a score (empty for other columns).
    package static func scoreWords(_ columns: [ColumnSpec], spec: InputSpec) -> [[String: Int]] {
        columns.map { c in
            if case .score(let range) = c.kind { return scoreWords(c.name, range, spec: spec) }
            return [:]
        }
    }

    /// The words of the score column `name`: the pipeline's, over the built-in satisfaction
    /// words on a 1–5 scale.
    package static func scoreWords(_ name: String, _ range: ClosedRange<Int>, spec: InputSpec) -> [String: Int] {
        let mapped = (spec.values[name] ?? [:]).compactMapValues { Int($0) }
        return range == 1...5 ? ValueParser.satisfactionWords.merging(mapped) { $1 } : mapped
    }

    /// Per column: the text when the field is empty (an enum's default; '' for a derived
    /// customer list's manager and for an optional key column), else nil (NULL).
    package static func defaults(_ columns: [ColumnSpec], entity: Entity, spec: InputSpec) -> [String?] {
        columns.map { column in
            if case .choice(let type) = column.kind, !type.defaultValue.isEmpty { return type.defaultValue }
            if entity == .customers, spec.derive, column.name == "manager_id" { return "" }
            // A key is never NULL (a target's manager or team, a submission's item: SPEC §3.11, §3.12).
            if !column.required, entity.keyColumns.contains(column.name) { return "" }
            return nil
        }
    }

    package static func readings(_ columns: [ColumnSpec], spec: InputSpec) -> [Reading] {
        columns.map { column in
            switch column.kind {
            case .text: return column.isSecret ? .secret : column.isID ? .id : .text
            case .timestamp: return .timestamp(isPlan: column.isPlan)
            case .date: return .date(isPlan: column.isPlan)
            case .money: return .money(scale: spec.scale[column.name].flatMap(ExactAmount.init))
            case .number: return .number
            case .score(let range): return .score(range)
            case .choice: return .choice
            case .period: return .period
            case .covered: return .covered
            case .currency: return .currency
            }
        }
    }

    /// Orders: the quantity column and the (amount, unit_price), (cost, unit_cost) pairs, and
    /// whether the export maps a quantity and a unit price.
    package static func prices(_ entity: Entity, mapping: HeaderMapping) -> (prices: (quantity: Int, pairs: [(Int, Int)])?, given: Bool) {
        let columnNames = entity.columns.map(\.name)
        let index = { (name: String) in columnNames.firstIndex(of: name) }
        let mapped = mapping.sources
        guard let q = index("quantity"), let p = index("unit_price"), let a = index("amount") else { return (nil, false) }
        let given = { (k: Int) -> Bool in if case .absent = mapped[k] { false } else { true } }
        return ((quantity: q, pairs: [(a, p)] + (index("cost").flatMap { c in index("unit_cost").map { (c, $0) } }.map { [$0] } ?? [])),
                given(q) && given(p))
    }

    /// The two columns of which a row must give one: a target's manager_id and team (SPEC §3.12).
    package static func oneOf(_ columns: [ColumnSpec], entity: Entity) -> (Int, Int)? {
        guard entity == .targets, let m = columns.firstIndex(where: { $0.name == "manager_id" }),
              let t = columns.firstIndex(where: { $0.name == "team" }) else { return nil }
        return (m, t)
    }

    /// Per column: a value is required. An amount may come from quantity × unit price instead
    /// (`priced`: checked once the row is read); a derived customer list may lack managers ('' until
    /// the facts give one, `DerivedMasterLists`).
    package static func required(_ columns: [ColumnSpec], entity: Entity, spec: InputSpec, priced: Bool) -> [Bool] {
        let managerDerived = entity == .customers && spec.derive
        return columns.map { $0.required && !(priced && $0.name == "amount") && !(managerDerived && $0.name == "manager_id") }
    }

    /// Per enum column: lower-cased spelling → canonical value; the pipeline's words win over
    /// the built-in ones (SPEC §2.5).
    package static func choices(_ columns: [ColumnSpec], spec: InputSpec) -> [[String: String]] {
        columns.map { column in
            guard case .choice(let type) = column.kind else { return [:] }
            var map: [String: String] = [:]
            for (canonical, aliases) in type.spellings {
                for a in aliases + [canonical] { map[a.lowercased()] = canonical }
            }
            for (word, canonical) in spec.values[column.name] ?? [:] { map[word.lowercased()] = canonical }
            return map
        }
    }

    /// Per enum column: exact spellings in a fixed order — the pipeline's words, then each
    /// value's canonical and its aliases, most common first — as bytes beside the canonical's.
    package static func choiceBytes(_ columns: [ColumnSpec], mappedWords: [[String: String]]) -> [[(spelling: [UInt8], canonical: [UInt8])]] {
        zip(columns, mappedWords).map { column, words in
            guard case .choice(let type) = column.kind else { return [] }
            let builtIn = type.spellings.flatMap { value in ([value.canonical] + value.aliases).map { ($0, value.canonical) } }
            return (words.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + builtIn).map { (Array($0.0.utf8), Array($0.1.utf8)) }
        }
    }
}
