import ScorecardModel
import ScorecardPipeline

/// Where each column of an entity comes from in one export (SPEC §2.2, §2.5): a
/// header cell found by the pipeline's `columns` or a built-in alias, a date and a
/// time header joined, a pipeline constant, or nowhere.
///
/// The pipeline's `columns` win: a mapped column takes only its mapped header. A
/// header the pipeline maps may also feed a required column through that column's
/// alias (`customer_id: 客户名称` leaves 客户名称 the customer's name too), but not an
/// optional one: `order_date: 付款时间` must not also make every order paid that day.
/// A constant is for a column the export lacks: one the file also has is an error.
package struct HeaderMapping {
    package enum Source: Equatable {
        case absent
        case field(Int)
        /// A date header and a time header, joined with a space before parsing.
        case dateAndTime(date: Int, time: Int)
        case constant(String)
        /// A number of `unitSeconds` after the moment of entity column `base` (SPEC §2.7).
        case duration(field: Int, base: Int, unitSeconds: Double)
    }

    /// Per column of `entity.columns`.
    package let sources: [Source]
    /// Per survey dimension: its header cell.
    package let dimensionSources: [Int?]
    /// The pipeline's `skip`: the header cell and its words, per rule.
    package let skipRules: [(field: Int, words: [String])]
    /// Per header cell: the columns it feeds, and whether the pipeline mapped it.
    package let usage: [(columns: [String], mapped: Bool)]
    /// What keeps the file from loading: missing required columns, mapped headers
    /// the file does not have, two columns on one header. Empty when it loads.
    package let problems: [IngestError]

    package init(entity: Entity, header: [String], spec: InputSpec, dimensions: [SatisfactionSettings.Dimension], file: String) {
        var found = Finder(header: header, file: file)
        // Headers the pipeline maps are not matched by other columns' aliases.
        for headers in spec.columns.values {
            for h in headers { if let i = found.index(of: h) { found.usage[i].mapped = true } }
        }
        for duration in spec.durations.values { if let i = found.index(of: duration.header) { found.usage[i].mapped = true } }
        var sources: [Source] = []
        for column in entity.columns { sources.append(found.source(of: column, entity: entity, spec: spec)) }
        // An amount given as quantity × unit price (SPEC §2.7): neither column missing, then amount is not.
        if let q = entity.columns.firstIndex(where: { $0.name == "quantity" }), let p = entity.columns.firstIndex(where: { $0.name == "unit_price" }),
           sources[q] != .absent, sources[p] != .absent {
            found.problems.removeAll { if case .missingColumn(_, let column, _) = $0 { column.hasPrefix("amount ") } else { false } }
        }
        self.sources = sources
        dimensionSources = (entity == .surveys ? dimensions : []).map { d in
            let source = spec.columns[d.name].map { found.mapped(d.name, $0) } ?? found.alias(d.name, [d.header, d.name], required: false)
            if case .field(let i) = source { return i }
            return nil
        }
        skipRules = found.skipRules(spec)
        usage = found.usage
        problems = found.problems
    }

    /// Finds columns in one header, noting what each cell feeds and what is wrong.
    private struct Finder {
        let header: [String]
        let file: String
        let normalized: [String]
        var usage: [(columns: [String], mapped: Bool)]
        var problems: [IngestError] = []
        /// Header cells a built-in alias took, and for which column.
        var builtIn: [Int: String] = [:]

        init(header: [String], file: String) {
            self.header = header
            self.file = file
            normalized = header.map(HeaderMapping.normalize)
            usage = header.map { _ in (columns: [String](), mapped: false) }
        }

        func index(of text: String) -> Int? {
            let wanted = HeaderMapping.normalize(text)
            return wanted.isEmpty ? nil : normalized.firstIndex(of: wanted)
        }

        /// Where `column` comes from: the pipeline's constant, duration or headers, else a
        /// built-in alias; a required column found nowhere is a problem.
        mutating func source(of column: ColumnSpec, entity: Entity, spec: InputSpec) -> Source {
            let source: Source
            if let value = spec.constants[column.name] {
                source = .constant(value)
                // `columns: {currency: []}` with a constant: the file's column is left unread on purpose.
                let mappedHeaders = spec.columns[column.name]
                let present = mappedHeaders.map { $0.compactMap(index(of:)).first } ?? column.headers.compactMap(index(of:)).first
                if let present { problems.append(.constantAndColumn(file: file, column: column.name, header: header[present])) }
            } else if let duration = spec.durations[column.name] {
                if let i = index(of: duration.header), let base = entity.columns.firstIndex(where: { $0.name == duration.after }) {
                    usage[i].columns.append(column.name)
                    source = .duration(field: i, base: base, unitSeconds: duration.unitSeconds)
                } else {
                    problems.append(.mappedHeaderMissing(file: file, column: column.name, mappedTo: duration.header, header: header))
                    source = .absent
                }
            } else if let headers = spec.columns[column.name] {
                source = mapped(column.name, headers)
            } else {
                source = alias(column.name, column.headers, required: column.required)
            }
            // A customer list without managers, derived (SPEC §2.7): each customer takes the derived one.
            let derivedManager = entity == .customers && spec.derive && column.name == "manager_id"
            if column.required, !derivedManager, source == .absent, spec.columns[column.name]?.isEmpty != false {
                problems.append(.missingColumn(file: file, column: "\(column.name) / \(column.chineseName)", header: header))
            }
            return source
        }

        /// The pipeline's headers for `name`: every one must be in the file.
        mutating func mapped(_ name: String, _ headers: [String]) -> Source {
            if headers.isEmpty { return .absent }  // `[]`: not read from this export
            let found = headers.map(index(of:))
            for (h, i) in zip(headers, found) where i == nil {
                problems.append(.mappedHeaderMissing(file: file, column: name, mappedTo: h, header: header))
            }
            let cells = found.compactMap { $0 }
            guard cells.count == headers.count else { return .absent }
            cells.forEach { usage[$0].columns.append(name) }
            return cells.count == 2 ? .dateAndTime(date: cells[0], time: cells[1]) : .field(cells[0])
        }

        mutating func alias(_ name: String, _ candidates: [String], required: Bool) -> Source {
            // An alias the pipeline has not mapped first; a required column falls back to a mapped one.
            let found = candidates.compactMap(index(of:))
            for i in found.filter({ !usage[$0].mapped }) + (required ? found.filter({ usage[$0].mapped }) : []) {
                if builtIn[i] != nil { problems.append(.duplicateColumn(file: file, column: name)) }
                builtIn[i] = name
                usage[i].columns.append(name)
                return .field(i)
            }
            return .absent
        }

        /// The pipeline's `skip` rules whose header the file has; a problem for each it lacks.
        mutating func skipRules(_ spec: InputSpec) -> [(field: Int, words: [String])] {
            var rules: [(field: Int, words: [String])] = []
            for (text, words) in spec.skip.sorted(by: { $0.key < $1.key }) {
                if let i = index(of: text) {
                    rules.append((i, words))
                } else {
                    problems.append(.mappedHeaderMissing(file: file, column: "skip", mappedTo: text, header: header))
                }
            }
            return rules
        }
    }

    /// Header text compared case- and space-insensitively; `Order ID` = `order_id`.
    package static func normalize(_ s: String) -> String {
        // A header Excel wrapped with Alt+Enter (`下单\n日期`) is the same header.
        TextFolding.halfWidth(s).lowercased()
            .replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\n", with: "")
            .replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: "（", with: "(")
            .replacingOccurrences(of: "）", with: ")")
    }
}
