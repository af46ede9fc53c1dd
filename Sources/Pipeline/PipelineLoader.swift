import Foundation
import ScorecardModel
import Yams

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
    package static func ianaZone(_ name: String) -> TimeZone? {
        guard TimeZone.knownTimeZoneIdentifiers.contains(name) || ["UTC", "Etc/UTC", "Etc/GMT"].contains(name) else { return nil }
        return TimeZone(identifier: name)
    }

    /// Line and byte column (1-based) of the first byte that is not valid UTF-8.
    package static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
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
        var config = PipelineConfig()
        guard let root = try compose(text, file: file) else { return config }
        let top = try YAMLMap(root, key: "(top level)", file: file)
        try top.allow(["name", "timezone", "period", "language", "max_reject_rate", "min_sample", "lock_timeout_seconds", "warehouse", "currency", "fx", "inputs",
                       "calendar", "business_hours", "grading", "complaints", "visits", "satisfaction", "receivables", "development", "service", "ranking", "submissions", "ledger", "outputs", "deliver"])
        try parseGeneral(top, into: &config)
        if let inputs = try top.map("inputs") { try parseInputs(inputs, into: &config) }
        if let v: CalendarSettings.Kind = try top.choice("calendar", expected: "expected calendar or business") { config.calendar.kind = v }
        if let m = try top.map("business_hours") { try parseBusinessHours(m, into: &config.calendar) }
        if let m = try top.map("grading") { try parseGrading(m, into: &config.grading) }
        if let m = try top.map("complaints") { try parseComplaints(m, into: &config.complaints) }
        if let m = try top.map("visits") { try parseVisits(m, into: &config.visits) }
        if let m = try top.map("satisfaction") { try parseSatisfaction(m, into: &config.satisfaction) }
        if let m = try top.map("receivables") { try parseReceivables(m, into: &config.receivables) }
        if let m = try top.map("development") { try parseDevelopment(m, into: &config.development) }
        if let m = try top.map("service") { try parseService(m, into: &config.service) }
        if let m = try top.map("ranking") { try parseRanking(m, into: &config.ranking) }
        if let m = try top.map("submissions") { try parseSubmissions(m, into: &config.submissions) }
        if let m = try top.map("ledger") { try parseLedger(m, into: &config.ledger) }
        if let m = try top.map("outputs") { try parseOutputs(m, into: &config.outputs) }
        if let m = try top.map("deliver") { try parseDeliver(m, into: &config.deliver) }
        return config
    }

    /// The YAML's node tree, nil for an empty file; a syntax error names its line (a
    /// duplicated key its second place).
    private static func compose(_ text: String, file: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            let key = duplicates.sorted().first ?? ""
            let line = duplicateLine(of: key, in: text, mappingAt: context.mark) ?? context.mark.line
            throw PipelineError.syntax(file: file, line: line, message: "the key '\(key)' appears twice in one mapping (this is its second place)")
        } catch let error as YamlError {
            throw PipelineError.syntax(file: file, line: Self.line(of: error), message: "\(error)".split(separator: "\n").first.map(String.init) ?? "")
        }
    }

    /// The settings of the whole run: name, time zone, period kind, language, thresholds,
    /// warehouse, currency and fx rates.
    private static func parseGeneral(_ top: YAMLMap, into config: inout PipelineConfig) throws {
        if let v = try top.string("name") { config.name = v }
        if let (v, line) = try top.stringWithLine("timezone") {
            guard let tz = ianaZone(v) else {
                throw top.invalid("timezone", line, "'\(v)' is not an IANA time zone name (e.g. Asia/Shanghai, America/New_York, UTC); "
                                  + "offsets such as UTC+8 are not zones and PostgreSQL reads their sign the other way")
            }
            config.timeZone = tz
        }
        if let v: Period.Kind = try top.choice("period", expected: "expected week, month, half_month, quarter or year") { config.periodKind = v }
        if let v: PipelineConfig.Language = try top.choice("language", expected: "expected zh-CN or en") { config.language = v }
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
    }

    /// The line of `key`'s second appearance in the block mapping starting at `mark` (issue 25:
    /// Yams names the mapping's first line, so a duplicate top-level key was reported at line 1).
    /// Nil for a flow mapping or a key spelled in quotes another way.
    package static func duplicateLine(of key: String, in text: String, mappingAt mark: Mark) -> Int? {
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
