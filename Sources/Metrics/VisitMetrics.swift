import ScorecardModel
import ScorecardPipeline

/// One manager's visits in the period (SPEC §3.3; table `visit_summary`).
public struct VisitSummary: Sendable, Equatable {
    public var managerID: String
    public var visits = 0
    public var customersVisited = 0
    public var onSite = 0
    public var phone = 0
    public var online = 0
    public var medianDurationMinutes: Double?
    /// On-site visits under `min_visit_minutes`.
    public var shortVisits = 0
    /// Reports on time / reports decided (late, or missing once the deadline passed before as_of).
    public var reportOnTimeRate: Double?
    /// Assigned customers with a cadence, and those visited within it.
    public var customersDue = 0
    public var customersCovered = 0
    public var coverageRate: Double?
}

/// A customer that has a cadence and was not visited within it.
public struct UncoveredCustomer: Sendable, Equatable {
    public var customerID: String
    public var managerID: String
    public var grade: Grade
    public var cadenceMonths: Int
    /// The last counting visit before the period end, if any.
    public var lastVisit: Int?
}

public struct VisitReport: Sendable {
    public var managers: [VisitSummary] = []
    /// In customer id order.
    public var uncovered: UncoveredList = []

    /// Whether a customer is on the uncovered list: a binary search of the list, not a set of
    /// its ids (~30 MB on the bank-sized set's 800 000 uncovered customers, issue 10).
    public func isUncovered(_ customerID: String) -> Bool { uncovered.contains(customerID: customerID) }

    public func summary(_ managerID: String) -> VisitSummary? { managers.first { $0.managerID == managerID } }
    /// The handbooks' list: A-grade customers not covered.
    public var uncoveredA: [UncoveredCustomer] { uncovered.filter { $0.grade == .A } }

    /// Only `managers`' rows and uncovered customers (SPEC §4.4).
    package func restricted(to managers: Set<String>) -> VisitReport {
        var cut = VisitReport()
        cut.managers = self.managers.filter { managers.contains($0.managerID) }
        cut.uncovered = uncovered.restricted(to: managers)
        return cut
    }
}

/// SPEC §3.3: visits started in the period, and coverage of each manager's customers by cadence.
package enum VisitMetrics {
    package static func compute(_ inputs: MetricInputs, grades: PerCustomer<Grade>, _ ctx: MetricContext) -> VisitReport {
        compute(inputs, latestCounting: inputs.latestCountingVisit, grades: grades, ctx)
    }

    /// - Parameter latestCounting: `inputs.latestCountingVisit`, taken out of `inputs` by a caller
    ///   that no longer needs it: raised in place, not copied (1.1 M customers: 8.8 MB, issue 29).
    package static func compute(_ inputs: MetricInputs, latestCounting: consuming LatestInstants, grades: PerCustomer<Grade>,
                                _ ctx: MetricContext) -> VisitReport {
        let v = ctx.config.visits
        var summaries: [String: VisitSummary] = [:]
        // Grouped by position, not copied: the bank-sized set's month of visits is ~60 MB (issue 10).
        let inPeriod = inputs.visits.indices.filter { ctx.inPeriod(inputs.visits[$0].start) }
        for (managerID, positions) in Dictionary(grouping: inPeriod, by: { inputs.visits[$0].managerID }) {
            let visits = positions.map { inputs.visits[$0] }
            var s = VisitSummary(managerID: managerID)
            s.visits = visits.count
            s.customersVisited = Set(visits.map(\.customerID)).count
            s.onSite = visits.filter { $0.type == "on_site" }.count
            s.phone = visits.filter { $0.type == "phone" }.count
            s.online = visits.filter { $0.type == "online" }.count
            let durations = visits.map { ($0, duration($0)) }
            s.medianDurationMinutes = Statistics.median(durations.compactMap(\.1))
            s.shortVisits = durations.filter { $0.0.type == "on_site" && ($0.1 ?? .infinity) < v.minVisitMinutes }.count
            var onTime = 0, decided = 0
            for x in visits {
                let from = x.end ?? x.start
                if let report = ctx.happened(x.reportAt) {
                    decided += 1
                    if ctx.hours(from: from, to: report) <= v.reportHours { onTime += 1 }
                } else if ctx.hours(from: from, to: ctx.asOf) > v.reportHours {
                    decided += 1  // missing, and the deadline has passed
                }
            }
            s.reportOnTimeRate = Statistics.rate(onTime, decided)
            summaries[managerID] = s
        }

        // Coverage: customers assigned at the period end, visited by anyone within their cadence.
        var lastVisit = latestCounting
        for x in inputs.visits where v.countingTypes.contains(x.type) && x.start < ctx.end && x.start <= ctx.asOf {
            lastVisit.raise(x.customerID, to: x.start)
        }
        var report = VisitReport()
        let customers = inputs.customersByID
        let windowStart = Dictionary([v.cadenceA, v.cadenceB, v.cadenceC, v.cadenceRemote].map {
            ($0, ctx.clock.epoch(date: ctx.period.end.adding(months: -$0)))
        }) { a, _ in a }
        // 17 bytes an uncovered customer (`UncoveredList`): grown as it goes, not counted first.
        report.uncovered = UncoveredList(customers: customers)
        for (position, c) in customers.enumerated() {
            let grade = grades[c.id] ?? .C
            let cadence = c.remote ? v.cadenceRemote : (grade == .A ? v.cadenceA : grade == .B ? v.cadenceB : v.cadenceC)
            guard cadence > 0 else { continue }
            var s = summaries[c.managerID] ?? VisitSummary(managerID: c.managerID)
            s.customersDue += 1
            let last = lastVisit[c.id]
            if let last, last >= windowStart[cadence]! {
                s.customersCovered += 1
            } else {
                report.uncovered.append(position: position, grade: grade, cadenceMonths: cadence, lastVisit: last)
            }
            summaries[c.managerID] = s
        }
        report.uncovered.compact()
        report.managers = summaries.values.map { s in
            var s = s
            s.coverageRate = Statistics.rate(s.customersCovered, s.customersDue)
            return s
        }.sorted { $0.managerID < $1.managerID }
        return report
    }

    /// From the duration column, else end − start (SPEC §3.3).
    package static func duration(_ x: MetricInputs.Visit) -> Double? {
        if let d = x.durationMinutes { return d }
        if let end = x.end { return Double(end - x.start) / 60 }
        return nil
    }

    /// The longest cadence, for how far back the visit query must look.
    package static func longestCadence(_ v: VisitSettings) -> Int { max(v.cadenceA, v.cadenceB, v.cadenceC, v.cadenceRemote, 1) }
}
