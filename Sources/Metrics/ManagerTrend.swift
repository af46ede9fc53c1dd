import ScorecardModel
import ScorecardWarehouse

/// Each manager's score, rank and KPIs over the last periods of the same kind stored in
/// the warehouse, ending with this one (SPEC §4.1.1: the 趋势 Trend sheet).
public struct ManagerTrend: Sendable, Equatable {
    /// A manager's point of one period: as its run stored it, or this run's.
    public typealias Point = StoredRanking

    /// Oldest first; the last is the report's period.
    public var periods: [Period] = []
    /// Per manager, per period index: the point when the manager was ranked then.
    public var points: [String: [Int: Point]] = [:]

    package init(periods: [Period] = [], points: [String: [Int: Point]] = [:]) {
        self.periods = periods
        self.points = points
    }

    public static let length = 6

    /// Only `managers`' points (a team's report, SPEC §4.4).
    package func restricted(to managers: Set<String>) -> ManagerTrend {
        ManagerTrend(periods: periods, points: points.filter { managers.contains($0.key) })
    }

    /// The periods of the same kind before `current` the trend may show, newest first.
    package static func earlier(than current: Period) -> [Period] {
        Array(sequence(first: current.previous) { $0.previous }.prefix(length - 1))
    }

    /// `stored` (period name → manager → point) for the periods before `current`, and the
    /// current results: the periods that have any stored result, at most `length` in all.
    package static func build(current: Period, results: [ManagerScore], stored: [String: [String: Point]]) -> ManagerTrend {
        var trend = ManagerTrend()
        trend.periods = earlier(than: current).filter { stored[$0.name] != nil }.reversed() + [current]
        for (i, period) in trend.periods.enumerated() where i < trend.periods.count - 1 {
            for (manager, point) in stored[period.name] ?? [:] { trend.points[manager, default: [:]][i] = point }
        }
        let last = trend.periods.count - 1
        for m in results {
            trend.points[m.managerID, default: [:]][last] = Point(
                score: m.score, rank: m.rank, sales: m.sales, coverageRate: m.coverageRate, slaRate: m.slaRate,
                adjustedSatisfaction: m.adjustedSatisfaction, attainment: m.attainment, collectionRate: m.collectionRate,
                newCustomers: Double(m.newCustomers), serviceCompliance: m.serviceCompliance, planExecutionRate: m.planExecutionRate)
        }
        return trend
    }
}

extension ManagerTrend {
    /// The trend from the rankings stored for the periods of the same kind before `period`.
    package static func read(_ warehouse: any WarehouseSession, current period: Period, results: [ManagerScore]) throws -> ManagerTrend {
        build(current: period, results: results, stored: try warehouse.storedRankings(periods: earlier(than: period).map(\.name)))
    }
}
