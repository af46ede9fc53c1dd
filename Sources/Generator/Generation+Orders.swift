import Foundation
import ScorecardModel

/// Orders (SPEC §8): heavy-tailed sales, late payers, and the broken rows of a messy set.
extension Generation {
    package mutating func writeOrders() throws {
        let l = layout(.orders)
        let w = try open(.orders, l)
        let perUnit = ordersPerUnit()
        var seq = 0
        var brokenKinds = o.messy ? ["unparseable number", "negative value", "unknown customer", "unparseable date/time", "wrong number of values", "duplicate key"] : []
        let brokenEvery = max(1, customers.count / (brokenKinds.count + 1))
        var nextBroken = brokenEvery
        for (ci, c) in customers.enumerated() {
            let last = try writeOrders(of: c, perUnit: perUnit, seq: &seq, w, l)
            if !brokenKinds.isEmpty, ci >= nextBroken, let (earlierLine, fields) = last {
                nextBroken += brokenEvery
                let kind = brokenKinds.removeFirst()
                seq += 1
                try writeBroken(kind, of: fields, at: earlierLine, id: String(format: "SO%08d", seq), w, l)
            }
        }
        try close(w, l)
    }

    /// Expected orders per unit of customer size and month: each customer orders in proportion
    /// to its size in the months it is a customer, scaled so that the expected total is
    /// `--orders` (default 1.7 per customer and month).
    package func ordersPerUnit() -> Double {
        func activeMonths(_ c: CustomerProfile) -> Int {
            let first = max(windowStart, c.since)
            return (end.year * 12 + end.month) - (first.year * 12 + first.month)
        }
        let units = customers.reduce(0.0) { $0 + $1.size * Double(activeMonths($1)) }
        let target = Double(o.orders ?? Int(Double(customers.count * max(1, o.months)) * 1.7))
        return units > 0 ? target / units : 0
    }

    /// Customer `c`'s orders, month by month from when it became a customer; returns the
    /// line and fields of its last one (nil when it has none).
    package mutating func writeOrders(of c: CustomerProfile, perUnit: Double, seq: inout Int, _ w: ExportWriter, _ l: Layout) throws -> (Int, [String])? {
        var last: (Int, [String])?
        let firstDay = max(windowStart, c.since)
        var month = CivilDate(year: windowStart.year, month: windowStart.month, day: 1)
        while month < end {
            let monthEnd = month.adding(months: 1)
            let from = max(clock.epoch(date: month), clock.epoch(date: firstDay))
            let to = clock.epoch(date: monthEnd)
            month = monthEnd
            guard from < to else { continue }
            for _ in 0..<rng.poisson(perUnit * c.size) {
                seq += 1
                let fields = order(String(format: "SO%08d", seq), of: c, in: from..<to, l)
                last = (try emit(w, fields, l), fields)
            }
        }
        return last
    }

    /// One order of `c` in `range`: its amount by the customer's size, a cost mostly, and
    /// for a completed order a payment, late for a late payer, when it falls in the window.
    package mutating func order(_ id: String, of c: CustomerProfile, in range: Range<Int>, _ l: Layout) -> [String] {
        let at = instant(in: range)
        let amount = (800 * c.size * Foundation.exp(0.5 * rng.normal()) * 100).rounded() / 100 + 1
        let cost = rng.chance(0.9) ? money((amount * (0.6 + 0.3 * rng.unit()) * 100).rounded() / 100, l) : ""
        let roll = rng.unit()
        let status = roll < 0.93 ? "completed" : (roll < 0.97 ? "cancelled" : "refunded")
        let orderDay = clock.localDate(ofEpoch: at)
        let due = orderDay.adding(days: 30)
        var paid = ""
        if status == "completed" {
            let late = c.latePayer ? Int(rng.exponential(mean: 45)) : (rng.chance(0.2) ? rng.int(1...40) : -rng.int(0...20))
            let paidDay = due.adding(days: late)
            if clock.epoch(date: paidDay) < endEpoch { paid = date(paidDay, l) }
            deals.note(Deal(id: id, manager: c.manager, day: orderDay, amount: amount, paid: paid.isEmpty ? nil : paidDay),
                       from: end.adding(months: -Self.handbookMonths))
        }
        return [id, c.id, managers[c.manager].id, time(at, l), money(amount, l), cost, date(due, l), paid,
                value(OrderStatus.self, status, l)]
    }

    /// A broken copy of an order (`fields`, written at line `earlierLine`) as `id`, broken as
    /// `kind` says; a duplicate key is a corrected copy under the same id.
    package mutating func writeBroken(_ kind: String, of fields: [String], at earlierLine: Int, id: String, _ w: ExportWriter, _ l: Layout) throws {
        var bad = fields
        bad[0] = id
        switch kind {
        case "unparseable number": bad[4] = "待定"
        case "negative value": bad[4] = "-¥120.00"
        case "unknown customer": bad[1] = "C999999"
        case "unparseable date/time": bad[3] = "2026/13/45 10:00"
        case "wrong number of values":
            bad[4] = money(12_345.6, l)  // "¥12,345.60" written without quotes
            let text = bad.joined(separator: l.delimiter) + (l.trailingDelimiter ? l.delimiter : "") + l.lineEnd
            broke(w, line: try w.writeRaw(text), kind)
            return
        default:
            // A corrected copy of an earlier order: the later row wins, the earlier is reported.
            bad = fields
            bad[4] = money(((Double(fields[4].filter { "0123456789.".contains($0) }) ?? 1) + 10), l)
            try emit(w, bad, l)
            broke(w, line: earlierLine, kind)
            return
        }
        broke(w, line: try emit(w, bad, l), kind)
    }
}
