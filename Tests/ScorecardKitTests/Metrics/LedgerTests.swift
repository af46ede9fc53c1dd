import Testing
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// SPEC §3.11: the rewards-and-deductions ledger — every event, caps (the first in time order),
/// facts naming what triggered them, totals, and `affects_score` within 0–100. October 2026, no holidays.
@Suite struct LedgerTests {
    static func rule(_ event: LedgerEvent, _ points: Double = 0, amount: Double = 0, cap: Int? = nil, kind: String? = nil,
                     tier: TargetTier? = nil) -> LedgerRule {
        LedgerRule(event: event, points: points, amount: amount, cap: cap, kind: kind, tier: tier)
    }

    /// M1 sells 1 000 (its C3 owes 500 since July), M2 sells 100; M1's complaint K1 breaches both
    /// targets, K2 is major and never escalated, its survey S1 scores 2, its plan for C1 is not kept,
    /// its customer C1 (grade A) is not visited; it hands in three weekly summaries late and misses
    /// the fourth; its sales target 800 / stretch 900 is passed at stretch; M2's 200 is missed.
    static func inputs(_ ctx: MetricContext) -> MetricInputs {
        var inputs = MetricInputs(ctx)
        inputs.managers = [.init(id: "M1", active: true, team: "一组"), .init(id: "M2", active: true, team: "一组")]
        inputs.customers = [M.customer("C1"), M.customer("C2", manager: "M2"), M.customer("C3")]
        inputs.add([M.order("C1", 1000), M.order("C3", 500, at: "2026-06-01 10:00", due: "2026-07-01"),
                    M.order("C2", 100, manager: "M2")])
        inputs.complaints = [M.complaint("K1", received: "2026-10-05 10:00", response: "2026-10-06 12:00"),
                             M.complaint("K2", received: "2026-10-07 10:00", response: "2026-10-07 11:00", resolved: "2026-10-08 10:00", major: true)]
        inputs.surveys = [M.survey("S1", at: "2026-10-15 10:00", overall: 2)]
        inputs.visitPlans = [M.plan("C1", on: "2026-10-12")]
        inputs.hasVisitPlans = true
        inputs.submissions = [
            SubmissionRecord(managerID: "M1", kind: "weekly_summary", covers: "2026-W42", submittedAt: M.t("2026-10-21 09:00")),
            SubmissionRecord(managerID: "M1", kind: "weekly_summary", covers: "2026-W40", submittedAt: M.t("2026-10-06 09:00")),
            SubmissionRecord(managerID: "M1", kind: "weekly_summary", covers: "2026-W41", submittedAt: M.t("2026-10-14 09:00")),
        ] + ["2026-W40", "2026-W41", "2026-W42", "2026-W43"].map {
            SubmissionRecord(managerID: "M2", kind: "weekly_summary", covers: $0, submittedAt: M.t("2026-10-01 09:00"))
        }
        inputs.targets = [TargetRecord(period: "2026-10", managerID: "M1", target: 800), TargetRecord(period: "2026-10", managerID: "M1", tier: .stretch, target: 900),
                          TargetRecord(period: "2026-10", managerID: "M2", target: 200)]
        return inputs
    }

    static func context(_ rules: [LedgerRule], affectsScore: Bool = false) -> MetricContext {
        M.context { c in
            c.submissions.deadlines = c.submissions.deadlines.filter { $0.key == "weekly_summary" }
            c.ledger.rules = rules
            c.ledger.affectsScore = affectsScore
        }
    }

    @Test func everyEventWithItsFactUnderItsCap() {
        let rules = [Self.rule(.lateSubmission, -2, amount: -50, cap: 2, kind: "weekly_summary"), Self.rule(.missingSubmission, -5, amount: -100),
                     Self.rule(.complaintBreached, -3), Self.rule(.majorNotEscalated, -10), Self.rule(.aCustomerNotVisited, -1),
                     Self.rule(.lowSurvey, -2), Self.rule(.planMissed, -1), Self.rule(.overdue91, amount: -200),
                     Self.rule(.rankFirst, 5, amount: 500), Self.rule(.rankLast, -5), Self.rule(.targetTier, 3, amount: 300, kind: "sales", tier: .stretch),
                     Self.rule(.targetTier, 1, tier: .target)]     // M1's highest tier is stretch, M2 reached none: no line
        let ctx = Self.context(rules)
        let r = PeriodMetrics.compute(Self.inputs(ctx), ctx)
        let m1 = r.ledger.lines(of: "M1")
        #expect(m1.map(\.seq) == Array(1...12))
        #expect(Set(m1.map(\.fact)).isSuperset(of: [
            "周总结 2026年第40周 迟交（截止 2026-10-05 18:00，提交 2026-10-06 09:00）",
            "周总结 2026年第41周 迟交（截止 2026-10-12 18:00，提交 2026-10-14 09:00）",   // W42's, the third, is over the cap
            "周总结 2026年第43周 未交（截止 2026-10-26 18:00）",
            "投诉 K1（2026-10-05 10:00 受理）首次响应超时",
            "投诉 K1（2026-10-05 10:00 受理）结案超时",
            "重大投诉 K2（2026-10-07 10:00 受理）未上报",
            "拜访计划未执行：客户 C1，计划 2026-10-12",
            "问卷 S1（客户 C1，2026-10-15）总体满意度 2 分",
            "A级客户 C1 未按期拜访（无拜访记录）",
            "排名第一（得分 \(String(format: "%.1f", r.ledger.total(of: "M1")!.kpiScore))）",
            "销售达到冲刺档：完成 1,000.00，冲刺档 900.00",
        ]))
        #expect(m1.contains { $0.event == .overdue91 && $0.fact.hasPrefix("客户 C3 逾期 123 天") && $0.fact.hasSuffix("天，逾期金额 500.00") })
        // In time order: the overdue since July, the unvisited A customer at the period start, then by date; the period's end last.
        #expect(m1.map(\.event) == [.overdue91, .aCustomerNotVisited, .complaintBreached, .complaintBreached, .lateSubmission, .majorNotEscalated,
                                     .planMissed, .lateSubmission, .lowSurvey, .missingSubmission, .rankFirst, .targetTier])
        #expect(Set(m1.map(\.event)) == Set(LedgerEvent.allCases).subtracting([.rankLast]))
        #expect(r.ledger.lines(of: "M2").map(\.event) == [.rankLast])
        let t1 = r.ledger.total(of: "M1")!, t2 = r.ledger.total(of: "M2")!
        let points: Double = -2 * 2 - 5 - 3 * 2 - 10 - 1 - 2 - 1 + 5 + 3
        let amount: Double = -50 * 2 - 100 - 200 + 500 + 300
        #expect(t1.points == points)
        #expect(t1.amount == amount)
        #expect(t2.points == -5 && t2.amount == 0)
        #expect(t1.finalScore == t1.kpiScore)                       // affects_score is off: the score stands
        #expect(r.ledger.teams.map(\.team) == ["一组"] && r.ledger.teams[0].points == t1.points + t2.points)
    }

    @Test func aCapKeepsTheFirstInTimeOrder() {
        let ctx = Self.context([Self.rule(.lateSubmission, -1, cap: 1), Self.rule(.complaintBreached, -1, cap: 0)])
        let r = PeriodMetrics.compute(Self.inputs(ctx), ctx)
        #expect(r.ledger.lines.map(\.fact) == ["周总结 2026年第40周 迟交（截止 2026-10-05 18:00，提交 2026-10-06 09:00）"])
    }

    @Test func theFinalScoreStaysWithin0And100AndTheRankFollowsIt() {
        let ctx = Self.context([Self.rule(.rankFirst, -150), Self.rule(.rankLast, 90)], affectsScore: true)
        let r = PeriodMetrics.compute(Self.inputs(ctx), ctx)
        let t1 = r.ledger.total(of: "M1")!, t2 = r.ledger.total(of: "M2")!
        #expect(t1.kpiScore > t2.kpiScore)                          // M1 first, M2 last by the KPI score
        #expect(t1.finalScore == 0)                                 // not below 0
        #expect(t2.finalScore == min(100, t2.kpiScore + 90))
        let ranked = Dictionary(uniqueKeysWithValues: r.managers.map { ($0.managerID, $0) })
        #expect(ranked["M2"]!.rank == 1 && ranked["M2"]!.isFirst && ranked["M1"]!.rank == 2 && ranked["M1"]!.isLast)
        #expect(ranked["M1"]!.score == 0)

        let up = Self.context([Self.rule(.rankFirst, 150)], affectsScore: true)
        let u = PeriodMetrics.compute(Self.inputs(up), up)
        #expect(u.ledger.total(of: "M1")!.finalScore == 100)        // not above 100
        #expect(u.managers.first { $0.managerID == "M1" }!.score == 100)
    }
}
