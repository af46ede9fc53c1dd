import Testing
@testable import PostgresURI
@testable import ScorecardMetrics

/// SPEC §3.4: CSAT, NPS, dimensions, the adjusted score and the corrective-action list.
@Suite struct SatisfactionTests {
    static func report(_ surveys: [MetricInputs.Survey], complained: Set<String> = [], ctx: MetricContext = M.context()) -> SatisfactionReport {
        var inputs = MetricInputs(ctx)
        inputs.surveys = surveys
        return SatisfactionMetrics.compute(inputs, grades: ["C1": .A, "C2": .B], complainedCustomers: complained, ctx)
    }

    @Test func csatIgnoresMissingScoresAndNpsIsPromotersMinusDetractors() {
        let r = Self.report([
            M.survey("S1", overall: 5, nps: 10), M.survey("S2", overall: 4, nps: 9), M.survey("S3", overall: 2, nps: 3),
            M.survey("S4", overall: nil, nps: 7), M.survey("S5", overall: 3, nps: nil),
        ])
        let m = r.manager("M1")!
        #expect(m.responses == 5)
        #expect(m.meanOverall == 3.5)   // 5, 4, 2, 3
        #expect(m.csat == 0.5)          // 2 of 4 scored
        #expect(m.nps == 25)            // (2 promoters − 1 detractor) / 4 · 100
    }

    @Test func npsIsNegativeWhenDetractorsDominate() {
        let r = Self.report([M.survey("S1", overall: 1, nps: 0), M.survey("S2", overall: 2, nps: 6), M.survey("S3", overall: 3, nps: 8)])
        #expect(abs(r.overall!.nps! - (-200.0 / 3)) < 1e-9)
    }

    @Test func adjustedSatisfactionPullsSmallSamplesToTheMean() {
        // μ = mean of all 7 scores = 30/7; M1: n = 2, mean 5 → (10 + 5·30/7)/7; M2: n = 5, mean 4.
        let r = Self.report([
            M.survey("S1", overall: 5), M.survey("S2", overall: 5),
            M.survey("S3", manager: "M2", overall: 4), M.survey("S4", manager: "M2", overall: 4), M.survey("S5", manager: "M2", overall: 4),
            M.survey("S6", manager: "M2", overall: 4), M.survey("S7", manager: "M2", overall: 4),
            M.survey("S8", manager: "M3", overall: nil, nps: 10),
        ])
        let mu = 30.0 / 7
        #expect(abs(r.manager("M1")!.adjustedSatisfaction! - (10 + 5 * mu) / 7) < 1e-12)
        #expect(abs(r.manager("M2")!.adjustedSatisfaction! - (20 + 5 * mu) / 10) < 1e-12)
        #expect(r.manager("M3")!.adjustedSatisfaction == nil)   // no overall score: empty
    }

    @Test func dimensionsAndGrades() {
        let r = Self.report([
            M.survey("S1", customer: "C1", overall: 5, dimensions: ["attitude": 5, "expertise": 4]),
            M.survey("S2", customer: "C2", overall: 3, dimensions: ["attitude": 2]),
        ])
        #expect(r.overall?.dimensions == ["attitude": 3.5, "expertise": 4])
        #expect(r.groups.first { $0.grouping == .grade && $0.key == "A" }?.meanOverall == 5)
    }

    @Test func lowScoresFormTheCorrectiveActionList() {
        let r = Self.report([
            M.survey("S1", customer: "C1", overall: 2, comment: "太慢"), M.survey("S2", customer: "C2", overall: 1),
            M.survey("S3", customer: "C2", overall: 3), M.survey("S4", customer: "C1", at: "2026-09-30 10:00", overall: 1),
        ], complained: ["C1"])
        #expect(r.corrective == [
            CorrectiveAction(surveyID: "S2", customerID: "C2", managerID: "M1", overall: 1, comment: nil, complained: false),
            CorrectiveAction(surveyID: "S1", customerID: "C1", managerID: "M1", overall: 2, comment: "太慢", complained: true),
        ])
    }
}
