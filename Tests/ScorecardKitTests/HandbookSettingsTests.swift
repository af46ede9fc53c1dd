import Testing
@testable import ScorecardModel
@testable import ScorecardPipeline

/// SPEC §3.11, §5: `submissions` and `ledger` in the pipeline file; errors name the line and key.
@Suite struct HandbookSettingsTests {
    @Test func deadlinesRulesAndTheScore() throws {
        let c = try PipelineLoader.parse("""
            submissions:
              deadlines:
                daily_log: {working_days_after: 2}
                weekly_summary: {weekday_after: Fri, at: "12:30"}
                visit_report: {day_after: 3, at: "23:59:59", covers: week}
              archive_per_order: true
            ledger:
              affects_score: true
              rules:
                - {event: late_submission, kind: archive, amount: -50}
                - {event: missing_submission, points: -2, cap: 5}
                - {event: target_tier, kind: sales, tier: 冲刺, points: 2}
            """, file: "p.yml")
        let d = c.submissions.deadlines
        #expect(d["daily_log"] == .init(covers: .day, rule: .workingDaysAfter(2), at: 9 * 3_600))   // `at` kept
        #expect(d["weekly_summary"] == .init(covers: .week, rule: .weekdayAfter(5), at: 12 * 3_600 + 30 * 60))
        #expect(d["visit_report"] == .init(covers: .week, rule: .dayAfter(3), at: 86_399))
        #expect(d["monthly_summary"] == SubmissionSettings().deadlines["monthly_summary"])
        #expect(c.submissions.archivePerOrder && c.ledger.affectsScore)
        #expect(c.ledger.rules == [LedgerRule(event: .lateSubmission, amount: -50, kind: "archive"),
                                   LedgerRule(event: .missingSubmission, points: -2, cap: 5),
                                   LedgerRule(event: .targetTier, points: 2, kind: "sales", tier: .stretch)])
    }

    @Test(arguments: [
        ("ledger:\n  rules:\n    - {event: late_report}\n", "ledger.rules.event"),
        ("ledger:\n  rules:\n    - {event: target_tier, kind: sales}\n", "ledger.rules.tier"),
        ("ledger:\n  rules:\n    - {event: low_survey, kind: archive}\n", "ledger.rules.kind"),
        ("ledger:\n  rules:\n    - {event: low_survey, points: 500}\n", "ledger.rules.points"),
        ("submissions:\n  deadlines:\n    daily_log: {at: \"25:00\"}\n", "submissions.deadlines.daily_log.at"),
        ("submissions:\n  deadlines:\n    visit_report: {day_after: 1}\n", "submissions.deadlines.visit_report.covers"),
        ("submissions:\n  deadlines:\n    daily_log: {day_after: 1, weekday_after: Mon}\n", "submissions.deadlines.daily_log.day_after"),
    ])
    func mistakesNameTheirKey(text: String, key: String) {
        #expect {
            try PipelineLoader.parse(text, file: "p.yml")
        } throws: { error in
            guard case .invalidValue(_, _, let k, _) = error as? PipelineError else { return false }
            return k == key
        }
    }
}
