import ScorecardIngest
import ScorecardModel
import ScorecardWarehouse

/// The order ledger in the engine (SPEC §3.1, §9): each customer's sums by one `GROUP BY
/// customer_id`, which Citus pushes down to the workers, instead of every order streamed to
/// the client. Money is summed in whole cents (exact in both engines). Order times are ISO text
/// with the pipeline's offset (see `SQLSession+PeriodFacts`): the engine sums the sales window
/// a day inside each bound, and the orders of the days around the bounds are read and cut on
/// instants here, by the same definition as the client's (`LedgerWindow.contribution`).
extension SQLSession {
    package func customerLedgers(_ window: LedgerWindow, clock: ZoneClock, _ body: (CustomerLedger) throws -> Void) throws {
        let (inside, bands) = Self.split(window.salesFrom, window.salesTo)
        var edges = try ordersAtTheEdges(bands, window, clock: clock)
        let d = dialect
        let completed = "status = 'completed'"
        let inSales = "\(completed) AND order_date >= ? AND order_date < ?"
        let dueIn = "\(completed) AND due_date >= ? AND due_date < ?"
        let paid = "CASE WHEN paid_date <= \(d.dateParameter) THEN paid_date END"
        let late = d.greatest("0", d.days(from: "due_date", to: "COALESCE(\(paid), \(d.dateParameter))"))
        let amount = d.cents("amount")
        // Each order's parts once (days late is used three times), then summed per customer.
        let sql = """
            SELECT customer_id, SUM(sales), SUM(profit), SUM(due), SUM(due * late), SUM(late), COUNT(late),
              SUM(CASE WHEN late = 0 THEN 1 ELSE 0 END), MIN(placed)
            FROM (SELECT customer_id,
                    CASE WHEN \(inSales) THEN \(amount) END AS sales,
                    CASE WHEN \(inSales) AND cost IS NOT NULL THEN \(amount) - \(d.cents("cost")) END AS profit,
                    CASE WHEN \(dueIn) THEN \(amount) END AS due,
                    CASE WHEN \(dueIn) THEN \(late) END AS late,
                    CASE WHEN order_date < ? THEN order_date END AS placed
                  FROM orders \(d.unflattened)) ledger
            GROUP BY customer_id
            """
        let sales: [any Storable] = [clock.iso(inside.lowerBound), clock.iso(inside.upperBound)]
        let due: [any Storable] = [window.dueFrom.description, window.dueTo.description]
        let lateArguments: [any Storable] = [window.asOfDate.description, window.asOfDate.description]
        let arguments: [any Storable] = sales + sales + due + due + lateArguments + [clock.iso(window.salesTo - 86_400)]
        try forEachRow(sql, arguments) { r in
            var ledger = CustomerLedger(customerID: r.text(0))
            ledger.salesCents = try cents(r, 1)
            ledger.profitCents = try cents(r, 2)
            ledger.dueCents = try cents(r, 3)
            ledger.lateCentDays = try cents(r, 4)
            ledger.lateDays = r.int(5) ?? 0
            ledger.due = r.int(6) ?? 0
            ledger.onTime = r.int(7) ?? 0
            ledger.firstOrder = Self.instant(r, 8, clock)
            if let edge = edges.removeValue(forKey: ledger.customerID) { ledger.merge(edge) }
            try body(ledger)
        }
    }

    /// The sales window a day inside each bound (the engine sums it), and the one or two
    /// bands of two days around the bounds (read row by row). Empty inside when the window is
    /// two days or shorter: one band covers it.
    static func split(_ from: Int, _ to: Int) -> (inside: Range<Int>, bands: [Range<Int>]) {
        let day = 86_400
        guard from + day < to - day else { return (from..<from, [(from - day)..<(to + day)]) }
        return ((from + day)..<(to - day), [(from - day)..<(from + day), (to - day)..<(to + day)])
    }

    /// The sales and first orders of the orders placed in `bands`, cut on instants, by customer.
    private func ordersAtTheEdges(_ bands: [Range<Int>], _ window: LedgerWindow, clock: ZoneClock) throws -> [String: CustomerLedger] {
        var edges: [String: CustomerLedger] = [:]
        // One scan for both bands (SQLite has no order_date index; on Citus one multi-shard query).
        let within = bands.map { _ in "(order_date >= ? AND order_date < ?)" }.joined(separator: " OR ")
        let arguments: [any Storable] = bands.flatMap { [clock.iso($0.lowerBound), clock.iso($0.upperBound)] as [any Storable] }
        try forEachRow("SELECT customer_id, order_date, amount, cost, status FROM orders WHERE \(within)", arguments) { r in
            guard let at = Self.instant(r, 1, clock) else { return }
            // The part of the ledger placed in time; the due part is summed by the engine.
            let order = OrderRecord(customerID: r.text(0), managerID: "", at: at, amount: r.double(2) ?? 0, cost: r.double(3),
                                    completed: r.string(4) == "completed")
            edges[order.customerID, default: CustomerLedger(customerID: order.customerID)].merge(window.contribution(of: order))
        }
        return edges
    }

    /// A sum of cents as the engine prints it (SQLite an integer, PostgreSQL a numeric such as
    /// `1234500.00`). SQLite's integers are 64 bits: a product past them turns into a real
    /// (`1.2e+19`), refused here rather than read wrong.
    private func cents(_ row: any SQLRow, _ column: Int) throws -> Int128 {
        guard let text = row.string(column) else { return 0 }
        guard let cents = Int128(text.prefix { $0 != "." }), !text.contains(where: { $0 == "e" || $0 == "E" || $0 == "n" }) else {
            throw WarehouseError.database(path: location.description, message: "an order ledger sum (\(text) cents) is past what the engine sums exactly")
        }
        return cents
    }

    /// The orders `selection` names, in batches as they are read (see `OrderSelection`).
    package func forEachOrderBatch(_ selection: OrderSelection?, clock: ZoneClock, _ body: (StoredOrders) throws -> Bool) throws {
        let day = 86_400
        var batch = PackedBatch(width: StoredOrders.width, capacity: 4096)
        var open = true
        var sql = "SELECT customer_id, manager_id, order_date, amount, cost, due_date, paid_date, status FROM orders"
        var arguments: [any Storable] = []
        if let selection {
            let dates: [any Storable] = [selection.periodStart.description, selection.periodEnd.description]
            arguments = [clock.iso(selection.placedFrom - day), clock.iso(selection.placedTo + day)] + dates + [selection.asOfDate.description] + dates
            sql += """

                WHERE (order_date >= ? AND order_date < ?) OR (paid_date >= ? AND paid_date < ?)
                   OR (status = 'completed' AND due_date IS NOT NULL AND (paid_date IS NULL OR paid_date > ? OR (due_date >= ? AND due_date < ?)))
                """
        }
        try forEachRow(sql, arguments) { r in
            guard open else { return }
            r.pack(into: &batch, width: StoredOrders.width)
            if batch.rows.count == 4096 {
                open = try body(StoredOrders(batch))
                batch = PackedBatch(width: StoredOrders.width, capacity: 4096)
            }
        }
        if open { _ = try body(StoredOrders(batch)) }
    }
}
