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

    public var overall: SatisfactionSummary? { groups.first { $0.grouping == .overall } }
    public func manager(_ id: String) -> SatisfactionSummary? { groups.first { $0.grouping == .manager && $0.key == id } }
}

/// SPEC §3.4: surveys with `surveyed_at` in the period.
package enum SatisfactionMetrics {
    package static func compute(_ inputs: MetricInputs, grades: PerCustomer<Grade>, complainedCustomers: Set<String>,
                        _ ctx: MetricContext) -> SatisfactionReport {
        let s = ctx.config.satisfaction
        let surveys = inputs.surveys.filter { ctx.inPeriod($0.at) }
        let mu = Statistics.mean(surveys.compactMap { $0.overall.map(Double.init) })
        var report = SatisfactionReport()
        report.groups.append(summarize(.overall, "", surveys, dimensions: s.dimensions))
        let byManager = Dictionary(grouping: surveys, by: \.managerID)
        for id in byManager.keys.sorted() {
            var g = summarize(.manager, id, byManager[id]!, dimensions: s.dimensions)
            let scored = byManager[id]!.compactMap(\.overall)
            if !scored.isEmpty, let mean = g.meanOverall, let mu {
                let n = Double(scored.count)
                g.adjustedSatisfaction = Statistics.shrunk(sum: n * mean, count: n, toward: mu, weight: s.priorWeight)
            }
            report.groups.append(g)
        }
        let byGrade = Dictionary(grouping: surveys) { grades[$0.customerID]?.rawValue ?? "-" }
        for key in byGrade.keys.sorted() {
            report.groups.append(summarize(.grade, key, byGrade[key]!, dimensions: s.dimensions))
        }
        report.corrective = surveys.compactMap { x in
            guard let overall = x.overall, overall <= s.correctiveMaxScore else { return nil }
            return CorrectiveAction(surveyID: x.id, customerID: x.customerID, managerID: x.managerID, overall: overall,
                                    comment: x.comment, complained: complainedCustomers.contains(x.customerID))
        }.sorted { ($0.overall, $0.surveyID) < ($1.overall, $1.surveyID) }
        return report
    }

    package static func summarize(_ grouping: SatisfactionSummary.Grouping, _ key: String, _ xs: [MetricInputs.Survey],
                          dimensions: [SatisfactionSettings.Dimension]) -> SatisfactionSummary {
        let overall = xs.compactMap(\.overall)
        let nps = xs.compactMap(\.nps)
        var npsScore: Double?
        if !nps.isEmpty {
            let promoters = Double(nps.filter { $0 >= 9 }.count), detractors = Double(nps.filter { $0 <= 6 }.count)
            npsScore = (promoters - detractors) / Double(nps.count) * 100
        }
        var means: [String: Double] = [:]
        for d in dimensions {
            if let m = Statistics.mean(xs.compactMap { $0.dimensions[d.name].map(Double.init) }) { means[d.name] = m }
        }
        return SatisfactionSummary(grouping: grouping, key: key, responses: xs.count, scoredResponses: overall.count,
                                   meanOverall: Statistics.mean(overall.map(Double.init)),
                                   csat: Statistics.rate(overall.filter { $0 >= 4 }.count, overall.count),
                                   nps: npsScore, dimensions: means, adjustedSatisfaction: nil)
    }
}
