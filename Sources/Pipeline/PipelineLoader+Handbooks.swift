import ScorecardModel
import Yams

/// The handbooks' settings of SPEC §3.11: `submissions` (deadlines, archives per order) and
/// `ledger` (rules, whether the points move the score).
extension PipelineLoader {
    package static func parseSubmissions(_ m: YAMLMap, into s: inout SubmissionSettings) throws {
        try m.allow(["deadlines", "archive_per_order"])
        if let v = try m.bool("archive_per_order") { s.archivePerOrder = v }
        guard let d = try m.map("deadlines") else { return }
        for (kind, line) in d.keys() {
            guard let entry = try d.map(kind) else { throw d.invalid(kind, line, "expected a deadline like {working_days_after: 1, at: \"09:00\"}") }
            s.deadlines[kind] = try parseDeadline(entry, kind: kind, old: s.deadlines[kind])
        }
    }

    /// `{working_days_after: n | weekday_after: Mon | day_after: n, at: "HH:MM[:SS]", covers: day|week|month|deal}`.
    private static func parseDeadline(_ m: YAMLMap, kind: String, old: SubmissionSettings.Deadline?) throws -> SubmissionSettings.Deadline {
        try m.allow(["working_days_after", "weekday_after", "day_after", "at", "covers"])
        let given = ["working_days_after", "weekday_after", "day_after"].filter { m.mapping[$0] != nil }
        guard given.count <= 1 else { throw m.invalid(given[1], m.line(of: given[1]), "give one of working_days_after, weekday_after and day_after") }
        var rule = old?.rule
        if let n = try m.count("working_days_after", in: 0...60) { rule = .workingDaysAfter(n) }
        if let n = try m.count("day_after", in: 1...31) { rule = .dayAfter(n) }
        if let (day, line) = try m.stringWithLine("weekday_after") {
            guard let n = weekdayNumbers[String(day.lowercased().prefix(3))] else { throw m.invalid("weekday_after", line, "expected a weekday like Mon") }
            rule = .weekdayAfter(n)
        }
        var covers = old?.covers ?? SubmissionSettings.defaultCovers(of: kind)
        if let v: SubmissionSettings.Covers = try m.choice("covers", expected: "expected day, week, month or deal") { covers = v }
        guard let rule else { throw m.invalid("working_days_after", m.line, "the deadline of '\(kind)' needs working_days_after, weekday_after or day_after") }
        guard let covers else { throw m.invalid("covers", m.line, "say what one '\(kind)' covers: day, week, month or deal") }
        var at = old?.at ?? 18 * 3_600
        if let (text, line) = try m.stringWithLine("at") {
            let parts = text.split(separator: ":").map { Int($0) }
            guard (2...3).contains(parts.count), let h = parts[0], let mi = parts[1], (0...23).contains(h), (0...59).contains(mi),
                  parts.count == 2 || (parts[2].map { (0...59).contains($0) } ?? false) else {
                throw m.invalid("at", line, "expected a time of day like \"18:00\" or \"23:59:59\"")
            }
            at = h * 3_600 + mi * 60 + (parts.count == 3 ? parts[2]! : 0)
        }
        return .init(covers: covers, rule: rule, at: at)
    }

    package static func parseLedger(_ m: YAMLMap, into l: inout LedgerSettings) throws {
        try m.allow(["rules", "affects_score"])
        if let v = try m.bool("affects_score") { l.affectsScore = v }
        guard let node = m.mapping["rules"], node.scalar?.string.isEmpty != true, node.scalar?.string != "null" else { return }
        guard let items = node.sequence else {
            throw PipelineError.wrongType(file: m.file, line: node.mark?.line ?? m.line, key: "ledger.rules",
                                          expected: "a list of {event, points, amount, cap}")
        }
        l.rules = try items.map { try parseRule(YAMLMap($0, key: "ledger.rules", file: m.file)) }
    }

    private static func parseRule(_ r: YAMLMap) throws -> LedgerRule {
        try r.allow(["event", "points", "amount", "cap", "kind", "tier"])
        let events = LedgerEvent.allCases.map(\.rawValue).joined(separator: ", ")
        guard let event: LedgerEvent = try r.choice("event", expected: "expected one of \(events)") else {
            throw r.invalid("event", r.line, "each rule needs its event (\(events))")
        }
        var rule = LedgerRule(event: event)
        if let (v, _) = try r.double("points") {
            guard abs(v) <= 100 else { throw r.invalid("points", r.line(of: "points"), "must be between -100 and 100") }
            rule.points = v
        }
        if let (v, _) = try r.double("amount") {
            guard abs(v) <= 1e9 else { throw r.invalid("amount", r.line(of: "amount"), "must be between -1000000000 and 1000000000") }
            rule.amount = v
        }
        rule.cap = try r.count("cap", in: 0...100_000)
        if let (kind, line) = try r.stringWithLine("kind") {
            let allowed: [LedgerEvent] = [.lateSubmission, .missingSubmission, .targetTier]
            guard allowed.contains(event) else { throw r.invalid("kind", line, "only late_submission, missing_submission and target_tier rules take a kind") }
            if event == .targetTier, TargetKind(rawValue: kind) == nil {
                throw r.invalid("kind", line, "expected a target kind: \(TargetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            rule.kind = kind
        }
        if let (word, line) = try r.stringWithLine("tier") {
            // The export's words too: 目标, 冲刺, 挑战.
            let canonical = TargetTier.spellings.first { $0.canonical == word || $0.aliases.contains(word) }?.canonical
            guard let tier = canonical.flatMap(TargetTier.init(rawValue:)) else { throw r.invalid("tier", line, "expected target, stretch or challenge (目标, 冲刺, 挑战)") }
            guard event == .targetTier else { throw r.invalid("tier", line, "only target_tier rules take a tier") }
            rule.tier = tier
        }
        if event == .targetTier, rule.tier == nil { throw r.invalid("tier", r.line, "a target_tier rule needs its tier (target, stretch or challenge)") }
        return rule
    }
}
