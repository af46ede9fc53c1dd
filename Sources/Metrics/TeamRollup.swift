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
        var teams: [TeamSummary] = []
        for node in tree.nodes {
            let below = tree.subtree(of: node.id)
            let members = x.managers.filter { below.contains(x.teamOf[$0.managerID] ?? "") }
            guard !members.isEmpty else { continue }
            var summary = rollup(members, x)
            summary.team = node.id
            summary.name = node.name
            summary.parent = node.parent
            summary.depth = node.depth
            summary.customers = x.customersOf.reduce(0) { below.contains(x.teamOf[$1.key] ?? "") ? $0 + $1.value : $0 }
            teams.append(summary)
        }
        // The ranked managers of no team, as today's one-level rollup shows them.
        let teamless = x.managers.filter { (x.teamOf[$0.managerID] ?? "").isEmpty }
        if !teamless.isEmpty, tree.node("") == nil {
            var summary = rollup(teamless, x)
            summary.customers = x.customersOf.reduce(0) { (x.teamOf[$1.key] ?? "").isEmpty ? $0 + $1.value : $0 }
            teams.append(summary)
        }
        rankAmongSiblings(&teams)
        return treeOrder(teams)
    }

    /// Parents before their children, siblings by rank, then id.
    private static func treeOrder(_ teams: [TeamSummary]) -> [TeamSummary] {
        let byParent = Dictionary(grouping: teams) { $0.parent ?? "\u{0}" }
        var out: [TeamSummary] = []
        func visit(_ parent: String) {
            for t in (byParent[parent] ?? []).sorted(by: { ($0.rank, $0.team) < ($1.rank, $1.team) }) {
                out.append(t)
                if !t.team.isEmpty { visit(t.team) }
            }
        }
        visit("\u{0}")
        return out
    }

    /// One level's figures from its managers' own counts.
    private static func rollup(_ members: [ManagerScore], _ x: Inputs) -> TeamSummary {
        let ids = members.map(\.managerID)
        let idSet = Set(ids)
        let visitsOf = x.visits.managers.filter { idSet.contains($0.managerID) }
        let due = visitsOf.reduce(0) { $0 + $1.customersDue }, covered = visitsOf.reduce(0) { $0 + $1.customersCovered }
        let statuses = x.complaints.complaints.filter { idSet.contains($0.managerID) }.flatMap(\.statuses)
        let met = statuses.filter { $0 == .met }.count, decided = statuses.filter { $0 != .pending }.count
        var responses = 0.0, overallSum = 0.0, amountDue = 0.0, paid = 0.0
        for id in ids {
            if let s = x.satisfaction.manager(id), let mean = s.meanOverall {
                // The manager's surveys with an overall score: mean × their count.
                let n = Double(s.scoredResponses)
                responses += n
                overallSum += mean * n
            }
            if let r = x.receivables.manager(id), let rate = r.collectionRate {
                amountDue += r.amountDue
                paid += rate * r.amountDue
            }
        }
        let mu = x.satisfaction.overall?.meanOverall
        return TeamSummary(team: "", managers: members.count, sales: members.reduce(0) { $0 + $1.sales },
                           coverageRate: Statistics.rate(covered, due), slaRate: Statistics.rate(met, decided),
                           meanOverall: responses > 0 ? overallSum / responses : nil,
                           adjustedSatisfaction: responses > 0 ? mu.map { Statistics.shrunk(sum: overallSum, count: responses, toward: $0, weight: x.priorWeight) } : nil,
                           collectionRate: amountDue > 0 ? paid / amountDue : nil,
                           meanScore: members.reduce(0) { $0 + $1.score } / Double(members.count), rank: 0)
    }

    private static func rankAmongSiblings(_ teams: inout [TeamSummary]) {
        let groups = Dictionary(grouping: teams.indices) { teams[$0].parent ?? "\u{0}" }
        for (_, members) in groups {
            let ranks = Statistics.competitionRanks(members.map { teams[$0].meanScore })
            for (i, rank) in zip(members, ranks) { teams[i].rank = rank }
        }
    }
}
