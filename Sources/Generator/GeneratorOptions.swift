import Foundation
import ScorecardModel

/// Sizes and shape of a synthetic data set (SPEC §8).
public struct GeneratorOptions: Sendable {
    public var managers = 20
    public var customers = 600
    public var months = 12
    public var seed: UInt64 = 1
    public var messy = false
    /// Total orders; default about 1.7 per customer and month (the benchmark's ratio).
    public var orders: Int?
    /// Expected totals of visits, complaints and surveys; by default about 3.7 visits,
    /// 0.55 complaints and 1 survey per customer and year. The per-customer rates
    /// keep their shape (bigger customers, weaker managers) and are scaled to the total.
    public var visits: Int?
    public var complaints: Int?
    public var surveys: Int?
    /// The last month covered (its first day); default the month before today.
    public var lastMonth: CivilDate

    public init(lastMonth: CivilDate) { self.lastMonth = lastMonth }

    /// The month before the one `now` falls in (Asia/Shanghai).
    public static func defaultLastMonth(now: Date = Date()) -> CivilDate {
        let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let today = clock.localDate(ofEpoch: Int(now.timeIntervalSince1970))
        return CivilDate(year: today.year, month: today.month, day: 1).adding(months: -1)
    }
}
