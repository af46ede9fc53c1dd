import Foundation
import ScorecardModel

/// A completed order as the handbooks' exports need it.
package struct Deal {
    package var id: String
    package var manager: Int
    package var day: CivilDate
    package var amount: Double
    package var paid: CivilDate?
}

/// What the handbooks' exports read of the completed orders, gathered as they are written: not
/// every order (tens of millions on a bank-sized set), and by manager (not a scan of all orders
/// per manager).
package struct HandbookDeals {
    /// Each manager's deals from the handbook window's start on (archives are owed for them).
    package var recent: [Int: [Deal]] = [:]
    /// Sales by manager and month of the deal, collection by month of payment, from the window's start.
    package var sales: [Int: [CivilDate: Double]] = [:], collected: [Int: [CivilDate: Double]] = [:]

    package mutating func note(_ d: Deal, from first: CivilDate) {
        if d.day >= first {
            recent[d.manager, default: []].append(d)
            sales[d.manager, default: [:]][CivilDate(year: d.day.year, month: d.day.month, day: 1), default: 0] += d.amount
        }
        if let p = d.paid, p >= first { collected[d.manager, default: [:]][CivilDate(year: p.year, month: p.month, day: 1), default: 0] += d.amount }
    }
}

/// The handbooks' exports (SPEC §3.11, §3.12, §8), from their own random stream: long-form
/// targets for the window's last three months (sales in three tiers, collection, one team's own),
/// and the written work of its last two months — most on time, some late or incomplete, a few missing.
extension Generation {
    /// How many months at the window's end the handbooks' exports cover.
    static let handbookMonths = 3

    package mutating func writeTargets() throws {
        let l = layout(.targets)
        let w = try open(.targets, l)
        let first = end.adding(months: -Self.handbookMonths)
        let (sales, collected) = (deals.sales, deals.collected)
        func round(_ v: Double) -> Double { max(1_000, (v / 1_000).rounded() * 1_000) }
        var month = first
        while month < end {
            let period = Period(kind: .month, containing: month).name
            var teamSales = 0.0
            for (i, m) in managers.enumerated() where m.active {
                // Attainment between 0.8 and 1.4 of the target: some miss it, some reach stretch or challenge.
                let target = round((sales[i]?[month] ?? 0) / (0.8 + 0.6 * handbook.unit()))
                if i % Self.teams.count == 0 { teamSales += target }
                for (tier, factor) in [("target", 1.0), ("stretch", 1.15), ("challenge", 1.3)] {
                    try emit(w, [period, m.id, "", value(TargetKind.self, "sales", l), value(TargetTier.self, tier, l), money(round(target * factor), l)], l)
                }
                let collection = round((collected[i]?[month] ?? 0) / (0.85 + 0.35 * handbook.unit()))
                try emit(w, [period, m.id, "", value(TargetKind.self, "collection", l), value(TargetTier.self, "target", l), money(collection, l)], l)
            }
            // The first team's own sales target, a little above its managers' sum.
            try emit(w, [period, "", Self.teams[0], value(TargetKind.self, "sales", l), value(TargetTier.self, "target", l), money(round(teamSales * 1.05), l)], l)
            month = month.adding(months: 1)
        }
        try close(w, l)
    }

    package mutating func writeSubmissions() throws {
        let l = layout(.submissions)
        let w = try open(.submissions, l)
        let first = end.adding(months: -(Self.handbookMonths - 1))
        for (i, m) in managers.enumerated() where m.active {
            // A diligent manager hands in almost everything on time.
            let onTime = 0.72 + 0.25 * m.quality
            var day = first
            while day < end {
                if day.isoWeekday <= 5 {
                    try submit(w, l, m.id, "daily_log", day.description, "", from: day, onTime: onTime, early: 17 * 3_600, late: 2)
                }
                if day.isoWeekday == 1, day.adding(days: 7) <= end {
                    try submit(w, l, m.id, "weekly_summary", Period(kind: .week, containing: day).name, "", from: day.adding(days: 7), onTime: onTime,
                               early: 10 * 3_600, late: 2)
                }
                if day.day == 1, day > first {
                    try submit(w, l, m.id, "monthly_summary", Period(kind: .month, containing: day.adding(days: -1)).name, "", from: day,
                               onTime: onTime, early: 11 * 3_600, late: 3)
                }
                day = day.adding(days: 1)
            }
            for d in deals.recent[i, default: []] where d.day >= first {
                try submit(w, l, m.id, "archive", date(d.day, l), d.id, from: d.day.adding(days: 1), onTime: onTime, early: 15 * 3_600, late: 6)
            }
        }
        try close(w, l)
    }

    /// One item: on time (on `from`, or the covered day's evening for a daily log), late (`late` or
    /// more days after `from`), a few incomplete, or missing (no row). Nothing after the window's end.
    private mutating func submit(_ w: ExportWriter, _ l: Layout, _ manager: String, _ kind: String, _ covers: String, _ item: String,
                                 from: CivilDate, onTime: Double, early: Int, late: Int) throws {
        let roll = handbook.unit()
        guard roll < onTime + (1 - onTime) * 0.75 else { return }  // missing
        let day = kind == "daily_log" ? from : (roll < onTime ? from : from.adding(days: late + handbook.int(0...3)))
        let lateDay = kind == "daily_log" && roll >= onTime ? from.adding(days: late + handbook.int(0...2)) : day
        let at = clock.epoch(date: lateDay, secondsOfDay: early + handbook.int(0...(3 * 3_600)))
        guard at < endEpoch else { return }
        let complete = handbook.chance(0.97) ? "yes" : "no"
        // Some exports give the day only (SPEC §3.11: the start of that day).
        let when = kind == "archive" && handbook.chance(0.2) ? date(lateDay, l) : time(at, l)
        try emit(w, [manager, value(SubmissionKind.self, kind, l), covers, item, when, value(YesNo.self, complete, l)], l)
    }
}
