import ScorecardModel
import ScorecardIngest
import ScorecardWarehouse

/// What a period's metrics read (SPEC §3), in SQL both engines accept. Times are stored as ISO
/// text with the pipeline's UTC offset: a text comparison is exact only within one offset, so
/// each window is selected a day wider on both sides and cut exactly on instants here (but for the
/// service requests, whose metric cuts them).
extension SQLSession {
    package func managers() throws -> [ManagerRecord] {
        var managers: [ManagerRecord] = []
        try forEachRow("SELECT manager_id, status, team, territory, hire_date FROM managers ORDER BY manager_id") { r in
            managers.append(ManagerRecord(id: r.text(0), active: r.string(1) == "active", team: r.string(2),
                                          territory: r.string(3) ?? Territory.defaultValue, hireDate: Self.day(r.string(4))))
        }
        return managers
    }

    package func teams() throws -> [TeamRecord] {
        var teams: [TeamRecord] = []
        try forEachRow("SELECT team, name, parent, supervisor, email FROM teams ORDER BY team") { r in
            teams.append(TeamRecord(id: r.text(0), name: r.string(1), parent: r.string(2), supervisor: r.string(3), email: r.string(4)))
        }
        return teams
    }

    package func customers() throws -> CustomerList {
        // Row by row, not arrays of rows, for the tables as long as the customer list (1.1 M rows
        // were ~0.3 GB of GRDB rows on the way).
        var customers = CustomerList()
        // Counted first: grown by doubling, the list reserved up to twice its size (issue 29).
        try forEachRow("SELECT COUNT(*), SUM(\(dialect.bytes("customer_id"))) FROM customers") { r in
            customers.reserve(r.int(0) ?? 0, idBytes: r.int(1) ?? 0)
        }
        try forEachRow("SELECT customer_id, manager_id, region, since FROM customers ORDER BY customer_id") { r in
            customers.append(CustomerRecord(id: r.text(0), managerID: r.text(1), remote: r.string(2) == "remote", since: Self.day(r.string(3))))
        }
        return customers
    }

    /// The warehouse takes the latest per customer a day inside both bounds, the day around each
    /// bound is read row by row and compared as instants. A full scan, not the column's index:
    /// these windows hold most rows, and the index's row lookups took 6.3 s where the scan takes
    /// 1.7 (4 M visits; 12-month surveys 4.1 s vs 0.4 s).
    package func latestPerCustomer(_ kind: LatestPerCustomer, from: Int, to: Int, clock: ZoneClock, note: (String, Int) -> Void) throws {
        let table: String, column: String, filter: String, arguments: [String]
        switch kind {
        case .visit(let types):
            (table, column, arguments) = ("visits", "visit_start", types.sorted())
            filter = types.isEmpty ? "FALSE" : "type IN (\(types.map { _ in "?" }.joined(separator: ", ")))"
        case .survey:
            (table, column, filter, arguments) = ("surveys", "surveyed_at", "TRUE", [])
        }
        if from + 86_400 < to - 86_400 {
            try forEachRow("""
                SELECT customer_id, MAX(\(column)) FROM \(table) \(dialect.notIndexed)
                WHERE \(column) >= ? AND \(column) < ? AND \(filter) GROUP BY customer_id
                """, [clock.iso(from + 86_400), clock.iso(to - 86_400)] + arguments) { r in
                if let at = Self.instant(r, 1, clock) { note(r.text(0), at) }
            }
        }
        for bound in [from, to] {
            try forEachRow("SELECT customer_id, \(column) FROM \(table) WHERE \(column) >= ? AND \(column) < ? AND \(filter)",
                           [clock.iso(bound - 86_400), clock.iso(bound + 86_400)] + arguments) { r in
                if let at = Self.instant(r, 1, clock), at >= from, at < to { note(r.text(0), at) }
            }
        }
    }

    package func complaints(receivedFrom from: Int, to: Int, clock: ZoneClock) throws -> [ComplaintRecord] {
        let window = [clock.iso(from - 86_400), clock.iso(to + 86_400)]
        let access = try access("complaints", "received_at", window)
        var complaints: [ComplaintRecord] = []
        complaints.reserveCapacity(access.rows)
        try forEachRow("""
            SELECT complaint_id, customer_id, manager_id, received_at, first_response_at, escalated_at, resolved_at,
                   severity, category, follow_up_at, follow_up_type
            FROM complaints \(access.how)
            WHERE received_at >= ? AND received_at < ? ORDER BY complaint_id
            """, window) { r in
            guard let received = Self.instant(r, 3, clock), received >= from, received < to else { return }
            complaints.append(ComplaintRecord(
                id: r.text(0), customerID: r.text(1), managerID: r.text(2), receivedAt: received,
                firstResponseAt: Self.instant(r, 4, clock), escalatedAt: Self.instant(r, 5, clock), resolvedAt: Self.instant(r, 6, clock),
                major: r.string(7) == "major", category: r.string(8), followUpAt: Self.instant(r, 9, clock), followUpOnSite: r.string(10) == "on_site"))
        }
        return complaints
    }

    package func visits(startingFrom from: Int, to: Int, clock: ZoneClock) throws -> VisitList {
        let window = [clock.iso(from - 86_400), clock.iso(to + 86_400)]
        let access = try access("visits", "visit_start", window)
        var visits = VisitList()
        visits.reserveCapacity(access.rows)
        try forEachRow("""
            SELECT visit_id, manager_id, customer_id, visit_start, visit_end, duration_min, type, report_submitted_at
            FROM visits \(access.how)
            WHERE visit_start >= ? AND visit_start < ? ORDER BY visit_id
            """, window) { r in
            guard let start = Self.instant(r, 3, clock), start >= from, start < to else { return }
            // The id orders the rows and is not kept (`VisitList`).
            visits.append(VisitRecord(id: "", managerID: r.text(1), customerID: r.text(2), start: start,
                                      end: Self.instant(r, 4, clock), durationMinutes: r.double(5), type: r.text(6),
                                      reportAt: Self.instant(r, 7, clock)))
        }
        return visits
    }

    /// The surveys made in `[from, to)`, given to `body` one by one as they are read, in survey id
    /// order, each with its dimension scores. The scores are read first, packed (`SurveyScores`):
    /// a dictionary of them per survey held beside every survey of the period was the bank-shaped
    /// set's 35 MB at the PostgreSQL client's peak (issue 29).
    package func forEachSurvey(from: Int, to: Int, clock: ZoneClock, _ body: (SurveyRecord) throws -> Void) throws {
        var scores = SurveyScores()
        let window = [clock.iso(from - 86_400), clock.iso(to + 86_400)]
        let surveyAccess = try access("surveys", "surveyed_at", window)
        try forEachRow("""
            SELECT d.survey_id, d.dimension, d.score FROM survey_dimensions d JOIN surveys s \(surveyAccess.how) ON s.survey_id = d.survey_id
            WHERE s.surveyed_at >= ? AND s.surveyed_at < ?
            """, window) { r in
            scores.add(survey: r.text(0), dimension: r.text(1), score: r.int(2))
        }
        scores.index()
        try forEachRow("""
            SELECT survey_id, customer_id, manager_id, surveyed_at, overall, nps, comment FROM surveys \(surveyAccess.how)
            WHERE surveyed_at >= ? AND surveyed_at < ? ORDER BY survey_id
            """, window) { r in
            guard let at = Self.instant(r, 3, clock), at >= from, at < to else { return }
            let id = r.text(0)
            try body(SurveyRecord(id: id, customerID: r.text(1), managerID: r.text(2), at: at, overall: r.int(4),
                                  nps: r.int(5), comment: r.string(6), dimensions: scores.dimensions(of: id)))
        }
    }

    /// A day wider on each side, like every window here: the metric cuts it exactly (SPEC §3.9).
    package func serviceRequests(completedFrom from: Int, to: Int, openAt: Int, clock: ZoneClock) throws -> [ServiceRequestRecord] {
        var requests: [ServiceRequestRecord] = []
        try forEachRow("""
            SELECT request_id, customer_id, manager_id, reported_at, category, completed_at, follow_up_at, follow_up_role,
                   problem_found, notice_at
            FROM service_requests
            WHERE (completed_at >= ? AND completed_at < ?) OR completed_at IS NULL OR completed_at >= ?
            ORDER BY request_id
            """, [clock.iso(from - 86_400), clock.iso(to + 86_400), clock.iso(openAt - 86_400)]) { r in
            guard let reported = Self.instant(r, 3, clock) else { return }
            requests.append(ServiceRequestRecord(
                id: r.text(0), customerID: r.text(1), managerID: r.text(2), reportedAt: reported, category: r.string(4),
                completedAt: Self.instant(r, 5, clock), followUpAt: Self.instant(r, 6, clock), followUpRole: r.string(7),
                problemFound: r.string(8) == "yes", noticeAt: Self.instant(r, 9, clock)))
        }
        return requests
    }

    package func visitPlans(from: CivilDate, to: CivilDate, clock: ZoneClock) throws -> VisitPlanList {
        let window = [from.description, to.description]
        let access = try access("visit_plans", "planned_date", window)
        var plans = VisitPlanList()
        plans.reserveCapacity(access.rows)
        // In no order: the plans are matched by manager, customer and day (`VisitQuotas.plans`), and
        // SQLite's sort of a month's plans took 25 MB in the process (issue 29).
        try forEachRow("""
            SELECT manager_id, customer_id, planned_date, submitted_at FROM visit_plans \(access.how)
            WHERE planned_date >= ? AND planned_date < ?
            """, window) { r in
            guard let planned = Self.day(r.string(2)) else { return }
            plans.append(VisitPlanRecord(managerID: r.text(0), customerID: r.text(1), plannedDate: planned, submittedAt: Self.instant(r, 3, clock)))
        }
        return plans
    }

    /// The warehouse takes the latest per customer and type up to a day before as_of (one row
    /// per customer and type, not every visit); the day around as_of is read row by row and
    /// compared as instants. The customers go into a temporary table: one scan of the visits,
    /// whatever their number.
    package func lastVisits(of customers: Set<String>, asOf: Int, counting: Set<String>, clock: ZoneClock) throws -> [String: LastVisitsRecord] {
        guard !customers.isEmpty else { return [:] }
        try execute("CREATE TEMP TABLE IF NOT EXISTS listed_customers (customer_id TEXT PRIMARY KEY)")
        defer { try? execute("DROP TABLE IF EXISTS listed_customers") }
        try execute("DELETE FROM listed_customers")
        try insert(into: "listed_customers", columns: ["customer_id"], rows: customers.sorted().lazy.map { [$0] })
        if dialect == .postgres { try execute("ANALYZE listed_customers") }

        let low = clock.iso(asOf - 86_400), high = clock.iso(asOf + 86_400)
        var last: [String: LastVisitsRecord] = [:]
        func note(_ customer: String, _ type: String, _ at: Int) {
            var v = last[customer] ?? LastVisitsRecord()
            v.any = max(v.any ?? at, at)
            if counting.contains(type) { v.counting = max(v.counting ?? at, at) }
            last[customer] = v
        }
        let listed = "customer_id IN (SELECT customer_id FROM listed_customers)"
        // A scan: the visit_start index would be walked whole, a row lookup each (10.8 s vs
        // ~2 s on 4 M visits).
        try forEachRow("""
            SELECT customer_id, type, MAX(visit_start) FROM visits \(dialect.notIndexed) WHERE visit_start < ? AND \(listed) GROUP BY customer_id, type
            """, [low]) { r in
            if let at = Self.instant(r, 2, clock) { note(r.text(0), r.text(1), at) }
        }
        try forEachRow("SELECT customer_id, type, visit_start FROM visits WHERE visit_start >= ? AND visit_start < ? AND \(listed)",
                       [low, high]) { r in
            if let at = Self.instant(r, 2, clock), at <= asOf { note(r.text(0), r.text(1), at) }
        }
        return last
    }

    /// How to read the rows of `table` whose `column` lies in `window` (two bounds): by the
    /// column's index, or (SQLite) by a scan of the table when the window holds more than a
    /// sixteenth of it. Each row the index finds costs a lookup in the table, ~8–14 µs on a
    /// table larger than the cache, where a scan costs ~0.6 µs a row (issue 10: the bank-sized
    /// set's 593 000 visits of the activity window out of 4 M, 4.9–8.6 s by the index against
    /// 2.3 s by a scan). Both counts come from the index alone, in milliseconds; PostgreSQL's
    /// planner weighs this itself, and counts the window only for the length below (about 0.5 s of
    /// a 100 s bank-set run for the four reads). Also how many rows the window holds: the reader's array is made
    /// that long at once, not doubled as it fills (a month's visit plans on the bank-shaped set:
    /// 44 MB for the moment both the old and new arrays were held, for 16 MB of plans, issue 29).
    package func access(_ table: String, _ column: String, _ window: [String]) throws -> (how: String, rows: Int) {
        let inWindow = try firstDouble("SELECT count(*) FROM \(table) WHERE \(column) >= ? AND \(column) < ?", window) ?? 0
        let scan = dialect.notIndexed
        guard !scan.isEmpty else { return ("", Int(inWindow)) }
        let all = try firstDouble("SELECT count(*) FROM \(table)") ?? 0
        return (inWindow * 16 > all ? scan : "", Int(inWindow))
    }

    /// A time column (ISO text) as an instant.
    package static func instant(_ row: any SQLRow, _ column: Int, _ clock: ZoneClock) -> Int? {
        row.bytes(column) { Moment.parse(ascii: $0)?.epoch(in: clock) } ?? nil
    }

    /// A date column as a local day.
    package static func day(_ text: String?) -> CivilDate? {
        guard let text, let m = Moment.parse(text), m.secondsOfDay == nil else { return nil }
        return m.date
    }
}
