import ScorecardModel
import ScorecardPipeline

/// Satisfaction of a group of surveys (SPEC §3.4): a manager (table
/// `satisfaction_summary`), a grade, or all.
public struct SatisfactionSummary: Sendable, Equatable {
    public enum Grouping: String, Sendable { case overall, manager, grade }
    public var grouping: Grouping
    public var key: String
    public var responses: Int
    /// Responses with an overall score (the n of the means).
    public var scoredResponses = 0
    public var meanOverall: Double?
    /// Share of overall scores ≥ 4 (0–1).
    public var csat: Double?
    /// %(nps ≥ 9) − %(nps ≤ 6) over surveys with an NPS score (−100…100).
    public var nps: Double?
    /// Mean of each dimension, by dimension name.
    public var dimensions: [String: Double]
    /// (n·mean + m·μ)/(n + m); managers only, nil when n = 0.
    public var adjustedSatisfaction: Double?
}

/// A survey with a low overall score: the corrective-action list.
public struct CorrectiveAction: Sendable, Equatable {
    public var surveyID: String
    public var customerID: String
    public var managerID: String
    public var overall: Int
    public var comment: String?
    /// The customer also complained in the period.
    public var complained: Bool
}

public struct SatisfactionReport: Sendable {
    public var groups: [SatisfactionSummary] = []
    public var corrective: [CorrectiveAction] = []
    /// The surveys' counts and sums per manager and grade: every group is a sum of them, a team's too (SPEC §4.4).
    package var tallies: [SatisfactionTally.Key: SatisfactionTally] = [:]
    /// `satisfaction.dimensions`' names.
    package var dimensionNames: [String] = []
    /// When each corrective survey was made, by survey id: the ledger dates its fact by it once
    /// the period's surveys are released (SPEC §3.12).
    package var correctiveAt: [String: Int] = [:]

    package init(dimensions: [String] = []) { dimensionNames = dimensions }

    public var overall: SatisfactionSummary? { groups.first { $0.grouping == .overall } }
    public func manager(_ id: String) -> SatisfactionSummary? { groups.first { $0.grouping == .manager && $0.key == id } }

    /// All, each manager's (adjusted toward `mu`, SPEC §3.4) and each grade's summary, summed from the tallies.
    package func summaries(adjustedToward mu: Double?, priorWeight: Double) -> [SatisfactionSummary] {
        // One pass: the sums are of whole numbers, so their order does not matter.
        var all = SatisfactionTally(), byManager: [String: SatisfactionTally] = [:], byGrade: [String: SatisfactionTally] = [:]
        for (key, t) in tallies {
            all.merge(t)
            byManager[key.manager, default: SatisfactionTally()].merge(t)
            byGrade[key.grade, default: SatisfactionTally()].merge(t)
        }
        var out = [all.summary(.overall, "", dimensionNames)]
        for (id, t) in byManager.sorted(by: { $0.key < $1.key }) {
            var g = t.summary(.manager, id, dimensionNames)
            if t.scored > 0, let mean = g.meanOverall, let mu {
                let n = Double(t.scored)
                g.adjustedSatisfaction = Statistics.shrunk(sum: n * mean, count: n, toward: mu, weight: priorWeight)
            }
            out.append(g)
        }
        for (grade, t) in byGrade.sorted(by: { $0.key < $1.key }) { out.append(t.summary(.grade, grade, dimensionNames)) }
        return out
    }

    /// Only the surveys of `managers`: their own rows as the organisation's (adjusted toward the
    /// organisation's mean), all and each grade summed from theirs alone (SPEC §4.4).
    package func restricted(to managers: Set<String>) -> SatisfactionReport {
        var cut = SatisfactionReport(dimensions: dimensionNames)
        cut.tallies = tallies.filter { managers.contains($0.key.manager) }
        let ranked = Dictionary(groups.filter { $0.grouping == .manager }.map { ($0.key, $0) }) { a, _ in a }
        cut.groups = cut.summaries(adjustedToward: nil, priorWeight: 0).map { g in
            g.grouping == .manager ? (ranked[g.key] ?? g) : g
        }
        cut.corrective = corrective.filter { managers.contains($0.managerID) }
        let kept = Set(cut.corrective.map(\.surveyID))
        cut.correctiveAt = correctiveAt.filter { kept.contains($0.key) }
        return cut
    }
}

/// SPEC §3.4: surveys with `surveyed_at` in the period.
package enum SatisfactionMetrics {
    package static func compute(_ inputs: MetricInputs, grades: PerCustomer<Grade>, complainedCustomers: Set<String>,
                                _ ctx: MetricContext) -> SatisfactionReport {
        var responses = SurveyResponses(ctx, grades: grades, complainedCustomers: complainedCustomers)
        for x in inputs.surveys { responses.add(x) }
        return responses.report()
    }
}
