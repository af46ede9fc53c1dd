import Foundation
import ScorecardModel

/// Visits and visit plans (SPEC §3.10, §8).
extension Generation {
    package mutating func writeVisits() throws {
        let l = layout(.visits)
        let w = try open(.visits, l)
        let pl = layout(.visitPlans)
        let plans = try open(.visitPlans, pl)
        var brokenPlan = o.messy
        let perCustomer = 4.0 * Double(o.months) / 12
        var seq = 0
        var brokenKinds = o.messy ? ["end before start", "unknown value"] : []
        let brokenEvery = max(1, customers.count / 3)
        var nextBroken = brokenEvery
        func rate(_ c: CustomerProfile) -> Double { perCustomer * (0.4 + 0.6 * min(c.size, 4)) * (0.5 + managers[c.manager].quality) * 0.6 }
        let scale = scaling(to: o.visits, rate)
        for (ci, c) in customers.enumerated() {
            let q = managers[c.manager].quality
            let from = max(startEpoch, clock.epoch(date: c.since))
            guard from < endEpoch else { continue }
            let n = rng.poisson(rate(c) * scale)
            var planned: Set<Int> = []
            for k in 0..<n {
                seq += 1
                let start = instant(in: from..<endEpoch)
                let roll = rng.unit()
                let type = roll < 0.6 ? "on_site" : (roll < 0.9 ? "phone" : "online")
                let minutes = type == "on_site" ? max(3, 45 + 20 * rng.normal()) : max(2, 10 + 5 * rng.normal())
                let useEnd = rng.chance(0.7)
                let endAt = start + Int(minutes * 60)
                var report = ""
                if !rng.chance(0.05) {
                    let at = endAt + Int(rng.exponential(mean: 3600 * (60 - 40 * q)))
                    if at < endEpoch { report = time(at, l) }
                }
                var fields = [String(format: "V%07d", seq), managers[c.manager].id, c.id, time(start, l),
                              useEnd && endAt < endEpoch ? time(endAt, l) : "", useEnd ? "" : String(Int(minutes.rounded())),
                              value(VisitType.self, type, l), report]
                try emit(w, fields, l)
                if type != "online" { try plan(plans, pl, c, visitDay: clock.localDate(ofEpoch: start), quality: q, into: &planned, broken: &brokenPlan) }
                if k == 0, !brokenKinds.isEmpty, ci >= nextBroken {
                    nextBroken += brokenEvery
                    let kind = brokenKinds.removeFirst()
                    seq += 1
                    fields[0] = String(format: "V%07d", seq)
                    if kind == "end before start" { fields[4] = time(start - 3600, l); fields[5] = "" } else { fields[6] = "拜访" }
                    broke(w, line: try emit(w, fields, l), kind)
                }
            }
        }
        try close(w, l)
        try close(plans, pl)
    }

    /// Visit plans (SPEC §3.10), partly kept: most on-site and phone visits of the
    /// customer's own manager were planned within a few days of when they happened, some
    /// plans were never visited; plans are filed near the end of the month before, some
    /// late, some without a time. One broken row (an unknown customer) when messy.
    package mutating func plan(_ w: ExportWriter, _ l: Layout, _ c: CustomerProfile, visitDay: CivilDate, quality q: Double,
                       into planned: inout Set<Int>, broken: inout Bool) throws {
        guard managers[c.manager].active else { return }
        var days: [CivilDate] = []
        if extra.chance(0.45 + 0.4 * q) { days.append(visitDay.adding(days: extra.int(-3...3))) }
        if extra.chance(0.12) { days.append(visitDay.adding(days: extra.int(5...20))) }  // a plan nobody kept
        for day in days where day < end && planned.insert(day.daysSinceEpoch).inserted {
            let month = CivilDate(year: day.year, month: day.month, day: 1)
            let roll = extra.unit()
            var submitted = ""
            if roll < 0.85 {
                submitted = time(clock.epoch(date: month.adding(days: -extra.int(1...6)), secondsOfDay: extra.int(9...17) * 3600), l)
            } else if roll < 0.95 {
                submitted = time(clock.epoch(date: month.adding(days: extra.int(0...4)), secondsOfDay: 10 * 3600), l)
            }
            var fields = [managers[c.manager].id, c.id, date(day, l), submitted]
            try emit(w, fields, l)
            if broken {
                broken = false
                fields[1] = "CX404"
                broke(w, line: try emit(w, fields, l), "unknown customer")
            }
        }
    }
}
