import ScorecardModel
import ScorecardWarehouse

/// The period's headline figures by a stable name (SPEC §4.1.1: "headline figures beside
/// the previous period's"). Stored in `period_metrics` with every period, so the next
/// period's report reads last period's figures as they were reported, not recomputed.
public enum Figure: String, CaseIterable, Sendable {
    case customersA = "customers_a", customersB = "customers_b", customersC = "customers_c"
    case upgrades, downgrades
    case complaints, openComplaints = "open_complaints", slaRate = "sla_rate"
    case firstResponseCompliance = "first_response_compliance", resolutionCompliance = "resolution_compliance"
    case escalationCompliance = "escalation_compliance"
    case followUpRate = "follow_up_rate", onSiteShare = "on_site_follow_up_share"
    case medianFirstResponseA = "median_first_response_hours_a", medianFirstResponseOthers = "median_first_response_hours_other"
    case visits, coverageRate = "coverage_rate", aNotCovered = "a_not_covered"
    // `mean_overall_all`: the key period_metrics had before the figures.
    case responses, meanOverall = "mean_overall_all", csat, nps, correctiveActions = "corrective_actions"
    case outstanding, overdue, collectionRate = "collection_rate"
    case newCustomers = "new_customers", leftBehind = "customers_left_behind", surveyReach = "survey_reach"
    // SPEC §3.11: written work on time over all kinds, the ledger's totals (only when there are items, rules).
    case submissionsOnTime = "submissions_on_time_rate", ledgerPoints = "ledger_points", ledgerAmount = "ledger_amount"
}

extension PeriodResults {
    /// Every headline figure that has a value this period (a rate over nothing has none).
    public var figures: [Figure: Double] {
        let all = complaints.group(.overall, "")
        let sat = satisfaction.overall
        let due = visits.managers.reduce(0) { $0 + $1.customersDue }
        let covered = visits.managers.reduce(0) { $0 + $1.customersCovered }
        func count(_ n: Int) -> Double? { Double(n) }
        // The grades' tally: one pass over them while all are held, the managers' tallies once only the moves are.
        let tally = grades.tally
        let values: [Figure: Double?] = [
            .customersA: count(tally.customers(.A)),
            .customersB: count(tally.customers(.B)),
            .customersC: count(tally.customers(.C)),
            .upgrades: count(tally.upgrades),
            .downgrades: count(tally.downgrades),
            .complaints: count(all?.complaints ?? 0),
            .openComplaints: count(all?.open ?? 0),
            .slaRate: all?.slaRate,
            .firstResponseCompliance: all?.firstResponseCompliance,
            .resolutionCompliance: all?.resolutionCompliance,
            .escalationCompliance: all?.escalationCompliance,
            .followUpRate: complaints.followUpRate,
            .onSiteShare: complaints.onSiteShare,
            .medianFirstResponseA: complaints.medianFirstResponseA,
            .medianFirstResponseOthers: complaints.medianFirstResponseOthers,
            .visits: count(visits.managers.reduce(0) { $0 + $1.visits }),
            .coverageRate: Statistics.rate(covered, due),
            .aNotCovered: count(visits.uncoveredA.count),
            .responses: count(sat?.responses ?? 0),
            .meanOverall: sat?.meanOverall,
            .csat: sat?.csat,
            .nps: sat?.nps,
            .correctiveActions: count(satisfaction.corrective.count),
            .outstanding: receivables.overall.outstanding,
            .overdue: receivables.overall.overdue,
            .collectionRate: receivables.overall.collectionRate,
            .newCustomers: count(development.newCustomers.count),
            .leftBehind: count(development.leftBehind.count),
            .surveyReach: development.surveyReach.first { $0.managerID.isEmpty && $0.grade == nil }?.reach,
            .submissionsOnTime: submissions.overall?.onTimeRate,
            .ledgerPoints: ledger.hasRules ? ledger.sums.points : nil,
            .ledgerAmount: ledger.hasRules ? ledger.sums.amount : nil,
        ]
        // An absent export has no figures, not zeros (SPEC §2.7, "Absent is not zero").
        var left: Set<Figure> = []
        if absent.contains(.visits) { left.formUnion([.visits, .coverageRate, .aNotCovered]) }
        if absent.contains(.complaints) {
            left.formUnion([.complaints, .openComplaints, .slaRate, .firstResponseCompliance, .resolutionCompliance, .escalationCompliance,
                            .followUpRate, .onSiteShare, .medianFirstResponseA, .medianFirstResponseOthers])
        }
        if absent.contains(.surveys) { left.formUnion([.responses, .meanOverall, .csat, .nps, .correctiveActions, .surveyReach]) }
        return values.compactMapValues { $0 }.filter { !left.contains($0.key) }
    }
}

extension Figure {
    /// When the previous period's stored figures were measured (its run's as_of), if it was run.
    package static func previousAsOf(_ warehouse: any WarehouseSession, before period: Period) throws -> Int? {
        try warehouse.storedFigures(period: period.previous.name)["as_of_epoch"].map { Int($0) }
    }

    /// A team's figure's name in `period_metrics`: `team:<team>:<figure>` (SPEC §4.4).
    package static func teamMetric(_ team: String, _ figure: Figure) -> String { "team:\(team):\(figure.rawValue)" }

    /// Each team's own headline figures of the previous period, as its run stored them (for the
    /// teams it wrote reports of); a team not there has none.
    package static func previousByTeam(_ warehouse: any WarehouseSession, before period: Period) throws -> [String: [Figure: Double]] {
        var out: [String: [Figure: Double]] = [:]
        for (name, value) in try warehouse.storedFigures(period: period.previous.name) where name.hasPrefix("team:") {
            let id = name.dropFirst(5)  // after "team:"
            guard let colon = id.lastIndex(of: ":"), let figure = Figure(rawValue: String(id[id.index(after: colon)...])) else { continue }
            out[String(id[..<colon]), default: [:]][figure] = value
        }
        return out
    }

    /// The previous period's headline figures as that period's run stored them (SPEC §4.1.1);
    /// empty when it was never run.
    package static func previous(_ warehouse: any WarehouseSession, before period: Period) throws -> [Figure: Double] {
        var figures: [Figure: Double] = [:]
        for (name, value) in try warehouse.storedFigures(period: period.previous.name) {
            if let figure = Figure(rawValue: name) { figures[figure] = value }
        }
        return figures
    }
}
