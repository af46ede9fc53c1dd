import Testing
@testable import ScorecardMetrics
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// SPEC §4.1.1, §4.4: the organisation's tree and its rollups, every level from its own counts.
@Suite struct TeamRollupTests {
    static func score(_ id: String, _ score: Double, sales: Double) -> ManagerScore {
        ManagerScore(managerID: id, sales: sales, newCustomers: 0, score: score, rank: 0, isFirst: false, isLast: false)
    }

    /// M1, M2 (一组), M3 (二组), M4 (三组); M5 departed with customers but unranked, in 二组.
    static func inputs(teamOf: [String: String]) -> TeamRollup.Inputs {
        var visits = VisitReport()
        visits.managers = [VisitSummary(managerID: "M1", customersDue: 10, customersCovered: 9),
                           VisitSummary(managerID: "M2", customersDue: 30, customersCovered: 3),
                           VisitSummary(managerID: "M4", customersDue: 5, customersCovered: 5)]
        var complaints = ComplaintReport()
        complaints.complaints = [
            ComplaintSLA.test("K1", manager: "M1", [.met, .met]), ComplaintSLA.test("K2", manager: "M2", [.breached, .pending]),
            ComplaintSLA.test("K3", manager: "M3", [.met, .breached]),
        ]
        var satisfaction = SatisfactionReport()
        satisfaction.groups = [
            SatisfactionSummary(grouping: .overall, key: "", responses: 10, scoredResponses: 10, meanOverall: 4, csat: 1, nps: nil, dimensions: [:]),
            SatisfactionSummary(grouping: .manager, key: "M1", responses: 2, scoredResponses: 2, meanOverall: 5, csat: 1, nps: nil, dimensions: [:]),
            SatisfactionSummary(grouping: .manager, key: "M2", responses: 7, scoredResponses: 6, meanOverall: 3, csat: 0, nps: nil, dimensions: [:]),
        ]
        func owed(_ id: String, due: Double, rate: Double) -> ReceivablesSummary {
            ReceivablesSummary(managerID: id, overdueByBucket: [], amountDue: due, collectionRate: rate)
        }
        let receivables = ReceivablesReport(buckets: OverdueBuckets([30]), overall: owed("", due: 0, rate: 0),
                                            managers: [owed("M1", due: 1000, rate: 0.9), owed("M3", due: 3000, rate: 0.5)])
        return TeamRollup.Inputs(managers: [score("M1", 80, sales: 100), score("M2", 20, sales: 300), score("M3", 60, sales: 50),
                                            score("M4", 90, sales: 10)],
                                 visits: visits, complaints: complaints, satisfaction: satisfaction, receivables: receivables,
                                 customersOf: ["M1": 4, "M2": 6, "M3": 3, "M4": 2, "M5": 7], teamOf: teamOf, priorWeight: 5)
    }

    @Test func oneLevelWithoutATeamsExport() {
        let teamOf = ["M1": "一组", "M2": "一组", "M3": "二组", "M4": "三组", "M5": "二组"]
        let teams = TeamRollup.compute(Self.inputs(teamOf: teamOf), tree: TeamTree(teams: [], managerTeams: Array(Set(teamOf.values))))
        #expect(teams.map(\.team) == ["三组", "二组", "一组"])   // mean score 90, 60, 50
        #expect(teams.map(\.rank) == [1, 2, 3])
        #expect(teams.allSatisfy { $0.depth == 0 && $0.parent == nil })
        let one = teams[2]
        #expect(one.managers == 2 && one.sales == 400 && one.meanScore == 50 && one.customers == 10)
        #expect(one.coverageRate == 12.0 / 40)                  // not the mean of 90 % and 10 %
        #expect(one.slaRate == 2.0 / 3)                         // met 2 of decided 3; pending left out
        #expect(one.meanOverall == (2 * 5.0 + 6 * 3.0) / 8)     // weighted by scored surveys
        let shrunk: Double = (2 * 5.0 + 6 * 3.0 + 5 * 4.0) / 13.0   // toward the period's mean 4 with weight 5
        #expect(one.adjustedSatisfaction == shrunk)
        #expect(one.collectionRate == 0.9)
        #expect(teams[1].customers == 10)                        // the departed M5's customers too
        #expect(teams[1].coverageRate == nil && teams[1].meanOverall == nil)
    }

    @Test func everyLevelFromItsOwnCountsAndRankedAmongItsSiblings() {
        // 总行 → 分行A (一组, 二组), 分行B (三组); 四组 names a parent nobody exports: a root.
        let records = [TeamRecord(id: "总行", name: "总行"), TeamRecord(id: "分行A", parent: "总行"), TeamRecord(id: "分行B", parent: "总行"),
                       TeamRecord(id: "一组", parent: "分行A", supervisor: "王", email: "w@x.cn"), TeamRecord(id: "二组", parent: "分行A"),
                       TeamRecord(id: "三组", parent: "分行B"), TeamRecord(id: "四组", parent: "不存在")]
        let teamOf = ["M1": "一组", "M2": "一组", "M3": "二组", "M4": "三组", "M5": "二组"]
        let tree = TeamTree(teams: records, managerTeams: Array(Set(teamOf.values)))
        #expect(tree.subtree(of: "分行A") == ["分行A", "一组", "二组"])
        #expect(tree.ancestors(of: "一组") == ["分行A", "总行"])
        let teams = TeamRollup.compute(Self.inputs(teamOf: teamOf), tree: tree)
        // Parents first, siblings by rank; 四组 has no managers: no row.
        #expect(teams.map(\.team) == ["总行", "分行B", "三组", "分行A", "二组", "一组"])
        #expect(teams.map(\.depth) == [0, 1, 2, 1, 2, 2])
        #expect(teams.map(\.rank) == [1, 1, 1, 2, 1, 2])
        let root = teams[0], a = teams[3]
        #expect(root.managers == 4 && root.sales == 460 && root.customers == 22)
        #expect(root.coverageRate == 17.0 / 45)                 // 9 + 3 + 5 of 10 + 30 + 5
        #expect(root.slaRate == 3.0 / 5)
        #expect(root.collectionRate == (900.0 + 1500) / 4000)   // not the mean of 90 % and 50 %
        #expect(a.managers == 3 && a.meanScore == (80 + 20 + 60) / 3.0 && a.customers == 20)
        #expect(a.slaRate == 3.0 / 5)
    }

    @Test func aCycleOfParentsIsCutAndNoTeamIsLost() {
        let records = [TeamRecord(id: "A", parent: "C"), TeamRecord(id: "B", parent: "A"), TeamRecord(id: "C", parent: "B"),
                       TeamRecord(id: "D", parent: "D")]
        let tree = TeamTree(teams: records, managerTeams: ["B", "E"])
        #expect(Set(tree.nodes.map(\.id)) == ["A", "B", "C", "D", "E"])
        #expect(tree.node("A")?.parent == nil && tree.node("A")?.depth == 0)   // the cycle cut at its smallest id
        #expect(tree.node("C")?.depth == 2 && tree.node("D")?.parent == nil)
        #expect(tree.subtree(of: "A") == ["A", "B", "C"])
    }

    @Test func parentsAndManagersTeamsByNameAndTheTopRankedFirst() {
        // The export's parents and the managers' teams name teams by name (营销一组), not by id.
        let records = [TeamRecord(id: "B0", name: "分行"), TeamRecord(id: "S1", name: "华东支行", parent: "分行"),
                       TeamRecord(id: "T1", name: "营销一组", parent: "华东支行"), TeamRecord(id: "T2", name: "营销二组", parent: "S1"),
                       TeamRecord(id: "T3", name: "营销三组", parent: "西部支行")]
        let named = ["M1": "营销一组", "M2": "营销一组", "M3": "营销二组", "M4": "外包组", "M5": "营销二组"]
        let tree = TeamTree(teams: records, managerTeams: Array(Set(named.values)))
        #expect(tree.node("T1")?.parent == "S1" && tree.node("T1")?.depth == 2)
        #expect(tree.team(named: "营销一组") == "T1")
        #expect(tree.notes.contains(.unknownParent(team: "T3", parent: "西部支行")))
        #expect(tree.notes.contains(.notInExport("外包组")))
        let teams = TeamRollup.compute(Self.inputs(teamOf: named.mapValues(tree.team(named:))), tree: tree)
        #expect(teams.first?.team == "B0" && teams.first?.rank == 1 && teams.first?.managers == 3)
        // 外包组 (mean 90) is not ranked against the top of the export.
        let outside = teams.first { $0.team == "外包组" }
        #expect(outside?.rank == 1 && teams.firstIndex { $0.team == "外包组" }! > teams.firstIndex { $0.team == "T1" }!)
    }
}
