import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// What the metrics read, as plain values: the warehouse's records (`FactRecords.swift`),
/// read by `MetricInputs+Reading.swift`, or built by hand in tests. Times are instants
/// (seconds since the epoch), dates are local days.
public struct MetricInputs: Sendable {
    public typealias Manager = ManagerRecord
    public typealias ServiceRequest = ServiceRequestRecord
    public typealias VisitPlan = VisitPlanRecord
    public typealias Customer = CustomerRecord
    public typealias Order = OrderRecord
    public typealias Complaint = ComplaintRecord
    public typealias Visit = VisitRecord
    public typealias Survey = SurveyRecord
    public typealias LastVisits = LastVisitsRecord

    public var managers: [Manager] = []
    /// The teams export's teams (SPEC §4.4), none without one.
    public var teams: [TeamRecord] = []
    /// Assign the whole list at once: each assignment indexes it anew.
    public var customers: CustomerList = [] { didSet { positions = CustomerPositions(customers) } }
    /// Each customer's position in `customers`, for the figures kept by position.
    public private(set) var positions = CustomerPositions()
    /// Every staged order folded per customer and manager (see `OrderLedger`).
    public var orders: OrderLedger
    /// Complaints received from 30 days (`repeat_days`) before the period start to its end.
    public var complaints: [Complaint] = []
    /// Completed orders with a due date folded for receivables (see `ReceivablesLedger`).
    public var receivables: ReceivablesLedger
    /// Visits starting from the plan tolerance before the period start to the period end,
    /// or later up to as_of while a new customer's first-contact window is open (SPEC §3.8).
    public var visits: VisitList = []
    /// Each customer's latest counting visit from the longest cadence window's start to the
    /// period end, by as_of (SPEC §3.3 coverage), as the warehouse aggregates it. Coverage
    /// takes the later of this and `visits` (tests may give either).
    public var latestCountingVisit: LatestInstants = [:]
    /// The latest visits by as_of, of all history, of the customers on the chase list
    /// and of those left with departed managers.
    public var lastVisits: [String: LastVisits] = [:]
    /// Customers with a survey in the 12 months ending at the period end, by as_of (SPEC §3.8).
    public var surveyedCustomers: PerCustomer<Bool> = [:]
    /// Surveys in the period, as records: given by tests, or read so when every input is read
    /// before the grades are made (`readActivity` without a fold); else `surveyResponses`.
    public var surveys: [Survey] = []
    /// The period's surveys folded as they streamed from the warehouse (`readActivity`): used
    /// instead of `surveys`, which are then not read.
    package var surveyResponses: SurveyResponses?
    /// The targets of the period, and of its months for a quarter or a year (SPEC §3.12).
    public var targets: [TargetRecord] = []
    /// The submissions handed in (SPEC §3.11) as records, given by tests (a run folds them as they
    /// stream: `submissionFold`), and the period's completed orders as deals when an archive is
    /// owed per order.
    public var submissions: [SubmissionRecord] = []
    /// The submissions folded as they streamed from the warehouse (`readWrittenWork`): used
    /// instead of `submissions`, which are then not read.
    package var submissionFold: SubmissionFold?
    public var deals: [DealRecord] = []
    /// The previous period's grades and ranks (SPEC §3.1, §3.5).
    public var previousGrades: PerCustomer<Grade> = [:]
    public var previousRanks: [String: Int] = [:]
    /// The previous period's overall overdue amount (SPEC §3.7).
    public var previousOverdue: Double?
    /// Requests completed in the period, and every request open at as_of (SPEC §3.9).
    public var serviceRequests: [ServiceRequest] = []
    /// Whether any service request or visit plan is staged at all (optional entities).
    public var hasServiceRequests = false
    public var hasVisitPlans = false
    /// Plans dated in the period, widened by the plan tolerance on each side (SPEC §3.10).
    public var visitPlans: VisitPlanList = []

    public init(_ ctx: MetricContext) {
        orders = OrderLedger(ctx)
        receivables = ReceivablesLedger(ctx)
    }

    /// A customer of the list by id.
    package func customer(_ id: String) -> Customer? { positions[id].map { customers[$0] } }

    /// The customers in id order: the list itself when it is (as the warehouse gives it), not a copy.
    package var customersByID: CustomerList {
        customers.positionsByID().map(customers.picking) ?? customers
    }

    /// Managers whose status is `left`: their customers are left behind (SPEC §3.8).
    public var departedManagers: Set<String> { Set(managers.filter { !$0.active }.map(\.id)) }

    /// The earliest moment the visit query reads from: the plan tolerance before the period start.
    package static func visitsFrom(_ ctx: MetricContext) -> Int { ctx.start - ctx.config.visits.planToleranceDays * 86_400 }

    /// The latest moment the visit query must reach: the period end, or later while
    /// a first-contact window that opened in the period is still open at as_of, or a
    /// visit may still keep a plan of the period's last days.
    package static func visitsUntil(_ ctx: MetricContext) -> Int {
        let after = max(ctx.config.development.firstContactDays, ctx.config.visits.planToleranceDays)
        return max(ctx.end, min(ctx.asOf + 1, ctx.end + after * 86_400 + 1))
    }
}

/// Where a metric is evaluated: the period's instants and as_of (SPEC §3).
public struct MetricContext: Sendable {
    public var period: Period
    public var clock: ZoneClock
    public var start: Int
    public var end: Int
    public var asOf: Int
    public var config: PipelineConfig
    package var calendar: WorkCalendar
    /// Optional entities with no data at all (no file, nothing staged): their KPIs are left out
    /// of every score and no list is drawn from them (SPEC §2.7, "Absent is not zero").
    public var absent: Set<Entity> = []

    public init(period: Period, asOf: Int, config: PipelineConfig) {
        self.period = period
        self.config = config
        clock = ZoneClock(timeZone: config.timeZone)
        let interval = period.interval(in: clock)
        start = interval.lowerBound
        end = interval.upperBound
        self.asOf = asOf
        calendar = WorkCalendar(config.calendar, clock: clock)
    }

    /// An event counts only once it has happened by as_of (SPEC §3).
    package func happened(_ t: Int?) -> Int? {
        guard let t, t <= asOf else { return nil }
        return t
    }

    package func inPeriod(_ t: Int) -> Bool { t >= start && t < end }

    /// SPEC §3.2's rule, used for every target: met when the event happened (by as_of) at
    /// most `target` hours after `start`, breached when later or when it has not happened
    /// and the target time is before as_of, else pending. Hours as `hours(from:to:)` counts them.
    package func status(from start: Int, event: Int?, within target: Double) -> (hours: Double?, status: SLAStatus) {
        if let at = happened(event) {
            let h = hours(from: start, to: at)
            return (h, h <= target ? .met : .breached)
        }
        return (nil, hours(from: start, to: asOf) > target ? .breached : .pending)
    }

    /// The same rule against a deadline instant (calendar days: repair follow-ups, first contact).
    package func status(of event: Int?, deadline: Int) -> SLAStatus {
        if let at = happened(event) { return at <= deadline ? .met : .breached }
        return deadline < asOf ? .breached : .pending
    }

    package func hours(from a: Int, to b: Int) -> Double { calendar.hours(from: a, to: b) }
}

extension OrderRecord {
    /// The payment date when it is by as_of (its day began by then); paid after as_of counts as unpaid (SPEC §3.1, §3.7).
    package func paidDate(by asOf: Int, _ clock: ZoneClock) -> CivilDate? { paidDate.flatMap { clock.epoch(date: $0) <= asOf ? $0 : nil } }
}
