import ScorecardModel
import ScorecardWarehouse

/// What SPEC §3.11–§3.12 read: targets, submissions and the period's deals.
extension SQLSession {
    package func targets(periods: [String]) throws -> [TargetRecord] {
        guard !periods.isEmpty else { return [] }
        var targets: [TargetRecord] = []
        try forEachRow("""
            SELECT period, manager_id, team, kind, tier, target FROM targets
            WHERE period IN (\(periods.map { _ in "?" }.joined(separator: ", "))) ORDER BY period, manager_id, team, kind, tier
            """, periods) { r in
            guard let kind = TargetKind(rawValue: r.text(3)), let tier = TargetTier(rawValue: r.text(4)), let target = r.double(5) else { return }
            targets.append(TargetRecord(period: r.text(0), managerID: r.string(1) ?? "", team: r.string(2) ?? "", kind: kind, tier: tier, target: target))
        }
        return targets
    }

    /// Every staged submission, given to `body` as it is read: the metric picks the items of the
    /// period (a row's `covers` is the export's text: a day, a week or a month, written as the
    /// export writes it).
    package func forEachSubmission(clock: ZoneClock, _ body: (SubmissionRecord) throws -> Void) throws {
        try forEachRow("SELECT manager_id, kind, covers, item, submitted_at, complete FROM submissions ORDER BY manager_id, kind, covers, item") { r in
            try body(SubmissionRecord(managerID: r.text(0), kind: r.text(1), covers: r.text(2), item: r.string(3) ?? "",
                                      submittedAt: Self.instant(r, 4, clock), complete: r.string(5) != "no"))
        }
    }

    /// Completed orders placed in `[from, to)`: the deals an archive is owed for.
    package func deals(from: Int, to: Int, clock: ZoneClock) throws -> [DealRecord] {
        let window = [clock.iso(from - 86_400), clock.iso(to + 86_400)]
        var deals: [DealRecord] = []
        try forEachRow("""
            SELECT order_id, manager_id, order_date FROM orders
            WHERE order_date >= ? AND order_date < ? AND status = 'completed' ORDER BY order_id
            """, window) { r in
            guard let at = Self.instant(r, 2, clock), at >= from, at < to else { return }
            deals.append(DealRecord(orderID: r.text(0), managerID: r.string(1) ?? "", date: clock.localDate(ofEpoch: at)))
        }
        return deals
    }
}
