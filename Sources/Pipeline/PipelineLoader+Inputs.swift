import Foundation
import ScorecardModel

/// The `inputs:` section (SPEC §2.5): how each entity's exports are found and read.
extension PipelineLoader {
    package static func parseInputs(_ inputs: YAMLMap, into config: inout PipelineConfig) throws {
        try inputs.allow(Entity.allCases.map(\.rawValue))
        for entity in Entity.allCases {
            guard let m = try inputs.map(entity.rawValue) else { continue }
            config.inputs[entity] = try parseInput(m, entity: entity, dimensions: config.satisfaction.dimensions)
        }
    }

    /// One entity's entry; `dimensions` are the survey columns a `columns:` key may name.
    private static func parseInput(_ m: YAMLMap, entity: Entity, dimensions: [SatisfactionSettings.Dimension]) throws -> InputSpec {
        try m.allow(["files", "encoding", "delimiter", "columns", "values", "scale", "missing", "date_order", "constants", "skip", "optional",
                     "header_line", "default_year", "lines", "derive"])
        var spec = InputSpec(entity: entity)
        if let files = try m.stringList("files") { spec.files = files }
        try parseReading(m, into: &spec)
        if let cols = try m.map("columns") {
            let known = entity.columns.map(\.name) + (entity == .surveys ? dimensions.map(\.name) : [])
            try parseColumns(cols, entity: entity, known: known, into: &spec)
        }
        if let values = try m.map("values") { spec.values = try parseValues(values, entity: entity) }
        if let scale = try m.map("scale") { try parseScale(scale, entity: entity, into: &spec) }
        try parseShape(m, entity: entity, into: &spec)
        if let skip = try m.map("skip") { try parseSkip(skip, into: &spec) }
        if let v: DateOrder = try m.choice("date_order", expected: "expected ymd, mdy or dmy") { spec.dateOrder = v }
        if let constants = try m.map("constants") { try parseConstants(constants, entity: entity, into: &spec) }
        return spec
    }

    /// `encoding:` and `delimiter:` (`auto`: told from the file).
    private static func parseReading(_ m: YAMLMap, into spec: inout InputSpec) throws {
        if let (v, line) = try m.stringWithLine("encoding"), v != "auto" {
            guard let enc = TextEncoding(setting: v) else {
                throw m.invalid("encoding", line, "expected auto, utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 or gbk")
            }
            spec.encoding = enc
        }
        if let (v, line) = try m.stringWithLine("delimiter"), v != "auto" {
            switch v {
            case ",", "comma": spec.delimiter = 0x2C
            case "\t", "tab": spec.delimiter = 0x09
            case ";", "semicolon": spec.delimiter = 0x3B
            default: throw m.invalid("delimiter", line, "expected auto, comma, tab or semicolon")
            }
        }
    }

    /// `columns:`: durations (`{after: …, minutes: …}`) first, then headers, each for a
    /// column of the entity (`known`) that can be read that way.
    private static func parseColumns(_ cols: YAMLMap, entity: Entity, known: [String], into spec: inout InputSpec) throws {
        for (key, duration, line) in try cols.durationPairs() {
            let moments = entity.columns.enumerated().filter { if case .timestamp = $0.element.kind { true } else { false } }
            guard let target = moments.first(where: { $0.element.name == key }) else {
                throw cols.invalid(key, line, "only a time column can be read as a duration ({after: …, minutes: …})")
            }
            guard let base = moments.first(where: { $0.element.name == duration.after }), base.offset < target.offset else {
                let before = moments.filter { $0.offset < target.offset }.map { $0.element.name }
                throw cols.invalid(key, line, "'after' must be an earlier time column of \(entity.rawValue): \(before.isEmpty ? "none" : before.joined(separator: ", "))")
            }
            spec.durations[key] = duration
        }
        for (key, headers, line) in try cols.headerPairs() where spec.durations[key] == nil {
            guard known.contains(key) || entity == .surveys else { throw PipelineError.unknownKey(file: cols.file, line: line, key: "\(cols.key).\(key)") }
            if headers.isEmpty, entity.columns.first(where: { $0.name == key })?.required == true {
                throw cols.invalid(key, line, "a required column cannot be left unread ([])")
            }
            if headers.count == 2, let column = entity.columns.first(where: { $0.name == key }), !column.kind.isMoment, !column.isID {
                throw cols.invalid(key, line, "only a date or time column ([date header, time header]) or an id ([header, header]: a rating without an id, by its time and its user) is read from two headers")
            }
            spec.columns[key] = headers
        }
    }

    /// `scale:`: only amount columns, by a positive factor.
    private static func parseScale(_ scale: YAMLMap, entity: Entity, into spec: inout InputSpec) throws {
        for (key, _, line) in try scale.stringPairs() {
            guard let column = entity.columns.first(where: { $0.name == key }), case .money = column.kind else {
                throw PipelineError.unknownKey(file: scale.file, line: line, key: "\(scale.key).\(key) (only amount columns have a scale)")
            }
            guard let factor = try scale.double(key)?.0, factor > 0, factor <= 1e12 else {
                throw scale.invalid(key, line, "must be a positive factor (10000 for amounts in 万元)")
            }
            spec.scale[key] = factor
        }
    }

    /// How the export is shaped (SPEC §2.7): placeholders, optional, the header's line, a
    /// default year, a derived list, line items.
    private static func parseShape(_ m: YAMLMap, entity: Entity, into spec: inout InputSpec) throws {
        if let missing = try m.stringList("missing") { spec.missing = missing }
        if let optional = try m.bool("optional") { spec.optional = optional }
        if let line = try m.count("header_line", in: 1...10_000) { spec.headerLine = line }
        if let year = try m.count("default_year", in: Period.years) { spec.defaultYear = year }
        if let derive = try m.bool("derive") {
            guard entity == .customers || entity == .managers else { throw m.invalid("derive", m.line, "only the customers and managers lists are derived") }
            spec.derive = derive
        }
        if let (v, line) = try m.stringWithLine("lines") {
            guard entity == .orders else { throw m.invalid("lines", line, "only orders have line items") }
            guard v == "sum" || v == "none" else { throw m.invalid("lines", line, "expected sum (rows sharing an order_id are its lines) or none") }
            spec.sumLines = v == "sum"
        }
    }

    /// `skip:`: per header, the words that leave a row out.
    private static func parseSkip(_ skip: YAMLMap, into spec: inout InputSpec) throws {
        for (k, _) in skip.mapping {
            guard let header = k.string, let words = try skip.stringList(header), !words.isEmpty else {
                throw PipelineError.wrongType(file: skip.file, line: k.mark?.line ?? skip.line, key: "\(skip.key).\(k.string ?? "?")",
                                              expected: "a list of words, e.g. [咨询, 表扬]")
            }
            spec.skip[header] = words
        }
    }

    /// `constants:`: a column of the entity, an enumerated one with one of its values.
    private static func parseConstants(_ constants: YAMLMap, entity: Entity, into spec: inout InputSpec) throws {
        for (key, value, line) in try constants.stringPairs() {
            guard let column = entity.columns.first(where: { $0.name == key }) else {
                throw PipelineError.unknownKey(file: constants.file, line: line, key: "\(constants.key).\(key)")
            }
            if let canonical = column.canonicalValues, !canonical.contains(value) {
                throw constants.invalid(key, line, "'\(value)' is not one of \(canonical.joined(separator: ", "))")
            }
            spec.constants[key] = value
        }
    }

    /// `values: {status: {交易成功: completed}}`: only enumerated columns, only canonical targets.
    private static func parseValues(_ values: YAMLMap, entity: Entity) throws -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for (k, _) in values.mapping {
            let line = k.mark?.line ?? values.line
            // A survey's dimension columns are named in `satisfaction.dimensions`: scores 1–5.
            let dimension = entity == .surveys ? k.string.map { ColumnSpec($0, $0, .score(1...5)) } : nil
            guard let key = k.string, let column = entity.columns.first(where: { $0.name == key }) ?? dimension else {
                throw PipelineError.unknownKey(file: values.file, line: line, key: "\(values.key).\(k.string ?? "?")")
            }
            guard let words = try values.map(key) else { continue }
            var map: [String: String] = [:]
            for (word, target, wordLine) in try words.stringPairs() {
                if word.trimmingCharacters(in: .whitespaces).isEmpty { throw words.invalid(word, wordLine, "the word is empty") }
                if let canonical = column.canonicalValues {
                    guard canonical.contains(target) else {
                        throw words.invalid(word, wordLine, "'\(target)' is not a value of \(key) (expected \(canonical.joined(separator: ", ")))")
                    }
                } else if case .currency = column.kind {
                    guard CurrencyCode.isCode(target) else { throw words.invalid(word, wordLine, "'\(target)' is not a currency code like CNY or USD") }
                } else if case .score(let range) = column.kind {
                    guard let v = Int(target), range.contains(v) else {
                        throw words.invalid(word, wordLine, "'\(target)' is not a score \(range.lowerBound)–\(range.upperBound)")
                    }
                } else {
                    throw PipelineError.unknownKey(file: values.file, line: line, key: "\(values.key).\(key) (only enumerated and score columns have values)")
                }
                map[word] = target
            }
            out[key] = map
        }
        return out
    }
}
