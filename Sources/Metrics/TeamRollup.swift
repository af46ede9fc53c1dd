/// One team of the organisation with everything below it (SPEC §4.1.1, §4.4: the team rollup).
public struct TeamSummary: Sendable, Equatable {
    /// The team's id; "" for the ranked managers without a team.
    public var team: String
    public var name: String?
    public var parent: String?
    /// 0 for a team with no parent.
    public var depth = 0
    /// The ranked managers (SPEC §3.5) of the team and its sub-teams.
    public var managers: Int
    /// Their customers, those left with departed managers included.
    public var customers = 0
    public var sales: Double
    /// Covered / due over the managers' customers.
    public var coverageRate: Double?
    /// Met / decided over every target of the managers' complaints (as `sla_rate`).
    public var slaRate: Double?
    /// Mean overall score of the managers' surveys.
    public var meanOverall: Double?
    /// That mean shrunk toward the period's mean as a manager's is (SPEC §3.4).
    public var adjustedSatisfaction: Double?
    /// Σ paid by as_of / Σ due over the managers' orders due in the period (SPEC §3.7).
    public var collectionRate: Double?
    public var meanScore: Double
    /// Among the teams of the same parent by mean score, equal ones (to 6 decimals) sharing a
    /// rank; a team with no parent among the others without one.
    public var rank: Int
}

/// Rolls the period's manager results up every level of the organisation: each rate from the
/// level's own counts, never a mean of its teams' rates (SPEC §4.4).
package enum TeamRollup {
    package struct Inputs {
        package var managers: [ManagerScore]
        package var visits: VisitReport
        package var complaints: ComplaintReport
        package var satisfaction: SatisfactionReport
        package var receivables: ReceivablesReport
        /// Customers per manager (the grades' managers).
        package var customersOf: [String: Int]
        package var teamOf: [String: String]
        /// `satisfaction.prior_weight`.
        package var priorWeight: Double
    }

    package static func compute(_ x: Inputs, tree: TeamTree) -> [TeamSummary] {
        let counts = ManagerCounts(x)
        var teams: [TeamSummary] = []
        var group: [String: String] = [:]
        for node in tree.nodes {
            let below = tree.subtree(of: node.id)
            let members = x.managers.filter { below.contains(x.teamOf[$0.managerID] ?? "") }
            guard !members.isEmpty else { continue }
            var summary = counts.rollup(members, x)
            summary.team = node.id
            summary.name = node.name
            summary.parent = node.parent
            summary.depth = node.depth
            summary.customers = x.customersOf.reduce(0) { below.contains(x.teamOf[$1.key] ?? "") ? $0 + $1.value : $0 }
            teams.append(summary)
            // The export's top teams rank among themselves; teams only managers name, and the
            // managers of no team, among themselves (SPEC §4.4: the top of the tree is rank 1).
            group[node.id] = node.parent ?? (node.inExport ? topOfExport : outsideExport)
        }
        // The ranked managers of no team, as today's one-level rollup shows them.
        let teamless = x.managers.filter { (x.teamOf[$0.managerID] ?? "").isEmpty }
        if !teamless.isEmpty, tree.node("") == nil {
            var summary = counts.rollup(teamless, x)
            summary.customers = x.customersOf.reduce(0) { (x.teamOf[$1.key] ?? "").isEmpty ? $0 + $1.value : $0 }
            teams.append(summary)
            group[""] = outsideExport
        }
        rankAmongSiblings(&teams, group: group)
        return treeOrder(teams, group: group)
    }

    private static let topOfExport = "\u{0}", outsideExport = "\u{1}"

    /// Parents before their children, siblings by rank, then id; the export's top teams first.
    private static func treeOrder(_ teams: [TeamSummary], group: [String: String]) -> [TeamSummary] {
        let byGroup = Dictionary(grouping: teams) { group[$0.team] ?? outsideExport }
        var out: [TeamSummary] = []
        func visit(_ key: String) {
            for t in (byGroup[key] ?? []).sorted(by: { ($0.rank, $0.team) < ($1.rank, $1.team) }) {
                out.append(t)
                if !t.team.isEmpty { visit(t.team) }
            }
        }
        visit(topOfExport)
        visit(outsideExport)
        return out
    }

    private static func rankAmongSiblings(_ teams: inout [TeamSummary], group: [String: String]) {
        let groups = Dictionary(grouping: teams.indices) { group[teams[$0].team] ?? outsideExport }
        for (_, members) in groups {
            let ranks = Statistics.competitionRanks(members.map { teams[$0].meanScore })
            for (i, rank) in zip(members, ranks) { teams[i].rank = rank }
        }
    }
}

/// Each manager's counts the rollup sums, found once (a bank's hundreds of teams would otherwise
/// walk the period's complaints once each).
private struct ManagerCounts {
    var covered: [String: Int] = [:], due: [String: Int] = [:], met: [String: Int] = [:], decided: [String: Int] = [:]
    var scored: [String: Double] = [:], overallSum: [String: Double] = [:], amountDue: [String: Double] = [:], paid: [String: Double] = [:]

    init(_ x: TeamRollup.Inputs) {
        for v in x.visits.managers {
            covered[v.managerID, default: 0] += v.customersCovered
            due[v.managerID, default: 0] += v.customersDue
        }
        for c in x.complaints.complaints {
            for status in c.statuses {
                if status == .met { met[c.managerID, default: 0] += 1 }
                if status != .pending { decided[c.managerID, default: 0] += 1 }
            }
        }
        for g in x.satisfaction.groups where g.grouping == .manager {
            guard let mean = g.meanOverall else { continue }
            // The manager's surveys with an overall score: mean × their count.
            scored[g.key, default: 0] += Double(g.scoredResponses)
            overallSum[g.key, default: 0] += mean * Double(g.scoredResponses)
        }
        for r in x.receivables.managers {
            guard let rate = r.collectionRate else { continue }
            amountDue[r.managerID, default: 0] += r.amountDue
            paid[r.managerID, default: 0] += rate * r.amountDue
        }
    }

    /// One level's figures from its managers' own counts.
    func rollup(_ members: [ManagerScore], _ x: TeamRollup.Inputs) -> TeamSummary {
        let ids = members.map(\.managerID)
        func sum<T: AdditiveArithmetic>(_ d: [String: T]) -> T { ids.reduce(T.zero) { $0 + (d[$1] ?? T.zero) } }
        let responses = sum(scored), overall = sum(overallSum), owed = sum(amountDue)
        let mu = x.satisfaction.overall?.meanOverall
        return TeamSummary(team: "", managers: members.count, sales: members.reduce(0) { $0 + $1.sales },
                           coverageRate: Statistics.rate(sum(covered), sum(due)), slaRate: Statistics.rate(sum(met), sum(decided)),
                           meanOverall: responses > 0 ? overall / responses : nil,
                           adjustedSatisfaction: responses > 0 ? mu.map { Statistics.shrunk(sum: overall, count: responses, toward: $0, weight: x.priorWeight) } : nil,
                           collectionRate: owed > 0 ? sum(paid) / owed : nil,
                           meanScore: members.reduce(0) { $0 + $1.score } / Double(members.count), rank: 0)
    }
}
