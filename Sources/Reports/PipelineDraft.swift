import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// `scorecard inspect --write FILE` (SPEC §2.6): a pipeline file with the `columns:`
/// and `values:` inspect could infer, and every thing it could not — a required
/// column it did not find, an unknown word, a foreign currency's rate — as a
/// commented line marked TODO for the user to fill in.
public enum PipelineDraft {
    /// - Parameter pipeline: the pipeline file `config` came from, if any: its input
    ///   settings are carried over; its other settings are not (the draft says so).
    public static func yaml(_ files: [FileInspection], folder: String, config: PipelineConfig, pipeline: String? = nil) -> String {
        var out = preamble(folder: folder, pipeline: pipeline) + settings(files, config: config)
        out += "inputs:\n"
        for entity in Entity.allCases { out += inputSection(entity, files, config: config) }
        for f in files where f.entity == nil || f.error != nil {
            out += "  # not read: \(f.file)\(f.error.map { " (\($0))" } ?? " (no entity recognised)"): list it under the right entity's files:\n"
        }
        return out
    }

    /// The comment lines at the top: where the draft comes from and what to do with it.
    package static func preamble(folder: String, pipeline: String?) -> String {
        var out = """
            # Pipeline drafted by `scorecard inspect` from the exports in \(folder)/.
            # Fill in every line marked TODO: remove the # in front and put the value in place of TODO.
            # Then check it loads:   scorecard validate --input \(folder) --pipeline THIS_FILE
            # Settings not written here take their defaults; pipelines/monthly.yml lists them all.

            """
        if let pipeline {
            out += "# The inputs, currency, fx and survey dimensions of \(pipeline) are carried over; copy any other\n"
            out += "# setting of it (time zone, period, thresholds, targets) into this file.\n"
        }
        return out
    }

    /// The name, the currency, the survey dimensions when not the built-in ones, and the
    /// fx rates: the pipeline's, and a TODO for each other currency the orders hold.
    package static func settings(_ files: [FileInspection], config: PipelineConfig) -> String {
        var out = "name: \(quoted("drafted"))\ncurrency: \(config.currency)\n"
        if config.satisfaction.dimensions != SatisfactionSettings().dimensions {
            out += "satisfaction:\n  dimensions:\n"
            for d in config.satisfaction.dimensions { out += "    \(d.name): \(quoted(d.header))\n" }
        }
        let foreign = foreignCurrencies(files, config: config)
        if !foreign.isEmpty || !config.fx.isEmpty {
            out += "fx:\n"
            for (code, rate) in config.fx.sorted(by: { $0.key < $1.key }) { out += "  \(code): \(rate)\n" }
            for (code, count) in foreign where config.fx[code] == nil {
                out += "  # \(code): TODO   # rate into \(config.currency); \(count) orders in \(code) are rejected without it (if the amount column is already in \(config.currency), write currency: [] under the orders' columns instead)\n"
            }
        }
        return out
    }

    /// `entity`'s part of `inputs:`. One mapping serves all files of an entity: files with
    /// another header than the first (by name first) are left out with a note.
    package static func inputSection(_ entity: Entity, _ files: [FileInspection], config: PipelineConfig) -> String {
        let all = files.filter { $0.entity == entity && $0.error == nil }
            .sorted { (rank($0.matchedBy), $0.file) < (rank($1.matchedBy), $1.file) }
        let mine = all.filter { Set($0.header.map(HeaderMapping.normalize)) == Set(all[0].header.map(HeaderMapping.normalize)) }
        if mine.isEmpty { return noFileSection(entity, files, config: config) }
        var out = ""
        for f in mine where f.matchedBy == .guess {
            out += "  # \(f.file) is drafted as \(entity.rawValue) from its headers' words alone: check that it holds \(entity.rawValue).\n"
        }
        for f in all where !mine.contains(where: { $0.file == f.file }) {
            out += "  # \(f.file) also looks like \(entity.rawValue), but its header differs from \(mine[0].file)'s and one mapping serves every file of an entity: inspect it alone.\n"
        }
        return out + entitySection(entity, mine, config: config, others: files.map(\.file).filter { n in !mine.contains { $0.file == n } })
    }

    /// `entity` without a file: a derived list when facts name its ids, a TODO when it is
    /// required, `optional: true` when the pipeline says so.
    package static func noFileSection(_ entity: Entity, _ files: [FileInspection], config: PipelineConfig) -> String {
        var out = ""
        let factsNameIDs = files.contains { $0.entity?.isFact == true }
        if entity == .customers || entity == .managers, config.input(entity).derive || factsNameIDs {
            // No list, but facts naming its ids: made from them (SPEC §2.7).
            out += "  \(entity.rawValue):\n    derive: true   # no \(entity.rawValue) list found: made from the facts' ids, names (\(entity == .customers ? "customer_name" : "manager_name, team"))"
            out += entity == .customers ? "; a customer whose facts name no manager needs constants: {manager_id: …}\n" : "\n"
            if entity == .customers, let manager = config.input(.customers).constants["manager_id"] {
                out += "    constants:\n      manager_id: \(quoted(manager))\n"
            }
            return out
        }
        if !entity.isOptional && !config.input(entity).optional {
            out += "  # \(entity.rawValue): {optional: true}   # TODO: no \(entity.rawValue) file found (looked for \(config.input(entity).files.joined(separator: ", "))): "
            out += "put the export in the folder, or remove the # if this CRM has none (its part of the report stays empty)\n"
        } else if config.input(entity).optional {
            out += "  \(entity.rawValue): {optional: true}\n"
        }
        return out
    }

    /// Which file of an entity sets its mapping: one the pipeline names, then one its header
    /// places, then one its name's words place, then a guess.
    package static func rank(_ match: FileInspection.Match?) -> Int {
        switch match {
        case .name: 0
        case .header: 1
        case .nameWords: 2
        default: 3
        }
    }

    /// Each name with its runs of four or more digits (a date, a month) as `*`
    /// (`有赞订单导出_20261130.csv` → `有赞订单导出_*.csv`), unless such a pattern would
    /// also find a file of another entity (`others`); then the names themselves.
    package static func datedPatterns(_ names: [String], others: [String]) -> [String] {
        var patterns: [String] = []
        for name in names {
            let pattern = name.replacingOccurrences(of: "[0-9]{4,}", with: "*", options: .regularExpression)
            let safe = pattern != name && !others.contains { glob(pattern, matches: $0) }
            let chosen = safe ? pattern : name
            if !patterns.contains(chosen) { patterns.append(chosen) }
        }
        return patterns
    }

    private static func entitySection(_ entity: Entity, _ files: [FileInspection], config: PipelineConfig, others: [String]) -> String {
        let spec = config.input(entity)
        var out = "  \(entity.rawValue):\n"
        out += filesLine(entity, files.map(\.file), spec: spec, others: others)
        if let encoding = spec.encoding { out += "    encoding: \(encoding.setting)\n" }
        out += shapeSection(entity, files[0], spec: spec)
        if let delimiter = spec.delimiter { out += "    delimiter: \(delimiterName(delimiter))\n" }
        // The first file's header stands for the entity's (several files of one entity share one mapping).
        out += columnsSection(entity, files[0], spec: spec)
        out += valuesSection(entity, files)
        out += scaleSection(entity, files[0], spec: spec)
        if spec.dateOrder != .ymd {
            out += "    date_order: \(spec.dateOrder.rawValue)\n"
        } else if let order = dateOrder(files) {
            out += order
        }
        if !spec.constants.isEmpty {
            out += "    constants:\n"
            for (k, v) in spec.constants.sorted(by: { $0.key < $1.key }) { out += "      \(k): \(quoted(v))\n" }
        }
        if !spec.skip.isEmpty {
            out += "    skip:\n"
            for (h, words) in spec.skip.sorted(by: { $0.key < $1.key }) { out += "      \(quoted(h)): [\(words.map(quoted).joined(separator: ", "))]\n" }
        }
        if spec.missing != InputSpec.defaultMissing { out += "    missing: [\(spec.missing.map(quoted).joined(separator: ", "))]\n" }
        return out
    }

    /// The pipeline's patterns when they find these files (none when they are the built-in
    /// ones); else patterns with the dates of the names as `*`, so next month's export is found too.
    private static func filesLine(_ entity: Entity, _ names: [String], spec: InputSpec, others: [String]) -> String {
        if !names.allSatisfy({ n in spec.files.contains { glob($0, matches: n) } }) {
            let patterns = datedPatterns(names, others: others)
            return "    files: [\(patterns.map(quoted).joined(separator: ", "))]"
                + (patterns == names ? "\n" : "   # dates as *: next month's export is found too\n")
        } else if spec.files != InputSpec(entity: entity).files {
            return "    files: [\(spec.files.map(quoted).joined(separator: ", "))]\n"
        }
        return ""
    }

    /// `columns:` from `first`'s header: each column found, a TODO for a required one it
    /// lacks or an optional one whose absence changes a report, then the survey dimensions
    /// and the headers left unused.
    private static func columnsSection(_ entity: Entity, _ first: FileInspection, spec: InputSpec) -> String {
        var out = "    columns:\n"
        var unused = Set(first.unusedHeaderIndexes.map { first.header[$0] })
        for column in entity.columns where spec.constants[column.name] == nil {
            out += columnLine(column, first, unused: &unused)
        }
        // Survey dimensions (named in satisfaction.dimensions) read from this file.
        for c in first.columns where !entity.columns.contains(where: { $0.name == c.name }) && c.headers.count == 1 {
            out += "      \(c.name): \(quoted(c.headers[0]))\n"
        }
        if !unused.isEmpty {
            let list = first.header.filter { unused.contains($0) && !$0.isEmpty }
            if !list.isEmpty { out += "    # unused headers: \(oneLine(list.joined(separator: ", ")))\n" }
        }
        return out
    }

    /// One column's line under `columns:` (maybe commented, maybe none); a time header
    /// joined to its date header is taken from `unused`.
    private static func columnLine(_ column: ColumnSpec, _ first: FileInspection, unused: inout Set<String>) -> String {
        if let c = first.columns.first(where: { $0.name == column.name }), !c.headers.isEmpty {
            let headers = c.headers
            if headers.count == 1, column.kind.isMoment, let time = timeHeader(for: headers[0], in: unused) {
                unused.remove(time)
                return "      \(column.name): [\(quoted(headers[0])), \(quoted(time))]   # a date and a time in two columns\n"
            } else if headers.count == 2 {
                return "      \(column.name): [\(headers.map(quoted).joined(separator: ", "))]\n"
            }
            return "      \(column.name): \(quoted(headers[0]))\n"
        } else if let consequence = column.whenAbsent, first.consequentialMissing.contains(where: { $0.name == column.name }) {
            // Optional, but its absence changes a report: a decision for the user. Only a header
            // that names the column is offered: a shipping date is no follow-up, a visit's own
            // date no end of it (issue 26: such hints falsified reports).
            let maybe = first.candidates(for: column, strongOnly: true)
            return "      # \(column.name): TODO   # optional (\(column.chineseName)), but without it \(consequence)"
                + (maybe.isEmpty ? "\n" : "; maybe \(oneLine(maybe.joined(separator: ", ")))\n")
        } else if !column.required, case let strong = first.candidates(for: column, strongOnly: true), strong.count == 1 {
            let maybe = strong[0]
            return "      # \(column.name): \(quoted(maybe))   # optional (\(column.chineseName)): remove the # if this header holds it\n"
        } else if column.required {
            let maybe = first.candidates(for: column)
            var out = "      # \(column.name): TODO   # required (\(column.chineseName)): the header that holds it"
            out += maybe.isEmpty ? "\n" : "; maybe \(oneLine(maybe.joined(separator: ", ")))\n"
            if case .money = column.kind, maybe.contains(where: { $0.contains("万") }) {
                out += "      #   (a header in 万元: add  scale: {\(column.name): 10000}  under this entity)\n"
            }
            return out
        }
        return ""
    }

    /// The keys of SPEC §2.7 the data shows a need for: the header's line under a title block,
    /// line items, durations, a year for dates without one — as a TODO where the data cannot
    /// decide (never a value that would falsify a report).
    private static func shapeSection(_ entity: Entity, _ first: FileInspection, spec: InputSpec) -> String {
        var out = ""
        if let line = spec.headerLine {
            out += "    header_line: \(line)\n"
        } else if first.titleLines > 0 {
            out += "    header_line: \(first.headerLine)   # \(first.titleLines) title line\(first.titleLines == 1 ? "" : "s") above the header\n"
        }
        if spec.sumLines {
            out += "    lines: sum\n"
        } else if entity == .orders, first.repeatedIDs > 0 {
            let example = first.repeatedExamples.first.map { " (e.g. \(oneLine($0)))" } ?? ""
            let priced = first.columns.contains { $0.name == "quantity" || $0.name == "unit_price" }
            out += priced ? "    lines: sum   # \(first.repeatedIDs) order ids repeat\(example) beside quantities and prices: each row is a line of its order\n"
                : "    # lines: sum   # TODO: \(first.repeatedIDs) order ids repeat\(example): if each row is a line of its order, remove the #; if rows were exported twice, leave it (the later row wins)\n"
        }
        if let year = spec.defaultYear {
            out += "    default_year: \(year)\n"
        } else if let c = first.columns.first(where: { $0.yearless > 0 }) {
            out += "    # default_year: TODO   # \(c.yearless) \(c.name) values have no year (like \(oneLine(c.failures.first?.value ?? "11月18日"))): the year they fall in; the data cannot tell\n"
        }
        for hint in durationHints(entity, first) { out += hint }
        return out
    }

    /// Headers that hold a time until an event (`First Response (min)`, `解决时长（小时）`): a
    /// commented duration mapping to check (SPEC §2.7).
    package static func durationHints(_ entity: Entity, _ first: FileInspection) -> [String] {
        guard entity == .complaints || entity == .serviceRequests else { return [] }
        let unused = first.unusedHeaderIndexes.map { first.header[$0] }
        let targets: [(column: String, after: String, words: [String])] = entity == .complaints
            ? [("first_response_at", "received_at", ["response", "reply", "响应", "回复"]), ("resolved_at", "received_at", ["resolution", "resolve", "solve", "解决", "处理", "结案"])]
            : [("completed_at", "reported_at", ["completion", "repair", "完工", "维修"])]
        let units: [(String, [String])] = [("minutes", ["min", "分钟"]), ("hours", ["hour", "hrs", "(h)", "小时"]), ("days", ["day", "天"])]
        var out: [String] = []
        for target in targets where !first.columns.contains(where: { $0.name == target.column }) {
            for header in unused {
                let h = header.lowercased()
                guard target.words.contains(where: { h.contains($0) }), let unit = units.first(where: { $0.1.contains { h.contains($0) } })?.0 else { continue }
                out.append("    # TODO: \(quoted(header)) looks like the time until \(target.column): check, then under columns: \(target.column): {after: \(target.after), \(unit): \(quoted(header))}\n")
                break
            }
        }
        return out
    }

    /// Every word of every enumerated or score column, the known ones with their value
    /// and the unknown ones as TODO lines.
    private static func valuesSection(_ entity: Entity, _ files: [FileInspection]) -> String {
        var out = ""
        var names: [String] = []
        for f in files { for c in f.columns where !c.words.isEmpty && !names.contains(c.name) { names.append(c.name) } }
        for name in names {
            var words: [String: (count: Int, canonical: String?)] = [:]
            var column: ColumnInspection?
            for f in files {
                guard let c = f.columns.first(where: { $0.name == name }) else { continue }
                column = column ?? c
                for w in c.words { words[w.word, default: (0, w.canonical)].count += w.count }
            }
            guard let column else { continue }
            let expected = expectedValues(column, entity: entity)
            out += "      \(name):\n"
            for (word, w) in words.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
                if let canonical = w.canonical {
                    out += "        \(quoted(word)): \(canonical)\n"
                } else {
                    out += "        # \(quoted(word)): TODO   # \(w.count) row\(w.count == 1 ? "" : "s"); \(expected)\n"
                }
            }
        }
        return out.isEmpty ? "" : "    values:\n" + out
    }

    /// What a word of `column` may stand for: `one of completed, cancelled, refunded`, `a score 1–5`.
    package static func expectedValues(_ column: ColumnInspection, entity: Entity) -> String {
        let spec = entity.columns.first { $0.name == column.name }
        if let values = spec?.canonicalValues { return "one of " + values.joined(separator: ", ") }
        if case .score(let range) = spec?.kind { return "a score \(range.lowerBound)–\(range.upperBound)" }
        if column.kind == .score { return "a score 1–5" }
        return "a currency code like USD"
    }

    /// The pipeline's scales, and amount headers that say 万元 or 亿元: their values are in that unit.
    private static func scaleSection(_ entity: Entity, _ f: FileInspection, spec: InputSpec) -> String {
        var out = ""
        for column in entity.columns {
            guard case .money = column.kind else { continue }
            let header = f.columns.first(where: { $0.name == column.name })?.headers.joined() ?? ""
            if let factor = spec.scale[column.name] {
                out += "      \(column.name): \(YAMLMap.format(factor))\n"
            } else if header.contains("万") {
                out += "      \(column.name): 10000   # the header says 万\n"
            } else if header.contains("亿") {
                out += "      \(column.name): 100000000   # the header says 亿\n"
            }
        }
        return out.isEmpty ? "" : "    scale:\n" + out
    }

    /// Slash dates with the year last: dmy when a first part above 12 was seen, mdy
    /// when a second part was; a TODO when the data cannot tell.
    private static func dateOrder(_ files: [FileInspection]) -> String? {
        let seen = files.flatMap(\.columns).reduce((count: 0, first: 0, second: 0)) {
            ($0.count + $1.yearLast.count, $0.first + $1.yearLast.firstAbove12, $0.second + $1.yearLast.secondAbove12)
        }
        guard seen.count > 0 else { return nil }
        if seen.first > 0 && seen.second == 0 { return "    date_order: dmy   # dates like 25/10/2026: day first\n" }
        if seen.second > 0 && seen.first == 0 { return "    date_order: mdy   # dates like 10/25/2026: month first\n" }
        return "    # date_order: TODO   # mdy (10/3/2026 = 3 October) or dmy (10/3/2026 = 10 March); \(seen.count) dates have the year last\n"
    }

    /// The unused header beside a date header that holds its time: 下单日期 → 下单时间, `order date` → `order time`.
    private static func timeHeader(for date: String, in unused: Set<String>) -> String? {
        let candidates = [date.replacingOccurrences(of: "日期", with: "时间"), date.replacingOccurrences(of: "date", with: "time"),
                          date.replacingOccurrences(of: "Date", with: "Time")]
        return candidates.first { $0 != date && unused.contains($0) }
    }

    private static func foreignCurrencies(_ files: [FileInspection], config: PipelineConfig) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for f in files where f.entity == .orders {
            for w in f.columns.first(where: { $0.name == "currency" })?.words ?? [] {
                if let code = w.canonical, code != config.currency { counts[code, default: 0] += w.count }
            }
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Text for a comment line or a one-line report: a header Excel wrapped (Alt+Enter)
    /// must not end the comment and start a line of YAML.
    package static func oneLine(_ s: String) -> String {
        // Joined without a space: `成交\n金额` reads back as 成交金额, the same header to the mapping.
        s.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "\r", with: "")
    }

    /// A YAML double-quoted scalar.
    package static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
