/// One team (小组) of the ranked managers (SPEC §4.1.1: the team rollup).
public struct TeamSummary: Sendable, Equatable {
    /// The team's name; "" for managers without one.
    public var team: String
    public var managers: Int
    public var sales: Double
    /// Covered / due over the team's managers' customers.
    public var coverageRate: Double?
    /// Met / decided over every target of the team's complaints (as `sla_rate`).
    public var slaRate: Double?
    /// Mean overall score of the team's surveys.
    public var meanOverall: Double?
    public var meanScore: Double
    /// By mean score, equal ones (to 6 decimals) sharing a rank.
    public var rank: Int
}

/// Rolls the period's manager results up to their teams: sums and ratios of the
/// underlying counts, not means of the managers' rates.
package enum TeamRollup {
    package static func compute(managers: [ManagerScore], visits: VisitReport, complaints: ComplaintReport,
                        satisfaction: SatisfactionReport, teamOf: [String: String]) -> [TeamSummary] {
        let byTeam = Dictionary(grouping: managers) { teamOf[$0.managerID] ?? "" }
        let visitsOf = Dictionary(uniqueKeysWithValues: visits.managers.map { ($0.managerID, $0) })
        let complaintsOf = Dictionary(grouping: complaints.complaints, by: \.managerID)
        var teams = byTeam.keys.sorted().map { team -> TeamSummary in
            let members = byTeam[team]!
            let ids = members.map(\.managerID)
            let due = ids.reduce(0) { $0 + (visitsOf[$1]?.customersDue ?? 0) }
            let covered = ids.reduce(0) { $0 + (visitsOf[$1]?.customersCovered ?? 0) }
            let statuses = ids.flatMap { complaintsOf[$0] ?? [] }.flatMap(\.statuses)
            let met = statuses.filter { $0 == .met }.count, decided = statuses.filter { $0 != .pending }.count
            var responses = 0.0, overallSum = 0.0
            for id in ids {
                if let s = satisfaction.manager(id), let mean = s.meanOverall {
                    // The manager's surveys with an overall score: mean × their count.
                    let n = Double(s.scoredResponses)
                    responses += n
                    overallSum += mean * n
                }
            }
            return TeamSummary(team: team, managers: members.count, sales: members.reduce(0) { $0 + $1.sales },
                               coverageRate: Statistics.rate(covered, due), slaRate: Statistics.rate(met, decided),
                               meanOverall: responses > 0 ? overallSum / responses : nil,
                               meanScore: members.reduce(0) { $0 + $1.score } / Double(members.count), rank: 0)
        }
        for (i, rank) in Statistics.competitionRanks(teams.map(\.meanScore)).enumerated() { teams[i].rank = rank }
        return teams.sorted { ($0.rank, $0.team) < ($1.rank, $1.team) }
    }
}
