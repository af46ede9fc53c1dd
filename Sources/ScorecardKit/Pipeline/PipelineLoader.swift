import Foundation
import Yams

/// A pipeline file that cannot be used: exit 2 with file, line and key (SPEC §1, §5).
public enum PipelineError: LocalizedError, Equatable {
    case unreadable(file: String)
    /// Not UTF-8 (e.g. saved as GBK by a Chinese Windows editor): where the first such byte is.
    case notUTF8(file: String, line: Int, column: Int)
    case syntax(file: String, line: Int, message: String)
    case unknownKey(file: String, line: Int, key: String)
    case wrongType(file: String, line: Int, key: String, expected: String)
    case invalidValue(file: String, line: Int, key: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let file): return "\(file): cannot read the pipeline file."
        case .notUTF8(let file, let line, let column):
            return "\(file):\(line): the pipeline file is not UTF-8 (byte \(column) of line \(line) is not; saved as GBK/ANSI?). "
                + "Save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)."
        case .syntax(let file, let line, let message): return "\(file):\(line): YAML syntax error: \(message)"
        case .unknownKey(let file, let line, let key): return "\(file):\(line): unknown key '\(key)'"
        case .wrongType(let file, let line, let key, let expected): return "\(file):\(line): '\(key)' must be \(expected)"
        case .invalidValue(let file, let line, let key, let message): return "\(file):\(line): '\(key)': \(message)"
        }
    }
}

public enum PipelineLoader {
    /// Reads and checks a pipeline file. Keys left out take their defaults.
    ///
    ///     let config = try PipelineLoader.load(path: "pipelines/monthly.yml")
    ///
    /// - Throws: `PipelineError` naming the file, line and key.
    public static func load(path: String) throws -> (config: PipelineConfig, text: String) {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError.unreadable(file: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(data)
            throw PipelineError.notUTF8(file: path, line: line, column: column)
        }
        return (try parse(text, file: path), text)
    }

    /// A zone of the IANA database by its name (issue 25: `UTC+8` passed here and ran on SQLite,
    /// then failed on PostgreSQL with a raw TimeZone error; in POSIX it even means UTC−8).
    static func ianaZone(_ name: String) -> TimeZone? {
        guard TimeZone.knownTimeZoneIdentifiers.contains(name) || ["UTC", "Etc/UTC", "Etc/GMT"].contains(name) else { return nil }
        return TimeZone(identifier: name)
    }

    /// Line and byte column (1-based) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            let valid = length > 0 && i + length <= bytes.count
                && String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            if !valid { return (line, i - lineStart + 1) }
            if b == 0x0A { line += 1; lineStart = i + 1 }
            i += length
        }
        return (line, i - lineStart + 1)
    }

    public static func parse(_ text: String, file: String) throws -> PipelineConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            let key = duplicates.sorted().first ?? ""
            let line = duplicateLine(of: key, in: text, mappingAt: context.mark) ?? context.mark.line
            throw PipelineError.syntax(file: file, line: line, message: "the key '\(key)' appears twice in one mapping (this is its second place)")
        } catch let error as YamlError {
            throw PipelineError.syntax(file: file, line: Self.line(of: error), message: "\(error)".split(separator: "\n").first.map(String.init) ?? "")
        }
        var config = PipelineConfig()
        guard let root else { return config }
        let top = try YAMLMap(root, key: "(top level)", file: file)
        try top.allow(["name", "timezone", "period", "language", "max_reject_rate", "min_sample", "lock_timeout_seconds", "warehouse", "currency", "fx", "inputs",
                       "calendar", "business_hours", "grading", "complaints", "visits", "satisfaction", "receivables", "development", "service", "ranking", "outputs"])
        if let v = try top.string("name") { config.name = v }
        if let (v, line) = try top.stringWithLine("timezone") {
            guard let tz = ianaZone(v) else {
                throw top.invalid("timezone", line, "'\(v)' is not an IANA time zone name (e.g. Asia/Shanghai, America/New_York, UTC); "
                                  + "offsets such as UTC+8 are not zones and PostgreSQL reads their sign the other way")
            }
            config.timeZone = tz
        }
        if let (v, line) = try top.stringWithLine("period") {
            guard let kind = Period.Kind(rawValue: v) else { throw top.invalid("period", line, "expected week, month, half_month, quarter or year") }
            config.periodKind = kind
        }
        if let (v, line) = try top.stringWithLine("language") {
            guard let lang = PipelineConfig.Language(rawValue: v) else { throw top.invalid("language", line, "expected zh-CN or en") }
            config.language = lang
        }
        if let v = try top.fraction("max_reject_rate") { config.maxRejectRate = v }
        if let v = try top.count("min_sample", in: 0...1_000) { config.minSample = v }
        if let v = try top.nonNegative("lock_timeout_seconds", upTo: 86_400) { config.lockTimeoutSeconds = v }
        if let (v, line) = try top.stringWithLine("warehouse") {
            do { config.warehouse = try WarehouseLocation(parsing: v) } catch { throw top.invalid("warehouse", line, error.localizedDescription) }
        }
        if let (v, line) = try top.stringWithLine("currency") {
            guard CurrencyCode.isCode(v) else { throw top.invalid("currency", line, "expected a currency code like CNY") }
            config.currency = v
        }
        if let fx = try top.map("fx") {
            for (code, _, line) in try fx.stringPairs() {
                guard CurrencyCode.isCode(code) else { throw fx.invalid(code, line, "expected a currency code like USD") }
                guard let rate = try fx.double(code)?.0, rate > 0, rate <= 1e6 else { throw fx.invalid(code, line, "must be a positive rate into the pipeline's currency") }
                config.fx[code] = rate
            }
        }
        if let inputs = try top.map("inputs") { try parseInputs(inputs, into: &config) }
        if let (v, line) = try top.stringWithLine("calendar") {
            guard let kind = CalendarSettings.Kind(rawValue: v) else { throw top.invalid("calendar", line, "expected calendar or business") }
            config.calendar.kind = kind
        }
        if let m = try top.map("business_hours") { try parseBusinessHours(m, into: &config.calendar) }
        if let m = try top.map("grading") { try parseGrading(m, into: &config.grading) }
        if let m = try top.map("complaints") {
            try m.allow(["first_response_hours", "resolution_hours", "escalation_hours", "follow_up_days",
                         "follow_up_target", "on_site_target", "repeat_days"])
            var c = config.complaints
            if let v = try m.nonNegative("first_response_hours", upTo: 8_760) { c.firstResponseHours = v }
            if let v = try m.nonNegative("resolution_hours", upTo: 8_760) { c.resolutionHours = v }
            if let v = try m.nonNegative("escalation_hours", upTo: 8_760) { c.escalationHours = v }
            if let v = try m.nonNegative("follow_up_days", upTo: 366) { c.followUpDays = v }
            if let v = try m.fraction("follow_up_target") { c.followUpTarget = v }
            if let v = try m.fraction("on_site_target") { c.onSiteTarget = v }
            if let v = try m.nonNegative("repeat_days", upTo: 366) { c.repeatDays = v }
            config.complaints = c
        }
        if let m = try top.map("visits") { try parseVisits(m, into: &config.visits) }
        if let m = try top.map("satisfaction") { try parseSatisfaction(m, into: &config.satisfaction) }
        if let m = try top.map("receivables") { try parseReceivables(m, into: &config.receivables) }
        if let m = try top.map("development") {
            try m.allow(["first_contact_days"])
            if let v = try m.count("first_contact_days", in: 1...366) { config.development.firstContactDays = v }
        }
        if let m = try top.map("service") { try parseService(m, into: &config.service) }
        if let m = try top.map("ranking") { try parseRanking(m, into: &config.ranking) }
        if let m = try top.map("outputs") {
            try m.allow(["workbook", "markdown", "charts"])
            if let v = try m.bool("workbook") { config.outputs.workbook = v }
            if let v = try m.bool("markdown") { config.outputs.markdown = v }
            if let v = try m.bool("charts") { config.outputs.charts = v }
        }
        return config
    }

    private static func parseInputs(_ inputs: YAMLMap, into config: inout PipelineConfig) throws {
        try inputs.allow(Entity.allCases.map(\.rawValue))
        for entity in Entity.allCases {
            guard let m = try inputs.map(entity.rawValue) else { continue }
            try m.allow(["files", "encoding", "delimiter", "columns", "values", "scale", "missing", "date_order", "constants", "skip", "optional",
                         "header_line", "default_year", "lines", "derive"])
            var spec = InputSpec(entity: entity)
            if let files = try m.stringList("files") { spec.files = files }
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
            let known = entity.columns.map(\.name) + (entity == .surveys ? config.satisfaction.dimensions.map(\.name) : [])
            if let cols = try m.map("columns") {
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
            if let values = try m.map("values") { spec.values = try parseValues(values, entity: entity) }
            if let scale = try m.map("scale") {
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
            if let skip = try m.map("skip") {
                for (k, _) in skip.mapping {
                    guard let header = k.string, let words = try skip.stringList(header), !words.isEmpty else {
                        throw PipelineError.wrongType(file: skip.file, line: k.mark?.line ?? skip.line, key: "\(skip.key).\(k.string ?? "?")",
                                                      expected: "a list of words, e.g. [咨询, 表扬]")
                    }
                    spec.skip[header] = words
                }
            }
            if let (v, line) = try m.stringWithLine("date_order") {
                guard let order = DateOrder(rawValue: v) else { throw m.invalid("date_order", line, "expected ymd, mdy or dmy") }
                spec.dateOrder = order
            }
            if let constants = try m.map("constants") {
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
            config.inputs[entity] = spec
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

    private static func parseBusinessHours(_ m: YAMLMap, into c: inout CalendarSettings) throws {
        try m.allow(["workday", "weekdays", "holidays", "workdays_extra"])
        if let (v, line) = try m.stringWithLine("workday") {
            let parts = v.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0...24).contains($0[0]) && (0..<60).contains($0[1]) }) else {
                throw m.invalid("workday", line, "expected a range like \"08:30-17:30\"")
            }
            c.workdayStart = parts[0][0] * 60 + parts[0][1]
            c.workdayEnd = parts[1][0] * 60 + parts[1][1]
            guard c.workdayEnd > c.workdayStart else { throw m.invalid("workday", line, "the working day must end after it starts") }
        }
        if let days = try m.stringList("weekdays") {
            let names = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]
            c.weekdays = []
            if days.isEmpty { throw m.invalid("weekdays", m.line(of: "weekdays"), "at least one working weekday is needed") }
            for d in days {
                guard let n = names[String(d.lowercased().prefix(3))] else { throw m.invalid("weekdays", m.line(of: "weekdays"), "unknown weekday '\(d)'") }
                c.weekdays.insert(n)
            }
        }
        if let list = try m.stringList("holidays") { c.holidays = try dates(list, key: "holidays", in: m) }
        if let list = try m.stringList("workdays_extra") { c.workdaysExtra = try dates(list, key: "workdays_extra", in: m) }
    }

    private static func dates(_ list: [String], key: String, in m: YAMLMap) throws -> Set<CivilDate> {
        var out: Set<CivilDate> = []
        for text in list {
            guard let moment = ValueParser.moment(text), moment.secondsOfDay == nil else {
                throw m.invalid(key, m.line(of: key), "'\(text)' is not a date like 2026-10-01")
            }
            out.insert(moment.date)
        }
        return out
    }

    private static func parseGrading(_ m: YAMLMap, into g: inout GradingSettings) throws {
        try m.allow(["method", "basis", "a_share", "b_share", "downgrade_days_late", "provisional_months", "window_months", "composite"])
        if let (v, line) = try m.stringWithLine("method") {
            guard let method = GradingSettings.Method(rawValue: v) else { throw m.invalid("method", line, "expected pareto or composite") }
            g.method = method
        }
        if let (v, line) = try m.stringWithLine("basis") {
            guard let basis = GradingSettings.Basis(rawValue: v) else { throw m.invalid("basis", line, "expected sales or profit") }
            g.basis = basis
        }
        if let v = try m.fraction("a_share") { g.aShare = v }
        if let v = try m.fraction("b_share") { g.bShare = v }
        if g.bShare < g.aShare { throw m.invalid("b_share", m.line(of: "b_share"), "must not be below a_share") }
        if let v = try m.nonNegative("downgrade_days_late", upTo: 3_660) { g.downgradeDaysLate = v }
        if let v = try m.count("provisional_months", in: 0...120) { g.provisionalMonths = v }
        if let v = try m.count("window_months", in: 1...120) { g.windowMonths = v }
        if let c = try m.map("composite") {
            try c.allow(["w_sales", "w_profit", "w_pay", "a_score", "b_score"])
            if let v = try c.nonNegative("w_sales", upTo: 1_000) { g.compositeWeights.sales = v }
            if let v = try c.nonNegative("w_profit", upTo: 1_000) { g.compositeWeights.profit = v }
            if let v = try c.nonNegative("w_pay", upTo: 1_000) { g.compositeWeights.payment = v }
            if let v = try c.fraction("a_score") { g.compositeA = v }
            if let v = try c.fraction("b_score") { g.compositeB = v }
            if g.compositeA < g.compositeB { throw c.invalid("a_score", c.line(of: "a_score"), "must not be below b_score") }
            if g.compositeWeights.sales + g.compositeWeights.profit + g.compositeWeights.payment == 0 {
                throw c.invalid("w_sales", c.line(of: "w_sales"), "the composite weights must not all be 0")
            }
        }
    }

    private static func parseVisits(_ m: YAMLMap, into v: inout VisitSettings) throws {
        try m.allow(["min_visit_minutes", "report_hours", "counting_types", "cadence_months", "daily_quota", "plan_tolerance_days"])
        if let q = try m.map("daily_quota") {
            try q.allow(Territory.spellings.map(\.canonical))
            for t in Territory.spellings.map(\.canonical) {
                if let x = try q.count(t, in: 0...1_000) { v.dailyQuota[t] = x }
            }
        }
        if let x = try m.count("plan_tolerance_days", in: 0...31) { v.planToleranceDays = x }
        if let x = try m.nonNegative("min_visit_minutes", upTo: 1_440) { v.minVisitMinutes = x }
        if let x = try m.nonNegative("report_hours", upTo: 8_760) { v.reportHours = x }
        if let types = try m.stringList("counting_types") {
            let known = VisitType.spellings.map(\.canonical)
            for t in types where !known.contains(t) {
                throw m.invalid("counting_types", m.line(of: "counting_types"), "unknown visit type '\(t)' (expected \(known.joined(separator: ", ")))")
            }
            v.countingTypes = Set(types)
        }
        if let c = try m.map("cadence_months") {
            try c.allow(["A", "B", "C", "remote"])
            if let x = try c.count("A", in: 0...120) { v.cadenceA = x }
            if let x = try c.count("B", in: 0...120) { v.cadenceB = x }
            if let x = try c.count("C", in: 0...120) { v.cadenceC = x }
            if let x = try c.count("remote", in: 0...120) { v.cadenceRemote = x }
        }
    }

    private static func parseReceivables(_ m: YAMLMap, into r: inout ReceivablesSettings) throws {
        try m.allow(["buckets", "collection_target"])
        if let list = try m.stringList("buckets") {
            let line = m.line(of: "buckets")
            let days = list.compactMap { Int($0) }
            guard days.count == list.count, !days.isEmpty, days.count <= 10 else {
                throw m.invalid("buckets", line, "expected 1 to 10 whole numbers of days, e.g. [30, 60, 90]")
            }
            guard days.first! >= 1, zip(days, days.dropFirst()).allSatisfy({ $0 < $1 }), days.last! <= 3_660 else {
                throw m.invalid("buckets", line, "the days must rise, from 1 to 3660 (e.g. [30, 60, 90])")
            }
            r.buckets = days
        }
        if let v = try m.fraction("collection_target") { r.collectionTarget = v }
    }

    private static func parseService(_ m: YAMLMap, into s: inout ServiceSettings) throws {
        try m.allow(["deadline_days", "categories", "role_targets", "notice_hours"])
        if let d = try m.map("deadline_days") {
            for (name, _, line) in try d.stringPairs() {
                guard let days = try d.nonNegative(name, upTo: 366) else { continue }
                guard days > 0 else { throw d.invalid(name, line, "must be more than 0 days") }
                s.deadlineDays[name] = days
            }
        }
        if let c = try m.map("categories") {
            var classes: [ServiceSettings.CategoryClass] = []
            for (name, line) in c.keys() {
                guard name != ServiceSettings.otherClass else {
                    throw c.invalid(name, line, "'other' takes every category no class names; it has no words")
                }
                classes.append(.init(name: name, words: try c.stringList(name) ?? []))
            }
            s.categories = classes
        }
        // A deadline for a class no category list names is a typo (`saftey: 1` would leave safety at 2 days).
        let classes = Set(s.categories.map(\.name) + [ServiceSettings.otherClass])
        if let d = try m.map("deadline_days") {
            for (name, line) in d.keys() where !classes.contains(name) {
                throw PipelineError.unknownKey(file: d.file, line: line, key: "service.deadline_days.\(name)")
            }
        }
        for c in s.categories where s.deadlineDays[c.name] == nil {
            throw m.invalid("deadline_days", m.line(of: "deadline_days"), "no deadline for the class '\(c.name)' (add \(c.name): days)")
        }
        if let r = try m.map("role_targets") {
            try r.allow(FollowUpRole.spellings.map(\.canonical))
            for role in FollowUpRole.spellings.map(\.canonical) {
                if let x = try r.fraction(role) { s.roleTargets[role] = x }
            }
        }
        if let x = try m.nonNegative("notice_hours", upTo: 8_760) { s.noticeHours = x }
    }

    private static func parseRanking(_ m: YAMLMap, into r: inout RankingSettings) throws {
        try m.allow(["weights", "sales_basis"])
        if let (v, line) = try m.stringWithLine("sales_basis") {
            guard let basis = RankingSettings.SalesBasis(rawValue: v) else { throw m.invalid("sales_basis", line, "expected ordered or paid") }
            r.salesBasis = basis
        }
        guard let w = try m.map("weights") else { return }
        try w.allow(["sales", "satisfaction", "sla", "coverage", "collection", "new_customers", "service", "plan_execution"])
        if let v = try w.nonNegative("sales", upTo: 1_000) { r.weightSales = v }
        if let v = try w.nonNegative("satisfaction", upTo: 1_000) { r.weightSatisfaction = v }
        if let v = try w.nonNegative("sla", upTo: 1_000) { r.weightSLA = v }
        if let v = try w.nonNegative("coverage", upTo: 1_000) { r.weightCoverage = v }
        if let v = try w.nonNegative("collection", upTo: 1_000) { r.weightCollection = v }
        if let v = try w.nonNegative("new_customers", upTo: 1_000) { r.weightNewCustomers = v }
        if let v = try w.nonNegative("service", upTo: 1_000) { r.weightService = v }
        if let v = try w.nonNegative("plan_execution", upTo: 1_000) { r.weightPlanExecution = v }
        if r.totalWeight == 0 {
            throw m.invalid("weights", w.line, "the weights must not all be 0 (the ranking would have no basis)")
        }
    }

    private static func parseSatisfaction(_ m: YAMLMap, into s: inout SatisfactionSettings) throws {
        try m.allow(["csat_target", "prior_weight", "corrective_max_score", "dimensions"])
        if let x = try m.fraction("csat_target") { s.csatTarget = x }
        if let x = try m.nonNegative("prior_weight", upTo: 1_000_000) { s.priorWeight = x }
        if let x = try m.count("corrective_max_score", in: 0...5) { s.correctiveMaxScore = x }
        if let d = try m.map("dimensions") {
            s.dimensions = try d.stringPairs().map { .init(name: $0.0, header: $0.1) }
        }
    }

    /// The line of `key`'s second appearance in the block mapping starting at `mark` (issue 25:
    /// Yams names the mapping's first line, so a duplicate top-level key was reported at line 1).
    /// Nil for a flow mapping or a key spelled in quotes another way.
    static func duplicateLine(of key: String, in text: String, mappingAt mark: Mark) -> Int? {
        let lines = text.components(separatedBy: "\n")
        let indent = mark.column - 1
        var seen = 0
        for number in max(mark.line, 1)...max(lines.count, 1) where number <= lines.count {
            let line = lines[number - 1]
            let body = line.drop(while: { $0 == " " })
            if body.isEmpty || body.hasPrefix("#") { continue }
            let column = line.count - body.count
            if column < indent, number > mark.line { return nil }  // the mapping ended
            guard column == indent else { continue }
            let name = body.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
            if body.contains(":"), [key, "'\(key)'", "\"\(key)\""].contains(name) {
                seen += 1
                if seen == 2 { return number }
            }
        }
        return nil
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }
}

/// A YAML mapping with typed, line-aware accessors. Every accessor throws a
/// `PipelineError` naming the file, line and key on a wrong type.
struct YAMLMap {
    let mapping: Node.Mapping
    let file: String
    let key: String
    let line: Int

    init(_ node: Node, key: String, file: String) throws {
        guard let m = node.mapping else {
            throw PipelineError.wrongType(file: file, line: node.mark?.line ?? 1, key: key, expected: "a mapping (key: value lines)")
        }
        mapping = m
        self.file = file
        self.key = key
        line = node.mark?.line ?? 1
    }

    private func path(_ k: String) -> String { key == "(top level)" ? k : "\(key).\(k)" }

    func line(of k: String) -> Int { mapping[k]?.mark?.line ?? line }

    func invalid(_ k: String, _ line: Int, _ message: String) -> PipelineError {
        .invalidValue(file: file, line: line, key: path(k), message: message)
    }

    func allow(_ keys: [String]) throws {
        for (k, _) in mapping {
            guard let name = k.string, keys.contains(name) else {
                throw PipelineError.unknownKey(file: file, line: k.mark?.line ?? line, key: path(k.string ?? "\(k)"))
            }
        }
    }

    private func scalar(_ k: String) throws -> (Node.Scalar, Int)? {
        guard let node = mapping[k] else { return nil }
        let l = node.mark?.line ?? line
        if node.null != nil, node.scalar?.style == .plain, node.scalar?.string == "null" || node.scalar?.string == "~" || node.scalar?.string == "" {
            return nil  // left out: default
        }
        guard let s = node.scalar else { throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a single value") }
        return (s, l)
    }

    func stringWithLine(_ k: String) throws -> (String, Int)? {
        guard let (s, l) = try scalar(k) else { return nil }
        return (s.string, l)
    }

    func string(_ k: String) throws -> String? { try stringWithLine(k)?.0 }

    func double(_ k: String) throws -> (Double, Int)? {
        guard let (s, l) = try scalar(k) else { return nil }
        guard s.style == .plain, let v = Double(s.string), v.isFinite else {
            throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a number")
        }
        return (v, l)
    }

    /// A number from 0 to `max`: every numeric setting has a range, so no configured
    /// value can make the metrics' arithmetic trap (a `repeat_days` of 1e15 did).
    func nonNegative(_ k: String, upTo max: Double) throws -> Double? {
        guard let (v, l) = try double(k) else { return nil }
        guard v >= 0 else { throw invalid(k, l, "must not be negative") }
        guard v <= max else { throw invalid(k, l, "must be between 0 and \(Self.format(max))") }
        return v
    }

    /// A number as a pipeline file writes it: `10000`, not `10000.0`.
    static func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    func fraction(_ k: String) throws -> Double? {
        guard let (v, l) = try double(k) else { return nil }
        guard (0...1).contains(v) else { throw invalid(k, l, "must be between 0 and 1 (e.g. 0.05 for 5 %)") }
        return v
    }

    func count(_ k: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let (s, l) = try scalar(k) else { return nil }
        guard s.style == .plain, let v = Int(s.string) else {
            throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a whole number")
        }
        guard v >= 0 else { throw invalid(k, l, "must not be negative") }
        guard range.contains(v) else { throw invalid(k, l, "must be between \(range.lowerBound) and \(range.upperBound)") }
        return v
    }

    func bool(_ k: String) throws -> Bool? {
        guard let (s, l) = try scalar(k) else { return nil }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "true or false")
        }
    }

    func map(_ k: String) throws -> YAMLMap? {
        guard let node = mapping[k] else { return nil }
        if node.scalar?.string == "" || node.scalar?.string == "null" { return nil }
        return try YAMLMap(node, key: path(k), file: file)
    }

    func stringList(_ k: String) throws -> [String]? {
        guard let node = mapping[k] else { return nil }
        let l = node.mark?.line ?? line
        if let s = node.scalar, s.string.isEmpty || s.string == "null" { return nil }
        guard let seq = node.sequence else { throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a list like [a, b]") }
        return try seq.map { item in
            guard let s = item.scalar else {
                throw PipelineError.wrongType(file: file, line: item.mark?.line ?? l, key: path(k), expected: "a list of single values")
            }
            return s.string
        }
    }

    /// Column mappings: `name: header`, `name: [date header, time header]`, or `name: []`:
    /// not read from this export, not even through a built-in header (a 币种 column
    /// beside amounts already in the pipeline's currency).
    /// The `{after: column, minutes|hours|days: header}` entries (SPEC §2.7).
    func durationPairs() throws -> [(String, Duration, Int)] {
        try mapping.compactMap { k, v in
            guard let entry = v.mapping, let name = k.string else { return nil }
            let l = k.mark?.line ?? line
            let map = try YAMLMap(v, key: path(name), file: file)
            try map.allow(["after", "minutes", "hours", "days"])
            let units: [(String, Double)] = [("minutes", 60), ("hours", 3600), ("days", 86_400)]
            let given = try units.compactMap { unit, seconds in try map.string(unit).map { ($0, seconds, unit) } }
            guard let after = try map.string("after"), given.count == 1, !given[0].0.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PipelineError.wrongType(file: file, line: l, key: path(name), expected: "{after: a time column, minutes: header} (or hours:, days:)")
            }
            _ = entry
            return (name, Duration(after: after, header: given[0].0, unitSeconds: given[0].1), l)
        }
    }

    func headerPairs() throws -> [(String, [String], Int)] {
        try mapping.filter { $0.value.mapping == nil }.map { k, v in
            let l = k.mark?.line ?? line
            let name = k.string ?? "?"
            var headers: [String] = []
            if let value = v.scalar?.string {
                headers = [value]
            } else if let seq = v.sequence, (0...2).contains(seq.count), case let list = seq.compactMap(\.scalar?.string), list.count == seq.count {
                headers = list
            } else {
                throw PipelineError.wrongType(file: file, line: l, key: path(name), expected: "a header, [date header, time header], or [] for none")
            }
            if headers.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw PipelineError.invalidValue(file: file, line: l, key: path(name), message: "the header text is empty")
            }
            if headers.count == 2, headers[0] == headers[1] {
                throw PipelineError.invalidValue(file: file, line: l, key: path(name), message: "the date and the time must be two different headers")
            }
            return (name, headers, l)
        }
    }

    /// All entries as (key, string value, line): for free-form maps like column mappings.
    /// The keys of this mapping in file order, with their lines.
    func keys() -> [(String, Int)] {
        mapping.compactMap { k, _ in k.string.map { ($0, k.mark?.line ?? line) } }
    }

    /// `name: text` pairs with their lines (dimension headers, fx rates).
    func stringPairs() throws -> [(String, String, Int)] {
        try mapping.map { k, v in
            let l = k.mark?.line ?? line
            guard let name = k.string, let value = v.scalar?.string else {
                throw PipelineError.wrongType(file: file, line: l, key: path(k.string ?? "?"), expected: "name: header text")
            }
            return (name, value, l)
        }
    }
}
