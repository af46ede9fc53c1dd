import ScorecardModel

/// The counts and sums of a set of surveys from which their satisfaction summary follows
/// (SPEC §3.4): sums of whole scores, so a summary of summed tallies equals the summary of
/// the surveys themselves.
package struct SatisfactionTally: Sendable, Equatable {
    package struct Key: Hashable, Sendable {
        package var manager: String
        /// The customer's grade, `-` when ungraded.
        package var grade: String
    }

    package var responses = 0
    package var scored = 0
    package var overallSum = 0
    package var satisfied = 0
    package var npsResponses = 0
    package var promoters = 0
    package var detractors = 0
    package var dimensionSums: [String: Int] = [:]
    package var dimensionCounts: [String: Int] = [:]

    package var meanOverall: Double? { scored == 0 ? nil : Double(overallSum) / Double(scored) }

    package mutating func add(_ x: MetricInputs.Survey, dimensions: [String]) {
        responses += 1
        if let o = x.overall {
            scored += 1
            overallSum += o
            if o >= 4 { satisfied += 1 }
        }
        if let n = x.nps {
            npsResponses += 1
            if n >= 9 { promoters += 1 } else if n <= 6 { detractors += 1 }
        }
        for d in dimensions {
            guard let v = x.dimensions[d] else { continue }
            dimensionSums[d, default: 0] += v
            dimensionCounts[d, default: 0] += 1
        }
    }

    package mutating func merge(_ o: SatisfactionTally) {
        responses += o.responses
        scored += o.scored
        overallSum += o.overallSum
        satisfied += o.satisfied
        npsResponses += o.npsResponses
        promoters += o.promoters
        detractors += o.detractors
        dimensionSums.merge(o.dimensionSums, uniquingKeysWith: +)
        dimensionCounts.merge(o.dimensionCounts, uniquingKeysWith: +)
    }

    /// CSAT = share of overall ≥ 4; NPS = %(≥ 9) − %(≤ 6); means of whole scores (SPEC §3.4).
    package func summary(_ grouping: SatisfactionSummary.Grouping, _ key: String, _ dimensions: [String]) -> SatisfactionSummary {
        var means: [String: Double] = [:]
        for d in dimensions {
            if let n = dimensionCounts[d], n > 0 { means[d] = Double(dimensionSums[d] ?? 0) / Double(n) }
        }
        return SatisfactionSummary(grouping: grouping, key: key, responses: responses, scoredResponses: scored,
                                   meanOverall: meanOverall, csat: Statistics.rate(satisfied, scored),
                                   nps: npsResponses == 0 ? nil : Double(promoters - detractors) / Double(npsResponses) * 100,
                                   dimensions: means, adjustedSatisfaction: nil)
    }
}
