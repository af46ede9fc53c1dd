import ScorecardModel
import ScorecardWarehouse

/// Reads what the metrics need for one period from the warehouse, in parts, so that the order
/// ledger's per-customer totals and the period's activity are never in memory together (issue
/// 10), nor the period's visits with its complaints, surveys and requests (issue 29): what
/// grading needs (`readGrading`); once the grades are made and the ledger's totals released,
/// the visits and plans (`readVisits`); once the plans are matched, the latest counting visits
/// (`readLatestCountingVisits`); once the field work has released the visits, the complaints
/// (`readComplaints`); once they are measured and released, the surveys and requests
/// (`readActivity`, the surveys folded as they stream); once they are measured and released, the
/// written work (`readWrittenWork`, folded as it streams).
extension MetricInputs {
    /// The managers and customers, the order ledgers, and the per-customer figures grading and
    /// survey reach need, kept by position: surveyed, previous grade. Also the previous period's
    /// ranks and overdue, the sales targets, and the latest visits of the customers on the chase
    /// and left-behind lists (the ledgers done).
    package static func readGrading(_ warehouse: any WarehouseSession, _ ctx: MetricContext) throws -> MetricInputs {
        var inputs = MetricInputs(ctx)
        let clock = ctx.clock
        inputs.managers = try warehouse.managers()
        inputs.teams = try warehouse.teams()
        inputs.customers = try warehouse.customers()
        // On a server each customer's ledger is summed by the engine (SPEC §9), and only the orders
        // of the period's per-manager sums and receivables stream; SQLite's client folds every
        // order. The last batches are folded while the queries below run.
        let inEngine = warehouse.sumsLedgersInEngine
        if inEngine {
            inputs.orders.register(inputs.positions)
            try warehouse.customerLedgers(inputs.orders.window, clock: clock) { inputs.orders.fold($0) }
        }
        let folding = try foldOrders(warehouse, into: (inputs.orders, inputs.receivables), clock: clock,
                                     every: inEngine ? nil : inputs.positions)
        defer { folding.wait() }

        let until = min(ctx.end, ctx.asOf + 1)  // a survey after as_of has not happened
        inputs.surveyedCustomers = PerCustomer(inputs.positions)
        try warehouse.latestPerCustomer(.survey, from: clock.epoch(date: ctx.period.end.adding(months: -12)), to: until, clock: clock) { id, _ in
            inputs.surveyedCustomers[id] = true
        }
        let periods = [ctx.period.name] + (ctx.period.kind == .quarter || ctx.period.kind == .year ? TargetAttainments.monthNames(of: ctx.period) : [])
        inputs.targets = try warehouse.targets(periods: periods)
        let previous = ctx.period.previous.name
        inputs.previousGrades = PerCustomer(inputs.positions)
        try warehouse.storedGrades(period: previous) { id, grade in inputs.previousGrades[id] = grade }
        inputs.previousRanks = try warehouse.storedRanks(period: previous)
        inputs.previousOverdue = try warehouse.storedOverdue(period: previous)
        (inputs.orders, inputs.receivables) = try folding.wait().get()
        // The latest visits of the customers the chase list and the left-behind list show (SPEC
        // §3.7, §3.8): the left-behind list is made with the grades, before the visits are read.
        let departed = inputs.departedManagers
        var listed = Set(inputs.receivables.debtors.keys)
        for c in inputs.customers where departed.contains(c.managerID) { listed.insert(c.id) }
        inputs.lastVisits = try warehouse.lastVisits(of: listed, asOf: ctx.asOf, counting: ctx.config.visits.countingTypes, clock: clock)
        return inputs
    }

    /// The orders stream into the ledgers (never all in memory). This thread steps the warehouse;
    /// a second one decodes the times and folds the orders in, and may still be folding when this returns.
    /// - Parameter every: every order, into the customers' ledgers too (registered at these positions).
    private static func foldOrders(_ warehouse: any WarehouseSession, into ledgers: (OrderLedger, ReceivablesLedger),
                                   clock: ZoneClock, every positions: CustomerPositions?) throws -> BackgroundWork<(OrderLedger, ReceivablesLedger)> {
        let batches = HandOff<StoredOrders>()
        let selection = positions == nil ? ledgers.0.selection : nil
        let folding = BackgroundWork { [ledgers] () throws -> (OrderLedger, ReceivablesLedger) in
            var ledgers = ledgers
            // Here: the customers' arrays are this thread's own, never copied.
            if let positions { ledgers.0.register(positions) }
            while let batch = try batches.next() {
                batch.forEach(clock: clock) { order in
                    if positions == nil { ledgers.0.addToManager(order) } else { ledgers.0.add(order) }
                    ledgers.1.add(order)
                }
            }
            return ledgers
        }
        do {
            try warehouse.forEachOrderBatch(selection, clock: clock) { batches.push($0) }
            batches.finish()
        } catch {
            batches.finish(error)
            batches.cancel()
            folding.wait()
            throw error
        }
        return folding
    }

    /// The period's visits and visit plans: what `FieldWork` needs.
    package static func readVisits(_ warehouse: any WarehouseSession, _ ctx: MetricContext, into inputs: inout MetricInputs) throws {
        let clock = ctx.clock
        // Every visit from the days before the period a visit may keep one of its first plans
        // from (SPEC §3.10) to the end of the first-contact windows (§3.8).
        inputs.visits = try warehouse.visits(startingFrom: visitsFrom(ctx), to: visitsUntil(ctx), clock: clock)
        inputs.hasVisitPlans = try !warehouse.isEmpty(.visitPlans)
        if inputs.hasVisitPlans {
            let tolerance = ctx.config.visits.planToleranceDays
            inputs.visitPlans = try warehouse.visitPlans(from: ctx.period.start.adding(days: -tolerance),
                                                         to: ctx.period.end.adding(days: tolerance), clock: clock)
        }
    }

    /// Coverage needs only each customer's latest counting visit in the longest cadence window
    /// (SPEC §3.3): the warehouse aggregates it, instead of every visit of six months being read
    /// (issue 10: 2.2 M of the bank-sized set's visits, ~0.5 GB). Read once the plans are matched
    /// and released: not beside them (issue 29).
    package static func readLatestCountingVisits(_ warehouse: any WarehouseSession, _ ctx: MetricContext, into inputs: inout MetricInputs) throws {
        let longest = ctx.clock.epoch(date: ctx.period.end.adding(months: -VisitMetrics.longestCadence(ctx.config.visits)))
        inputs.latestCountingVisit = LatestInstants(inputs.positions)
        // From the earliest visit `readVisits` reads too (its visits count), not after as_of (not happened).
        try warehouse.latestPerCustomer(.visit(types: Array(ctx.config.visits.countingTypes)), from: min(longest, visitsFrom(ctx)),
                                        to: min(ctx.end, ctx.asOf + 1), clock: ctx.clock) { id, at in
            inputs.latestCountingVisit.raise(id, to: at)
        }
    }

    /// Complaints received from `repeat_days` before the period start to its end (SPEC §3.2):
    /// read once the field work is done and its visits released.
    package static func readComplaints(_ warehouse: any WarehouseSession, _ ctx: MetricContext, into inputs: inout MetricInputs) throws {
        let repeatFrom = ctx.start - Int(ctx.config.complaints.repeatDays * 86_400)
        inputs.complaints = try warehouse.complaints(receivedFrom: repeatFrom, to: ctx.end, clock: ctx.clock)
    }

    /// The period's surveys, folded into `responses` as they are read, and service requests: read
    /// once the complaints are measured and released.
    /// - Parameter responses: nil: the surveys are held as records (every input read before the grades are made, as in tests).
    package static func readActivity(_ warehouse: any WarehouseSession, _ ctx: MetricContext, surveys responses: SurveyResponses?,
                                     into inputs: inout MetricInputs) throws {
        let clock = ctx.clock
        if var responses {
            try warehouse.forEachSurvey(from: ctx.start, to: ctx.end, clock: clock) { responses.add($0) }
            inputs.surveyResponses = responses
        } else {
            try warehouse.forEachSurvey(from: ctx.start, to: ctx.end, clock: clock) { inputs.surveys.append($0) }
        }
        // Service requests completed in the period or open at as_of (SPEC §3.9).
        inputs.hasServiceRequests = try !warehouse.isEmpty(.serviceRequests)
        if inputs.hasServiceRequests {
            inputs.serviceRequests = try warehouse.serviceRequests(completedFrom: ctx.start, to: ctx.end, openAt: ctx.asOf, clock: clock)
        }
    }

    /// SPEC §3.11: the written work, and the period's deals when archives are owed per order.
    package static func readWrittenWork(_ warehouse: any WarehouseSession, _ ctx: MetricContext, into inputs: inout MetricInputs) throws {
        let clock = ctx.clock
        if !ctx.absent.contains(.submissions) {
            var work = SubmissionFold(ctx)
            try warehouse.forEachSubmission(clock: clock) { work.add($0) }
            inputs.submissionFold = work
            if ctx.config.submissions.archivePerOrder { inputs.deals = try warehouse.deals(from: ctx.start, to: ctx.end, clock: clock) }
        }
    }
}
