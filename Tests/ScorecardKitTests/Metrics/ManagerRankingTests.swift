import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardPipeline

/// SPEC §3.5: percent ranks, rescaled weights, shared ranks, first and last.
@Suite struct ManagerRankingTests {
    static func kpi(_ id: String, sales: Double, coverage: Double? = nil, sla: Double? = nil, satisfaction: Double? = nil,
                    attainment: Double? = nil) -> ManagerKPIs {
        // `sla` is the SLA KPI, the adjusted rate (SPEC §3.5); the raw rate beside it is only shown.
        ManagerKPIs(managerID: id, sales: sales, attainment: attainment, coverageRate: coverage, slaRate: sla, adjustedSLARate: sla,
                    adjustedSatisfaction: satisfaction)
    }

    static func rank(_ kpis: [ManagerKPIs], targets: Bool = false, previous: [String: Int] = [:]) -> [String: ManagerScore] {
        Dictionary(uniqueKeysWithValues: ManagerRanking.rank(kpis, weights: RankingSettings(), useTargets: targets,
                                                             previousRanks: previous).map { ($0.managerID, $0) })
    }

    @Test func oneManagerScoresOneHundred() {
        let r = Self.rank([Self.kpi("M1", sales: 0)])
        #expect(r["M1"]?.score == 100)
        #expect(r["M1"]?.rank == 1)
        #expect(r["M1"]?.isFirst == true)
        #expect(r["M1"]?.isLast == false)
    }

    @Test func missingKPIsRescaleTheWeights() {
        // Sales PR: M1 1, M2 0.5, M3 0. Satisfaction only M1 (0) and M2 (1); no coverage or SLA.
        let r = Self.rank([Self.kpi("M1", sales: 300, satisfaction: 4.0), Self.kpi("M2", sales: 200, satisfaction: 4.5),
                           Self.kpi("M3", sales: 100)])
        #expect(abs(r["M1"]!.score - 100 * 40.0 / 65) < 1e-9)                 // (40·1 + 25·0) / 65
        #expect(abs(r["M2"]!.score - 100 * (40 * 0.5 + 25) / 65) < 1e-9)      // (40·0.5 + 25·1) / 65
        #expect(r["M3"]!.score == 0)                                          // sales only, PR 0
        #expect((r["M2"]!.rank, r["M1"]!.rank, r["M3"]!.rank) == (1, 2, 3))
    }

    @Test func tiedScoresShareARank() {
        let r = Self.rank([Self.kpi("M1", sales: 500), Self.kpi("M2", sales: 300), Self.kpi("M3", sales: 300), Self.kpi("M4", sales: 100)])
        #expect(["M1", "M2", "M3", "M4"].map { r[$0]!.rank } == [1, 2, 2, 4])
        #expect(r["M4"]?.isLast == true)
        #expect(r["M1"]?.isFirst == true)
        let ordered = ManagerRanking.rank([Self.kpi("M3", sales: 300), Self.kpi("M2", sales: 300)], weights: RankingSettings(),
                                          useTargets: false, previousRanks: [:])
        #expect(ordered.map(\.managerID) == ["M2", "M3"])   // equal ranks listed by manager_id
    }

    /// SPEC §3.5: the SLA KPI is (met + m·μ)/(decided + m), μ the period's overall rate, m = 5.
    @Test func theSLAKPIIsShrunkTowardTheOverallRate() {
        func group(met: Int, decided: Int) -> SLAGroup {
            var g = ComplaintMetrics.summarize(.manager, "M", [])
            g.slaMet = met
            g.slaDecided = decided
            return g
        }
        #expect(abs(group(met: 0, decided: 2).adjustedSLARate(overall: 0.9, priorWeight: 5)! - 4.5 / 7) < 1e-12)
        #expect(abs(group(met: 18, decided: 20).adjustedSLARate(overall: 0.9, priorWeight: 5)! - 22.5 / 25) < 1e-12)
        #expect(group(met: 0, decided: 0).adjustedSLARate(overall: 0.9, priorWeight: 5) == nil)   // nothing decided: no KPI
        #expect(group(met: 1, decided: 2).adjustedSLARate(overall: nil, priorWeight: 5) == nil)
        #expect(group(met: 1, decided: 2).adjustedSLARate(overall: 0.8, priorWeight: 0) == 0.5)  // m = 0: the raw rate
        // One complaint half met (1 of 2) against ten of twenty: the same raw rate, but the one complaint
        // says less, so it stays nearer the overall 80 %: 5/7 against 14/25.
        let one = group(met: 1, decided: 2).adjustedSLARate(overall: 0.8, priorWeight: 5)!
        let many = group(met: 10, decided: 20).adjustedSLARate(overall: 0.8, priorWeight: 5)!
        #expect(abs(one - 5.0 / 7) < 1e-12 && abs(many - 14.0 / 25) < 1e-12)
    }

    /// The ranking ranks the adjusted rate, not the raw one it shows.
    @Test func theRankingRanksTheAdjustedSLARate() {
        let kpis = [ManagerKPIs(managerID: "M1", sales: 1, attainment: nil, coverageRate: nil, slaRate: 0.5, adjustedSLARate: 5.0 / 7,
                                adjustedSatisfaction: nil),
                    ManagerKPIs(managerID: "M2", sales: 1, attainment: nil, coverageRate: nil, slaRate: 0.5, adjustedSLARate: 14.0 / 25,
                                adjustedSatisfaction: nil)]
        let r = Self.rank(kpis)
        #expect(r["M1"]!.points[.sla]! > r["M2"]!.points[.sla]!)
        #expect(r["M1"]!.slaRate == 0.5 && r["M1"]!.adjustedSLARate == 5.0 / 7)
    }

    @Test func allFourKPIsWithDefaultWeights() {
        // M1 best in sales and SLA, worst in coverage and satisfaction: (40 + 20) / 100.
        let r = Self.rank([Self.kpi("M1", sales: 2, coverage: 0.5, sla: 0.9, satisfaction: 3.9),
                           Self.kpi("M2", sales: 1, coverage: 0.8, sla: 0.7, satisfaction: 4.2)])
        #expect(abs(r["M1"]!.score - 60) < 1e-9)
        #expect(abs(r["M2"]!.score - 40) < 1e-9)
    }

    @Test func targetsRankAttainmentAndLeaveOutManagersWithoutATarget() {
        let r = Self.rank([Self.kpi("M1", sales: 500, attainment: 0.5), Self.kpi("M2", sales: 100, attainment: 1.1),
                           Self.kpi("M3", sales: 900, coverage: 0.5)], targets: true)
        #expect(r["M2"]!.score == 100)
        #expect(r["M1"]!.score == 0)
        #expect(r["M3"]!.score == 100)   // only coverage, where it is alone
    }

    @Test func rankChangeAgainstThePreviousPeriod() {
        let r = Self.rank([Self.kpi("M1", sales: 5), Self.kpi("M2", sales: 9)], previous: ["M1": 1])
        #expect(r["M1"]?.rankChange == -1)
        #expect(r["M2"]?.rankChange == nil)
    }

    @Test func managersWhoLeftRankOnlyWithActivity() {
        let ctx = M.context()
        var inputs = MetricInputs(ctx)
        inputs.managers = [.init(id: "M1", active: true), .init(id: "M2", active: false), .init(id: "M3", active: false)]
        inputs.customers = [M.customer("C1")]
        inputs.add([M.order("C1", 100, manager: "M3")])
        let results = PeriodMetrics.compute(inputs, ctx)
        #expect(results.managers.map(\.managerID).sorted() == ["M1", "M3"])
        #expect(results.managers.first { $0.managerID == "M1" }?.sales == 0)
    }

    @Test func optionalKPIsAtWeightZeroChangeNothing() {
        var a = Self.kpi("M1", sales: 2, coverage: 0.5), b = Self.kpi("M2", sales: 1, coverage: 0.8)
        let without = Self.rank([a, b])
        a.collectionRate = 0.2; a.newCustomers = 0
        b.collectionRate = 0.9; b.newCustomers = 7
        let with = Self.rank([a, b])
        #expect(with.mapValues(\.score) == without.mapValues(\.score))
        #expect(with["M2"]?.collectionRate == 0.9 && with["M2"]?.newCustomers == 7)
    }

    @Test func optionalKPIsCountWithAWeight() {
        var weights = RankingSettings()
        weights.weightCollection = 20
        weights.weightNewCustomers = 10
        var m1 = Self.kpi("M1", sales: 3), m2 = Self.kpi("M2", sales: 2), m3 = Self.kpi("M3", sales: 1)
        m1.collectionRate = 0.5; m2.collectionRate = 0.9          // M3: nothing fell due, left out of collection
        m1.newCustomers = 0; m2.newCustomers = 4; m3.newCustomers = 4
        let r = Dictionary(uniqueKeysWithValues: ManagerRanking.rank([m1, m2, m3], weights: weights, useTargets: false, previousRanks: [:])
            .map { ($0.managerID, $0) })
        // Sales PR 1, 0.5, 0; collection PR (of two) 0, 1; new customers PR 0, 0.5, 0.5.
        #expect(abs(r["M1"]!.score - 100 * (40 * 1 + 20 * 0 + 10 * 0) / 70) < 1e-9)
        #expect(abs(r["M2"]!.score - 100 * (40 * 0.5 + 20 * 1 + 10 * 0.5) / 70) < 1e-9)
        #expect(abs(r["M3"]!.score - 100 * (40 * 0 + 10 * 0.5) / 50) < 1e-9)   // weights rescaled without collection
    }

    /// SPEC §3.11, §3.12: written work on time and the collection, new-customer and visit
    /// attainments rank with a weight; a manager without one is left out of that KPI.
    @Test func theHandbooksOptionalKPIsCountWithAWeight() {
        var weights = RankingSettings()
        (weights.weightSales, weights.weightSatisfaction, weights.weightSLA, weights.weightCoverage) = (0, 0, 0, 0)
        weights.weightSubmissions = 10
        weights.weightVisitsAttainment = 30
        var m1 = Self.kpi("M1", sales: 1), m2 = Self.kpi("M2", sales: 1), m3 = Self.kpi("M3", sales: 1)
        m1.submissionRate = 0.9; m2.submissionRate = 0.5; m3.submissionRate = 0.7
        m1.attainments = [.visits: 0.8]; m2.attainments = [.visits: 1.2, .collection: 5]   // M3: no visit target
        let r = Dictionary(uniqueKeysWithValues: ManagerRanking.rank([m1, m2, m3], weights: weights, useTargets: false, previousRanks: [:])
            .map { ($0.managerID, $0) })
        // Submissions PR 1, 0, 0.5; visit attainment PR (of two) 0, 1; collection attainment at weight 0 left out.
        #expect(abs(r["M1"]!.score - 100 * (10 * 1 + 30 * 0) / 40) < 1e-9)
        #expect(abs(r["M2"]!.score - 100 * (10 * 0 + 30 * 1) / 40) < 1e-9)
        #expect(abs(r["M3"]!.score - 100 * 0.5) < 1e-9)
        #expect(r["M2"]!.points[.visitsAttainment] == 75 && r["M2"]!.points[.collectionAttainment] == nil)
    }

    @Test func paidSalesBasisCountsAnOrderInThePeriodItsPaymentArrives() {
        func sales(_ basis: RankingSettings.SalesBasis, asOf: String = "2026-11-01 00:00") -> Double? {
            let ctx = M.context(asOf: asOf) { $0.ranking.salesBasis = basis }
            var inputs = MetricInputs(ctx)
            inputs.managers = [.init(id: "M1", active: true)]
            inputs.customers = [M.customer("C1")]
            inputs.add([
                M.order("C1", 1, at: "2026-09-20 10:00", due: "2026-10-01", paid: "2026-10-01"),  // ordered in Sept, paid Oct 1
                M.order("C1", 20, at: "2026-10-03 10:00", due: "2026-10-31", paid: "2026-10-31"), // ordered and paid in Oct
                M.order("C1", 300, at: "2026-10-10 10:00", due: "2026-11-09", paid: "2026-11-01"), // paid the next period
                M.order("C1", 4000, at: "2026-10-12 10:00"),                                        // never paid
                M.order("C1", 50000, at: "2026-09-01 10:00", paid: "2026-10-05", completed: false), // refunded
            ])
            return PeriodMetrics.compute(inputs, ctx).managers.first?.sales
        }
        #expect(sales(.ordered) == 4320)
        #expect(sales(.paid) == 21)
        // A later as_of does not move the payment of 11-01 into October.
        #expect(sales(.paid, asOf: "2026-11-05 00:00") == 21)
        // A payment dated in the period but after as_of has not arrived yet.
        #expect(sales(.paid, asOf: "2026-10-20 00:00") == 1)
    }

    /// SPEC §4.1.1: the points of the KPIs a manager has add up to the score; a missing KPI has none.
    @Test func pointsAddUpToTheScoreIncludingMissingKPIs() {
        var weights = RankingSettings()
        weights.weightService = 10
        var m3 = Self.kpi("M3", sales: 100)
        m3.serviceCompliance = 0.5
        let kpis = [Self.kpi("M1", sales: 300, coverage: 0.9, sla: 0.5, satisfaction: 4.0),
                    Self.kpi("M2", sales: 200, coverage: 0.7, satisfaction: 4.5), m3, Self.kpi("M4", sales: 0, sla: 1)]
        let ranked = ManagerRanking.rank(kpis, weights: weights, useTargets: false, previousRanks: [:])
        for m in ranked {
            #expect(abs(m.points.values.reduce(0, +) - m.score) < 1e-9, "\(m.managerID)")
        }
        let r = Dictionary(uniqueKeysWithValues: ranked.map { ($0.managerID, $0) })
        // M2 has no SLA: no SLA points; its sales (PR 2/3) weigh 40 of 80 (40 + 15 + 25).
        #expect(r["M2"]?.points[.sla] == nil)
        let m2Sales: Double = 100.0 * 40.0 * (2.0 / 3.0) / 80.0
        #expect(abs(r["M2"]!.points[.sales]! - m2Sales) < 1e-9)
        // M3: sales PR 1/3 (40) and service alone, PR 1 (10): 100·(40/3 + 10)/50.
        let m3Service: Double = 100.0 * 10.0 / 50.0
        #expect(abs(r["M3"]!.points[.service]! - m3Service) < 1e-9)
        #expect(r["M1"]?.points[.service] == nil)
        #expect(Set(r["M1"]!.points.keys) == [.sales, .coverage, .sla, .satisfaction])
    }
}

extension ComplaintSLA {
    /// A complaint with only its first-response and resolution statuses set.
    static func test(_ id: String, manager: String, _ statuses: [SLAStatus]) -> ComplaintSLA {
        ComplaintSLA(complaintID: id, managerID: manager, customerID: "C1", major: false, category: nil, grade: nil, receivedAt: 0,
                     firstResponseHours: nil, resolutionHours: nil, escalationHours: nil, firstResponse: statuses[0],
                     resolution: statuses[1], escalation: nil)
    }
}
