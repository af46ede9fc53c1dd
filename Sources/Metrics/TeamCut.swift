import ScorecardModel

/// A team's own results (SPEC §4.4, `outputs.per_team`): the organisation's results cut to
/// the managers of the team and of every team below it, and to their customers, complaints,
/// surveys, visits, receivables and requests. Each manager's row stays as the organisation
/// ranked and measured it (rank, score, adjusted rates); every "all" figure — the overall
/// SLA, satisfaction, receivables, reach, the headline figures — is summed again from the
/// team's own counts, never the organisation's. Nothing of another team is kept.
///
///     let branch = TeamCut.results(org, team: "支行A")
///     branch.managers.map(\.teamRank)   // 1, 2, 2, 4 …: the rank within 支行A
public enum TeamCut {
    /// The managers of `team` and of the teams below it (those who name one of them).
    public static func members(of team: String, in r: PeriodResults) -> Set<String> {
        let teams = r.tree.subtree(of: team)
        return Set(r.managerTeams.compactMap { teams.contains($0.value) ? $0.key : nil })
    }

    public static func results(_ r: PeriodResults, team: String) -> PeriodResults {
        let teams = r.tree.subtree(of: team)
        let members = members(of: team, in: r)
        var cut = PeriodResults(period: r.period, asOf: r.asOf, grades: r.grades.restricted(to: members),
                                complaints: r.complaints.restricted(to: members), visits: r.visits.restricted(to: members),
                                satisfaction: r.satisfaction.restricted(to: members),
                                receivables: r.receivables.restricted(to: members),
                                development: r.development.restricted(to: members),
                                service: r.service.restricted(to: members), visitQuotas: r.visitQuotas.restricted(to: members),
                                managers: ranked(r.managers.filter { members.contains($0.managerID) }))
        cut.tree = r.tree.restricted(to: team)
        cut.teams = r.teams.filter { teams.contains($0.team) }.map { t in
            var t = t
            (t.depth, t.parent) = (cut.tree.node(t.team)?.depth ?? t.depth, cut.tree.node(t.team)?.parent)
            if t.team == team { t.rank = 1 }  // the top of its own tree (SPEC §4.4)
            return t
        }
        cut.managerTeams = r.managerTeams.filter { members.contains($0.key) }
        cut.team = team
        cut.absent = r.absent
        cut.openOrders = r.openOrders.filter { members.contains($0.key) }
        // Written work, the ledger and targets (SPEC §3.11, §3.12): the team's managers' and teams' rows.
        cut.submissions.items = r.submissions.items.restricted { members.contains($0.managerID) }
        cut.submissions.summaries = r.submissions.summaries.filter { members.contains($0.managerID) }
        cut.ledger = r.ledger
        cut.ledger.lines = r.ledger.lines.restricted { members.contains($0.managerID) }
        cut.ledger.totals = r.ledger.totals.filter { members.contains($0.managerID) }
        cut.ledger.teams = r.ledger.teams.filter { teams.contains($0.team) }
        cut.targets.rows = r.targets.rows.filter { $0.level == .manager ? members.contains($0.key) : teams.contains($0.key) }
        return cut
    }

    /// The organisation's rows in its order, each with its rank among them: competition ranks
    /// on the organisation's rank, so managers tied there stay tied (SPEC §3.5, §4.4).
    static func ranked(_ managers: [ManagerScore]) -> [ManagerScore] {
        var above: [Int: Int] = [:]  // organisation rank → team members ranked higher
        for (i, rank) in managers.map(\.rank).sorted().enumerated() where above[rank] == nil { above[rank] = i }
        return managers.map { m in
            var m = m
            m.teamRank = 1 + above[m.rank]!
            return m
        }
    }
}
