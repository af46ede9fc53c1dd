/// Reads what the metrics need for one period from the staged tables. Queries
/// select a window one day wider than needed on each side (text comparison of
/// ISO times is exact only within one UTC offset); the metrics filter exactly.
///
/// In two parts, so that the order ledger's per-customer totals and the period's activity are
/// never in memory together (issue 10): what grading needs (`fetchGrading`), then, once the
/// grades are made and the ledger's totals released, the period's activity (`fetchActivity`).
enum MetricQueries {
    /// The managers and customers, the order ledgers, and every per-customer figure kept by
    /// position: latest counting visit, surveyed, previous grade. Also the previous period's
    /// ranks and overdue, and the sales targets.
    static func fetchGrading(_ db: any WarehouseSession, _ ctx: MetricContext) throws -> MetricInputs {
        var inputs = MetricInputs(ctx)
        let clock = ctx.clock

        try db.forEachRow("SELECT manager_id, status, team, territory FROM managers ORDER BY manager_id") { r in
            inputs.managers.append(MetricInputs.Manager(id: r.text(0), active: r.string(1) == "active", team: r.string(2),
                                                        territory: r.string(3) ?? Territory.defaultValue))
        }
        // Row by row, not arrays of rows, for the tables as long as the customer list (1.1 M rows
        // were ~0.3 GB of GRDB rows on the way).
        var customers: [MetricInputs.Customer] = []
        try db.forEachRow("SELECT customer_id, manager_id, region, since FROM customers ORDER BY customer_id") { r in
            customers.append(MetricInputs.Customer(id: r.text(0), managerID: r.text(1), remote: r.string(2) == "remote", since: day(r.string(3))))
        }
        inputs.customers = customers

        // Every order streams into the ledger (never all in memory): it keeps what its
        // windows need and each customer's first order. One scan, no order_date index
        // to maintain (see WarehouseSchema.secondaryIndexes). This thread steps SQLite;
        // a second one parses the times and folds the orders in, while this one goes
        // on with the other queries.
        let orderBatches = HandOff<PackedBatch>()
        let ledger = BackgroundWork { [ledger = inputs.orders, receivables = inputs.receivables, customers = inputs.positions] () throws -> (OrderLedger, ReceivablesLedger) in
            var ledgers = (ledger, receivables)
            ledgers.0.register(customers)  // here: its arrays are this thread's own, never copied
            while let batch = try orderBatches.next() { fold(batch, into: &ledgers, clock: clock) }
            return ledgers
        }
        defer { orderBatches.cancel(); ledger.wait() }
        var batch = PackedBatch(width: 8, capacity: 4096)
        do {
            var open = true
            try db.forEachRow("SELECT customer_id, manager_id, order_date, amount, cost, due_date, paid_date, status FROM orders") { r in
                guard open else { return }
                r.pack(into: &batch, width: 8)
                if batch.rows.count == 4096 {
                    open = orderBatches.push(batch)
                    batch = PackedBatch(width: 8, capacity: 4096)
                }
            }
            _ = orderBatches.push(batch)
            orderBatches.finish()
        } catch {
            orderBatches.finish(error)
            throw error
        }

        // Coverage needs only each customer's latest counting visit in the longest cadence
        // window (SPEC §3.3): the warehouse aggregates it, instead of every visit of six
        // months being read (issue 10: 2.2 M of the bank-sized set's visits, ~0.5 GB).
        let visitsFrom = clock.epoch(date: ctx.period.end.adding(months: -VisitMetrics.longestCadence(ctx.config.visits)))
        // From the earliest visit the activity query reads (its visits count too).
        let visitsFromTime = ctx.start - ctx.config.visits.planToleranceDays * 86_400
        let counting = ctx.config.visits.countingTypes.sorted()
        inputs.latestCountingVisit = PerCustomer(inputs.positions)
        try latestPerCustomer(db, table: "visits", column: "visit_start",
                              filter: counting.isEmpty ? "FALSE" : "type IN (\(counting.map { _ in "?" }.joined(separator: ", ")))",
                              arguments: counting, from: min(visitsFrom, visitsFromTime), to: min(ctx.end, ctx.asOf + 1), clock) { id, at in
            inputs.latestCountingVisit.raise(id, to: at)
        }
        inputs.surveyedCustomers = PerCustomer(inputs.positions)
        try latestPerCustomer(db, table: "surveys", column: "surveyed_at", from: clock.epoch(date: ctx.period.end.adding(months: -12)),
                              to: min(ctx.end, ctx.asOf + 1), clock) { id, _ in  // a survey after as_of has not happened
            inputs.surveyedCustomers[id] = true
        }
        try db.forEachRow("SELECT manager_id, sales_target FROM targets WHERE period = ?", [ctx.period.name]) { r in
            inputs.salesTargets[r.text(0)] = r.double(1)
        }
        let previous = ctx.period.previous.name
        inputs.previousGrades = PerCustomer(inputs.positions)
        try db.forEachRow("SELECT customer_id, grade FROM customer_grades WHERE period = ?", [previous]) { r in
            if let g = Grade(rawValue: r.text(1)) { inputs.previousGrades[r.text(0)] = g }
        }
        try db.forEachRow("SELECT manager_id, rank FROM manager_scores WHERE period = ?", [previous]) { r in
            inputs.previousRanks[r.text(0)] = r.int(1)
        }
        inputs.previousOverdue = try db.firstDouble("SELECT overdue FROM receivables WHERE period = ? AND manager_id = ''", [previous])
        (inputs.orders, inputs.receivables) = try ledger.wait().get()
        return inputs
    }

    /// The period's complaints, visits, surveys, service requests and visit plans, and the
    /// latest visits of the customers on the chase and left-behind lists (the ledgers done).
    static func fetchActivity(_ db: any WarehouseSession, _ ctx: MetricContext, into inputs: inout MetricInputs) throws {
        let clock = ctx.clock
        func isoBound(_ epoch: Int, days: Int) -> String { clock.iso(epoch + days * 86_400) }
        let repeatFrom = ctx.start - Int(ctx.config.complaints.repeatDays * 86_400)
        let complaintWindow = [isoBound(repeatFrom, days: -1), isoBound(ctx.end, days: 1)]
        try db.forEachRow("""
            SELECT complaint_id, customer_id, manager_id, received_at, first_response_at, escalated_at, resolved_at,
                   severity, category, follow_up_at, follow_up_type
            FROM complaints \(try access(db, "complaints", "received_at", complaintWindow))
            WHERE received_at >= ? AND received_at < ? ORDER BY complaint_id
            """, complaintWindow) { r in
            guard let received = instant(r, 3, clock), received >= repeatFrom, received < ctx.end else { return }
            inputs.complaints.append(MetricInputs.Complaint(
                id: r.text(0), customerID: r.text(1), managerID: r.text(2), receivedAt: received,
                firstResponseAt: instant(r, 4, clock), escalatedAt: instant(r, 5, clock), resolvedAt: instant(r, 6, clock),
                major: r.string(7) == "major", category: r.string(8), followUpAt: instant(r, 9, clock), followUpOnSite: r.string(10) == "on_site"))
        }

        // Every visit from the days before the period a visit may keep one of its first plans
        // from (SPEC §3.10) to the end of the first-contact windows (§3.8).
        let visitsFromTime = ctx.start - ctx.config.visits.planToleranceDays * 86_400
        let visitsUntil = MetricInputs.visitsUntil(ctx)
        let visitWindow = [isoBound(visitsFromTime, days: -1), isoBound(visitsUntil, days: 1)]
        try db.forEachRow("""
            SELECT visit_id, manager_id, customer_id, visit_start, visit_end, duration_min, type, report_submitted_at
            FROM visits \(try access(db, "visits", "visit_start", visitWindow))
            WHERE visit_start >= ? AND visit_start < ? ORDER BY visit_id
            """, visitWindow) { r in
            guard let start = instant(r, 3, clock), start >= visitsFromTime, start < visitsUntil else { return }
            inputs.visits.append(MetricInputs.Visit(id: r.text(0), managerID: r.text(1), customerID: r.text(2), start: start,
                                                    end: instant(r, 4, clock), durationMinutes: r.double(5), type: r.text(6),
                                                    reportAt: instant(r, 7, clock)))
        }

        var dimensions: [String: [String: Int]] = [:]
        let surveyWindow = [isoBound(ctx.start, days: -1), isoBound(ctx.end, days: 1)]
        let surveyAccess = try access(db, "surveys", "surveyed_at", surveyWindow)
        try db.forEachRow("""
            SELECT d.survey_id, d.dimension, d.score FROM survey_dimensions d JOIN surveys s \(surveyAccess) ON s.survey_id = d.survey_id
            WHERE s.surveyed_at >= ? AND s.surveyed_at < ?
            """, surveyWindow) { r in
            dimensions[r.text(0), default: [:]][r.text(1)] = r.int(2)
        }
        try db.forEachRow("""
            SELECT survey_id, customer_id, manager_id, surveyed_at, overall, nps, comment FROM surveys \(surveyAccess)
            WHERE surveyed_at >= ? AND surveyed_at < ? ORDER BY survey_id
            """, surveyWindow) { r in
            guard let at = instant(r, 3, clock), ctx.inPeriod(at) else { return }
            inputs.surveys.append(MetricInputs.Survey(id: r.text(0), customerID: r.text(1), managerID: r.text(2), at: at, overall: r.int(4),
                                                      nps: r.int(5), comment: r.string(6), dimensions: dimensions[r.text(0)] ?? [:]))
        }

        try fetchFieldWork(db, ctx, into: &inputs)
        // The latest visits of the customers the chase list and the left-behind list show (SPEC §3.7, §3.8).
        let departed = inputs.departedManagers
        var listed = Set(inputs.receivables.debtors.keys)
        for c in inputs.customers where departed.contains(c.managerID) { listed.insert(c.id) }
        inputs.lastVisits = try lastVisits(db, ctx, of: listed)
    }

    /// Service requests completed in the period or open at as_of (SPEC §3.9), and the
    /// visit plans dated in the period widened by the plan tolerance (§3.10).
    static func fetchFieldWork(_ db: any WarehouseSession, _ ctx: MetricContext, into inputs: inout MetricInputs) throws {
        let clock = ctx.clock
        inputs.hasServiceRequests = try db.exists("SELECT 1 FROM service_requests")
        inputs.hasVisitPlans = try db.exists("SELECT 1 FROM visit_plans")
        if inputs.hasServiceRequests {
            // Completed from a day before the period (text bounds are a day wide), or not completed a day before as_of.
            try db.forEachRow("""
                SELECT request_id, customer_id, manager_id, reported_at, category, completed_at, follow_up_at, follow_up_role,
                       problem_found, notice_at
                FROM service_requests
                WHERE (completed_at >= ? AND completed_at < ?) OR completed_at IS NULL OR completed_at >= ?
                ORDER BY request_id
                """, [clock.iso(ctx.start - 86_400), clock.iso(ctx.end + 86_400), clock.iso(ctx.asOf - 86_400)]) { r in
                guard let reported = instant(r, 3, clock) else { return }
                inputs.serviceRequests.append(MetricInputs.ServiceRequest(
                    id: r.text(0), customerID: r.text(1), managerID: r.text(2), reportedAt: reported, category: r.string(4),
                    completedAt: instant(r, 5, clock), followUpAt: instant(r, 6, clock), followUpRole: r.string(7),
                    problemFound: r.string(8) == "yes", noticeAt: instant(r, 9, clock)))
            }
        }
        if inputs.hasVisitPlans {
            let tolerance = ctx.config.visits.planToleranceDays
            let window = [ctx.period.start.adding(days: -tolerance).description, ctx.period.end.adding(days: tolerance).description]
            try db.forEachRow("""
                SELECT manager_id, customer_id, planned_date, submitted_at FROM visit_plans \(try access(db, "visit_plans", "planned_date", window))
                WHERE planned_date >= ? AND planned_date < ? ORDER BY manager_id, customer_id, planned_date
                """, window) { r in
                guard let planned = day(r.string(2)) else { return }
                inputs.visitPlans.append(MetricInputs.VisitPlan(managerID: r.text(0), customerID: r.text(1), plannedDate: planned,
                                                                submittedAt: instant(r, 3, clock)))
            }
        }
    }

    /// How to read the rows of `table` whose `column` lies in `window` (two bounds): by the
    /// column's index, or (SQLite) by a scan of the table when the window holds more than a
    /// sixteenth of it. Each row the index finds costs a lookup in the table, ~8–14 µs on a
    /// table larger than the cache, where a scan costs ~0.6 µs a row (issue 10: the bank-sized
    /// set's 593 000 visits of the activity window out of 4 M, 4.9–8.6 s by the index against
    /// 2.3 s by a scan). Both counts come from the index alone, in milliseconds; PostgreSQL's
    /// planner weighs this itself.
    static func access(_ db: any WarehouseSession, _ table: String, _ column: String, _ window: [String]) throws -> String {
        let scan = db.dialect.notIndexed
        guard !scan.isEmpty else { return "" }
        let inWindow = try db.firstDouble("SELECT count(*) FROM \(table) WHERE \(column) >= ? AND \(column) < ?", window) ?? 0
        let all = try db.firstDouble("SELECT count(*) FROM \(table)") ?? 0
        return inWindow * 16 > all ? scan : ""
    }

    /// The latest visit by as_of of each of `customers`, of any type and of a counting
    /// type. The warehouse takes the latest per customer and type up to a day before
    /// as_of (one row per customer and type, not every visit); the day around as_of
    /// is read row by row and compared as instants. The customers go into a temporary
    /// table: one scan of the visits, whatever their number.
    static func lastVisits(_ db: any WarehouseSession, _ ctx: MetricContext, of customers: Set<String>) throws -> [String: MetricInputs.LastVisits] {
        guard !customers.isEmpty else { return [:] }
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS listed_customers (customer_id TEXT PRIMARY KEY)")
        defer { try? db.execute("DROP TABLE IF EXISTS listed_customers") }
        try db.execute("DELETE FROM listed_customers")
        try db.insert(into: "listed_customers", columns: ["customer_id"], rows: customers.sorted().lazy.map { [$0] })
        if db.dialect == .postgres { try db.execute("ANALYZE listed_customers") }

        let counting = ctx.config.visits.countingTypes
        let low = ctx.clock.iso(ctx.asOf - 86_400), high = ctx.clock.iso(ctx.asOf + 86_400)
        var last: [String: MetricInputs.LastVisits] = [:]
        func note(_ customer: String, _ type: String, _ at: Int) {
            var v = last[customer] ?? MetricInputs.LastVisits()
            v.any = max(v.any ?? at, at)
            if counting.contains(type) { v.counting = max(v.counting ?? at, at) }
            last[customer] = v
        }
        let listed = "customer_id IN (SELECT customer_id FROM listed_customers)"
        // A scan: the visit_start index would be walked whole, a row lookup each (10.8 s vs
        // ~2 s on 4 M visits).
        try db.forEachRow("""
            SELECT customer_id, type, MAX(visit_start) FROM visits \(db.dialect.notIndexed) WHERE visit_start < ? AND \(listed) GROUP BY customer_id, type
            """, [low]) { r in
            if let at = instant(r, 2, ctx.clock) { note(r.text(0), r.text(1), at) }
        }
        try db.forEachRow("SELECT customer_id, type, visit_start FROM visits WHERE visit_start >= ? AND visit_start < ? AND \(listed)",
                          [low, high]) { r in
            if let at = instant(r, 2, ctx.clock), at <= ctx.asOf { note(r.text(0), r.text(1), at) }
        }
        return last
    }

    /// Each customer's latest row of `table` whose `column` falls in `[from, to)` (and meets
    /// `filter`, with its `arguments`), given to `note` (a customer may be noted more than
    /// once, latest not last; the caller keeps the maximum): the warehouse takes the latest per customer a day
    /// inside both bounds (by text: exact within one UTC offset, as every window here), the
    /// day around each bound is read row by row and compared as instants. A full scan, not
    /// the column's index: these windows hold most rows, and the index's row lookups took
    /// 6.3 s where the scan takes 1.7 (4 M visits; 12-month surveys 4.1 s vs 0.4 s).
    static func latestPerCustomer(_ db: any WarehouseSession, table: String, column: String, filter: String = "TRUE", arguments: [String] = [],
                                  from: Int, to: Int, _ clock: ZoneClock, note: (String, Int) -> Void) throws {
        if from + 86_400 < to - 86_400 {
            try db.forEachRow("""
                SELECT customer_id, MAX(\(column)) FROM \(table) \(db.dialect.notIndexed)
                WHERE \(column) >= ? AND \(column) < ? AND \(filter) GROUP BY customer_id
                """, [clock.iso(from + 86_400), clock.iso(to - 86_400)] + arguments) { r in
                if let at = instant(r, 1, clock) { note(r.text(0), at) }
            }
        }
        for bound in [from, to] {
            try db.forEachRow("SELECT customer_id, \(column) FROM \(table) WHERE \(column) >= ? AND \(column) < ? AND \(filter)",
                              [clock.iso(bound - 86_400), clock.iso(bound + 86_400)] + arguments) { r in
                if let at = instant(r, 1, clock), at >= from, at < to { note(r.text(0), at) }
            }
        }
    }

    /// Adds a batch of stored orders (the columns of the ledger's query) to both ledgers.
    static func fold(_ batch: PackedBatch, into ledgers: inout (OrderLedger, ReceivablesLedger), clock: ZoneClock) {
        func date(_ row: PackedBatch.Row, _ column: Int) -> CivilDate? {
            batch.withText(batch.cell(row: row, column: column)) { ValueParser.moment(ascii: $0)?.date } ?? nil
        }
        for row in batch.rows {
            let status = batch.withText(batch.cell(row: row, column: 7)) { s in (s.elementsEqual("completed".utf8), s.elementsEqual("open".utf8)) }
            guard let at = batch.withText(batch.cell(row: row, column: 2), { ValueParser.moment(ascii: $0)?.epoch(in: clock) }) ?? nil
            else { continue }
            let order = MetricInputs.Order(customerID: batch.string(batch.cell(row: row, column: 0)) ?? "",
                                           managerID: batch.string(batch.cell(row: row, column: 1)) ?? "", at: at,
                                           amount: batch.double(batch.cell(row: row, column: 3)) ?? 0,
                                           cost: batch.double(batch.cell(row: row, column: 4)),
                                           dueDate: date(row, 5), paidDate: date(row, 6),
                                           completed: status?.0 ?? false, open: status?.1 ?? false)
            ledgers.0.add(order)
            ledgers.1.add(order)
        }
    }

    /// A time column of the warehouse (ISO text) as an instant.
    static func instant(_ row: any SQLRow, _ column: Int, _ clock: ZoneClock) -> Int? {
        row.bytes(column) { ValueParser.moment(ascii: $0)?.epoch(in: clock) } ?? nil
    }

    static func day(_ text: String?) -> CivilDate? {
        guard let text, let m = ValueParser.moment(text), m.secondsOfDay == nil else { return nil }
        return m.date
    }
}

extension MetricQueries {
    /// The stored rankings of the periods of the same kind before `period`, up to the trend's
    /// length (SPEC §4.1.1).
    static func trend(_ db: any WarehouseSession, current period: Period, results: [ManagerScore]) throws -> ManagerTrend {
        let names = ManagerTrend.earlier(than: period).map(\.name)
        var stored: [String: [String: ManagerTrend.Point]] = [:]
        try db.forEachRow("""
            SELECT period, manager_id, score, rank, sales, coverage_rate, sla_rate, adjusted_satisfaction FROM manager_scores
            WHERE period IN (\(names.map { _ in "?" }.joined(separator: ", ")))
            """, names) { r in
            stored[r.text(0), default: [:]][r.text(1)] = ManagerTrend.Point(score: r.double(2) ?? 0, rank: r.int(3) ?? 0, sales: r.double(4) ?? 0,
                                                                          coverageRate: r.double(5), slaRate: r.double(6),
                                                                          adjustedSatisfaction: r.double(7))
        }
        return ManagerTrend.build(current: period, results: results, stored: stored)
    }

    /// The previous period's headline figures as that period's run stored them (SPEC §4.1.1);
    /// empty when it was never run.
    static func previousFigures(_ db: any WarehouseSession, before period: Period) throws -> [Figure: Double] {
        var figures: [Figure: Double] = [:]
        try db.forEachRow("SELECT metric, value FROM period_metrics WHERE period = ? AND value IS NOT NULL", [period.previous.name]) { r in
            if let figure = Figure(rawValue: r.text(0)) { figures[figure] = r.double(1) }
        }
        return figures
    }

    /// Names behind the ids, for the reports.
    static func directory(_ db: any WarehouseSession) throws -> (managers: [String: ReportData.Person], customers: CustomerDirectory) {
        var managers: [String: ReportData.Person] = [:]
        try db.forEachRow("SELECT manager_id, name, team, status FROM managers") { r in
            managers[r.text(0)] = ReportData.Person(name: r.text(1), team: r.string(2), left: r.string(3) == "left")
        }
        var customers = CustomerDirectory()
        try db.forEachRow("SELECT customer_id, name, region FROM customers") { r in customers.add(id: r.text(0), name: r.text(1), region: r.string(2)) }
        return (managers, customers)
    }
}

/// What the metrics and the reports read from the warehouse, by name (the queries above).
extension WarehouseSession {
    /// What grading needs for one period (SPEC §3.1) and the per-customer figures.
    func gradingInputs(_ ctx: MetricContext) throws -> MetricInputs { try MetricQueries.fetchGrading(self, ctx) }

    /// The period's activity, added to `inputs` (SPEC §3.2–§3.10).
    func readActivity(_ ctx: MetricContext, into inputs: inout MetricInputs) throws { try MetricQueries.fetchActivity(self, ctx, into: &inputs) }

    /// Names behind the ids, for the reports.
    func directory() throws -> (managers: [String: ReportData.Person], customers: CustomerDirectory) { try MetricQueries.directory(self) }

    /// The stored rankings of earlier periods of the same kind (SPEC §4.1.1).
    func trend(current period: Period, results: [ManagerScore]) throws -> ManagerTrend {
        try MetricQueries.trend(self, current: period, results: results)
    }

    /// The previous period's headline figures as its run stored them (SPEC §4.1.1).
    func previousFigures(before period: Period) throws -> [Figure: Double] { try MetricQueries.previousFigures(self, before: period) }
}
