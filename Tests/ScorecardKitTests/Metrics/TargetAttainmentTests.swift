import Testing
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// SPEC §3.12: targets of managers and teams, months summed into quarters, managers and
/// sub-teams into teams, attainment and the highest tier reached.
@Suite struct TargetAttainmentTests {
    static func t(_ period: String, manager: String = "", team: String = "", _ target: Double, _ kind: TargetKind = .sales,
                  _ tier: TargetTier = .target) -> TargetRecord {
        TargetRecord(period: period, managerID: manager, team: team, kind: kind, tier: tier, target: target)
    }

    /// 支行A above 一组 (M1, M2) and 二组 (M3).
    static let tree = TeamTree(teams: [TeamRecord(id: "支行A"), TeamRecord(id: "一组", parent: "支行A"), TeamRecord(id: "二组", parent: "支行A")],
                               managerTeams: ["一组", "二组"])
    static let teamOf = ["M1": "一组", "M2": "一组", "M3": "二组"]

    static func report(_ records: [TargetRecord], period: String = "2026-10", values: [TargetKind: [String: Double]]) -> TargetReport {
        TargetAttainments.compute(.init(records: records, period: try! Period(parsing: period), values: values,
                                        managers: ["M1", "M2", "M3"], teamOf: teamOf), tree: tree)
    }

    @Test func theHighestTierReachedAndExactlyAtTheTarget() {
        let r = Self.report([
            Self.t("2026-10", manager: "M1", 1000), Self.t("2026-10", manager: "M1", 1200, .sales, .stretch),
            Self.t("2026-10", manager: "M2", 1000), Self.t("2026-10", manager: "M2", 1200, .sales, .stretch),
            Self.t("2026-10", manager: "M2", 1500, .sales, .challenge),
            Self.t("2026-10", manager: "M3", 1000), Self.t("2026-09", manager: "M3", 1),       // another month's: not read
        ], values: [.sales: ["M1": 1000, "M2": 1300, "M3": 900]])
        let m1 = r.manager("M1", .sales)!, m2 = r.manager("M2", .sales)!, m3 = r.manager("M3", .sales)!
        #expect(m1.reached == .target && m1.attainment == 1)           // exactly at its target: reached
        #expect(m2.reached == .stretch && m2.attainment == 1.3)
        #expect(m3.reached == nil && m3.attainment == 0.9)
        #expect(r.hasSalesTargets)
        // A sum of amounts that equals the target in cents reaches it.
        #expect(TargetAttainments.row(.manager, "M9", .sales, 0.1 + 0.2, [.target: 0.3]).reached == .target)
        // A stretch set below the target is not reached while the target is not.
        #expect(TargetAttainments.row(.manager, "M9", .sales, 95, [.target: 100, .stretch: 90]).reached == nil)
        #expect(TargetAttainments.row(.manager, "M9", .sales, 95, [.stretch: 90]).reached == .stretch)
    }

    @Test func aQuarterTakesTheSumOfItsMonthsUnlessItHasItsOwn() {
        let r = Self.report([
            Self.t("2026-10", manager: "M1", 100), Self.t("2026-11", manager: "M1", 200), Self.t("2026-12", manager: "M1", 300),
            Self.t("2026-10", manager: "M1", 120, .sales, .stretch), Self.t("2026-11", manager: "M1", 240, .sales, .stretch),
            Self.t("2026-12", manager: "M1", 360, .sales, .stretch),
            // M2: a quarter target of its own; its months are not summed.
            Self.t("2026-Q4", manager: "M2", 500), Self.t("2026-10", manager: "M2", 100), Self.t("2026-10", manager: "M2", 900, .sales, .stretch),
            // M3: a stretch in two months of three: no summed stretch (it would sit below the target).
            Self.t("2026-10", manager: "M3", 10, .collection, .target), Self.t("2026-11", manager: "M3", 20, .collection, .target),
            Self.t("2026-12", manager: "M3", 30, .collection, .target),
            Self.t("2026-10", manager: "M3", 15, .collection, .stretch), Self.t("2026-11", manager: "M3", 25, .collection, .stretch),
        ], period: "2026-Q4", values: [.sales: ["M1": 720, "M2": 450], .collection: ["M3": 60]])
        #expect(r.manager("M1", .sales)!.tiers == [.target: 600, .stretch: 720])
        #expect(r.manager("M1", .sales)!.reached == .stretch)
        #expect(r.manager("M2", .sales)!.tiers == [.target: 500])
        #expect(r.manager("M2", .sales)!.attainment == 0.9)
        #expect(r.manager("M3", .collection)!.tiers == [.target: 60])
        #expect(r.manager("M3", .collection)!.reached == .target)
        #expect(r.manager("M3", .sales) == nil)
    }

    @Test func aTeamTakesTheSumOfItsManagersAndSubTeamsUnlessItHasItsOwn() {
        let r = Self.report([
            Self.t("2026-10", manager: "M1", 100), Self.t("2026-10", manager: "M2", 200), Self.t("2026-10", manager: "M3", 999),
            Self.t("2026-10", manager: "M1", 150, .sales, .stretch), Self.t("2026-10", manager: "M2", 250, .sales, .stretch),
            // 二组 has a target of its own: its manager's 999 is not summed into it, and it has no stretch.
            Self.t("2026-10", team: "二组", 400),
        ], values: [.sales: ["M1": 120, "M2": 200, "M3": 500]])
        let teams = Dictionary(uniqueKeysWithValues: r.rows.filter { $0.level == .team }.map { ($0.key, $0) })
        #expect(teams["一组"]!.tiers == [.target: 300, .stretch: 400] && teams["一组"]!.value == 320)
        #expect(teams["一组"]!.reached == .target)
        #expect(teams["二组"]!.tiers == [.target: 400] && teams["二组"]!.value == 500 && teams["二组"]!.reached == .target)
        // 支行A: 一组's 300 + 二组's 400; no stretch (二组 has none).
        #expect(teams["支行A"]!.tiers == [.target: 700] && teams["支行A"]!.value == 820)
        #expect(teams["支行A"]!.attainment == 820.0 / 700)
    }

    @Test func aQuarterOfATeamFromTheMonthsOfItsManagers() {
        let r = Self.report([
            Self.t("2026-10", manager: "M1", 100), Self.t("2026-11", manager: "M1", 100), Self.t("2026-12", manager: "M1", 100),
            Self.t("2026-11", manager: "M2", 50),
        ], period: "2026-Q4", values: [.sales: ["M1": 300, "M2": 10]])
        let team = r.rows.first { $0.level == .team && $0.key == "一组" }!
        #expect(team.tiers == [.target: 350] && team.value == 310)
        #expect(r.rows.first { $0.level == .team && $0.key == "二组" } == nil)   // no target below it
    }
}
