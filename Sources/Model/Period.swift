import Foundation

/// A reporting period (SPEC §1): the half-open local interval `[start, end)`.
///
///     try Period(parsing: "2026-10-H1")   // 1st–15th October
///     try Period(parsing: "2026-W43")     // ISO week, Monday–Sunday
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case week, month, halfMonth = "half_month", quarter, year
    }

    public let kind: Kind
    /// First local day of the period.
    public let start: CivilDate
    /// First local day after the period.
    public let end: CivilDate

    public var description: String { name }

    /// The canonical name: `2026-W43`, `2026-10`, `2026-10-H1`, `2026-Q4`, `2026`.
    public var name: String {
        let y = start.year
        switch kind {
        case .year: return "\(y)"
        case .quarter: return "\(y)-Q\((start.month - 1) / 3 + 1)"
        case .month: return "\(y)-\(pad2(start.month))"
        case .halfMonth: return "\(y)-\(pad2(start.month))-H\(start.day == 1 ? 1 : 2)"
        case .week:
            let (isoYear, week) = Self.isoWeek(of: start)
            return "\(isoYear)-W\(pad2(week))"
        }
    }

    package init(kind: Kind, start: CivilDate, end: CivilDate) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// The years a period may fall in (issue 25).
    public static let years = 1900...2999

    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4 else { throw PeriodError.unparseable(text) }
        // Dates are read from 1900 on (Excel's first year); `0000-01` would name a folder `0-01`,
        // and `9999-12` ends in year 10000, which ISO text cannot write (as_of stored as 0000).
        guard Self.years.contains(year) else { throw PeriodError.outsideYears(text) }
        switch parts.count {
        case 1:
            self.init(kind: .year, containing: CivilDate(year: year, month: 1, day: 1))
        case 2 where parts[1].hasPrefix("Q"):
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { throw PeriodError.unparseable(text) }
            self.init(kind: .quarter, containing: CivilDate(year: year, month: (q - 1) * 3 + 1, day: 1))
        case 2 where parts[1].hasPrefix("W"):
            guard let w = Int(parts[1].dropFirst()), w >= 1, w <= Self.isoWeeksIn(year: year) else {
                throw PeriodError.unparseable(text)
            }
            let monday = Self.isoWeekOneMonday(year).adding(days: (w - 1) * 7)
            self.init(kind: .week, start: monday, end: monday.adding(days: 7))
        case 2:
            guard let m = Int(parts[1]), (1...12).contains(m) else { throw PeriodError.unparseable(text) }
            self.init(kind: .month, containing: CivilDate(year: year, month: m, day: 1))
        case 3:
            guard let m = Int(parts[1]), (1...12).contains(m), parts[2] == "H1" || parts[2] == "H2" else {
                throw PeriodError.unparseable(text)
            }
            self.init(kind: .halfMonth, containing: CivilDate(year: year, month: m, day: parts[2] == "H1" ? 1 : 16))
        default:
            throw PeriodError.unparseable(text)
        }
    }

    /// The period of `kind` that contains the local day `date`.
    public init(kind: Kind, containing date: CivilDate) {
        switch kind {
        case .year:
            let s = CivilDate(year: date.year, month: 1, day: 1)
            self.init(kind: kind, start: s, end: s.adding(months: 12))
        case .quarter:
            let s = CivilDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1)
            self.init(kind: kind, start: s, end: s.adding(months: 3))
        case .month:
            let s = CivilDate(year: date.year, month: date.month, day: 1)
            self.init(kind: kind, start: s, end: s.adding(months: 1))
        case .halfMonth:
            if date.day <= 15 {
                let s = CivilDate(year: date.year, month: date.month, day: 1)
                self.init(kind: kind, start: s, end: CivilDate(year: date.year, month: date.month, day: 16))
            } else {
                let s = CivilDate(year: date.year, month: date.month, day: 16)
                self.init(kind: kind, start: s, end: CivilDate(year: date.year, month: date.month, day: 1).adding(months: 1))
            }
        case .week:
            let s = date.adding(days: 1 - date.isoWeekday)
            self.init(kind: kind, start: s, end: s.adding(days: 7))
        }
    }

    /// The period of the same kind just before this one (for grade and rank changes).
    public var previous: Period { Period(kind: kind, containing: start.adding(days: -1)) }

    public var next: Period { Period(kind: kind, containing: end) }

    public static func < (a: Period, b: Period) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Start and end as instants in `clock`'s zone.
    public func interval(in clock: ZoneClock) -> Range<Int> {
        clock.epoch(date: start)..<clock.epoch(date: end)
    }

    // MARK: ISO weeks

    package static func isoWeekOneMonday(_ year: Int) -> CivilDate {
        let jan4 = CivilDate(year: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }

    package static func isoWeeksIn(year: Int) -> Int {
        (isoWeekOneMonday(year + 1).daysSinceEpoch - isoWeekOneMonday(year).daysSinceEpoch) / 7
    }

    package static func isoWeek(of date: CivilDate) -> (year: Int, week: Int) {
        var y = date.year
        if date >= isoWeekOneMonday(y + 1) { y += 1 } else if date < isoWeekOneMonday(y) { y -= 1 }
        return (y, (date.daysSinceEpoch - isoWeekOneMonday(y).daysSinceEpoch) / 7 + 1)
    }
}

public enum PeriodError: LocalizedError, Equatable {
    /// The text is not one of the period forms.
    case unparseable(String)
    /// A period before 1900 (the first year Scorecard reads dates in) or after 2999.
    case outsideYears(String)

    public var errorDescription: String? {
        switch self {
        case .unparseable(let text):
            return "'\(text)' is not a period. Use 2026-W43 (ISO week), 2026-10 (month), 2026-10-H1 or 2026-10-H2 (half month), 2026-Q4 (quarter) or 2026 (year)."
        case .outsideYears(let text):
            return "'\(text)' is outside the years 1900–2999 that Scorecard reports on (dates are read from 1900 on)."
        }
    }
}

private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
