import ScorecardModel

/// A customer whose first activity (SPEC §3.1) falls in the period, and whether a
/// counting visit followed within `first_contact_days` (table `new_customers`).
public struct NewCustomer: Sendable, Equatable {
    public var customerID: String
    /// The manager it is assigned to at the period end.
    public var managerID: String
    public var firstActivity: Int
    public var firstContact: SLAStatus
}

/// New customers per manager: the optional KPI `new_customers` and the met share.
public struct NewCustomerSummary: Sendable, Equatable {
    public var managerID: String
    public var count = 0
    public var met = 0
    public var breached = 0
    public var pending = 0

    package init(managerID: String, count: Int = 0, met: Int = 0, breached: Int = 0, pending: Int = 0) {
        self.managerID = managerID
        self.count = count
        self.met = met
        self.breached = breached
        self.pending = pending
    }
    /// met / (met + breached); nil while every first contact is pending.
    public var metShare: Double? { Statistics.rate(met, met + breached) }
}

/// A customer assigned at the period end to a manager who has left (table `customers_left_behind`).
public struct LeftBehindCustomer: Sendable, Equatable {
    public var customerID: String
    public var managerID: String
    public var team: String?
    public var grade: Grade
    public var sales12m: Double
    /// The latest visit of any type, by anyone, by as_of.
    public var lastVisit: Int?
}

/// Share of a manager's (`""` = all) customers of a grade (nil = all) surveyed in
/// the 12 months ending at the period end (table `survey_reach`).
public struct SurveyReach: Sendable, Equatable {
    public var managerID: String
    public var grade: Grade?
    public var customers: Int
    public var surveyed: Int
    public var reach: Double? { Statistics.rate(surveyed, customers) }
}

public struct DevelopmentReport: Sendable {
    public var newCustomers: [NewCustomer] = []
    public var newByManager: [NewCustomerSummary] = []
    public var leftBehind: [LeftBehindCustomer] = []
    /// Customers left behind per team of the departed manager ("" without a team), by team.
    public var leftBehindByTeam: [(team: String, customers: Int)] = []

    public func newCustomers(of managerID: String) -> NewCustomerSummary? { newByManager.first { $0.managerID == managerID } }

    /// Survey reach of a manager ("" = all) for a grade (nil = all), by lookup.
    public func reach(_ managerID: String, _ grade: Grade?) -> SurveyReach? { reachIndex[ReachKey(manager: managerID, grade: grade)] }

    package struct ReachKey: Hashable, Sendable { var manager: String; var grade: Grade? }
    private var reachIndex: [ReachKey: SurveyReach] = [:]

    public var surveyReach: [SurveyReach] = [] {
        didSet { reachIndex = Dictionary(surveyReach.map { (ReachKey(manager: $0.managerID, grade: $0.grade), $0) }, uniquingKeysWith: { a, _ in a }) }
    }
}

extension DevelopmentReport {
    /// Only `managers`' new customers, customers left behind (by team as the organisation's
    /// are) and survey reach; all managers' reach (`""`) summed from theirs alone (SPEC §4.4).
    package func restricted(to managers: Set<String>) -> DevelopmentReport {
        var cut = DevelopmentReport()
        cut.newCustomers = newCustomers.filter { managers.contains($0.managerID) }
        cut.newByManager = newByManager.filter { managers.contains($0.managerID) }
        cut.leftBehind = leftBehind.filter { managers.contains($0.managerID) }
        cut.leftBehindByTeam = CustomerDevelopment.byTeam(cut.leftBehind)
        let own = surveyReach.filter { managers.contains($0.managerID) }
        var all: [Grade?: SurveyReach] = [:]
        for r in own {
            var a = all[r.grade] ?? SurveyReach(managerID: "", grade: r.grade, customers: 0, surveyed: 0)
            a.customers += r.customers
            a.surveyed += r.surveyed
            all[r.grade] = a
        }
        cut.surveyReach = (own + all.values).sorted { ($0.managerID, $0.grade?.rawValue ?? "") < ($1.managerID, $1.grade?.rawValue ?? "") }
        return cut
    }
}

/// SPEC §3.8: customers developed, customers left behind by departed managers, survey reach.
package enum CustomerDevelopment {
    package static func compute(_ inputs: MetricInputs, grades: CustomerGrades, _ ctx: MetricContext) -> DevelopmentReport {
        let graded = graded(inputs, grades, ctx)
        return compute(inputs, newCustomers: newCustomers(inputs, graded.arrivals, ctx), graded: graded)
    }

    /// A customer whose first activity falls in the period (SPEC §3.8), its first contact not yet known.
    package struct Arrival: Sendable {
        package var customerID: String
        package var managerID: String
        package var firstActivity: Int
    }

    /// What the report takes from the grades: the customers new in the period, those left behind
    /// and the survey reach, worked out as soon as the grades are made, so that the runner can
    /// store and release them before the period's visits are read (issue 29).
    package struct Graded: Sendable {
        package var arrivals: [Arrival] = []
        package var leftBehind: [LeftBehindCustomer] = []
        package var surveyReach: [SurveyReach] = []
    }

    /// The new customers (without their first contact), the customers left behind and the survey
    /// reach, from the grades, the latest visits of the customers of departed managers and who was
    /// surveyed (read with what grading needs).
    package static func graded(_ inputs: MetricInputs, _ grades: CustomerGrades, _ ctx: MetricContext) -> Graded {
        precondition(grades.holdsAll, "made from every grade, before only the moves are kept")
        var graded = Graded()
        for i in grades.indices {
            guard let t = grades.figures(at: i).firstActivity, ctx.inPeriod(t) else { continue }
            graded.arrivals.append(Arrival(customerID: grades.customerID(at: i), managerID: grades.managerID(at: i), firstActivity: t))
        }
        let departed = inputs.departedManagers
        let teamOf = Dictionary(inputs.managers.map { ($0.id, $0.team) }, uniquingKeysWith: { a, _ in a })
        graded.leftBehind = grades.compactMap { g -> LeftBehindCustomer? in
            guard departed.contains(g.managerID), let team = teamOf[g.managerID] else { return nil }
            return LeftBehindCustomer(customerID: g.customerID, managerID: g.managerID, team: team, grade: g.grade,
                                      sales12m: g.sales12m, lastVisit: inputs.lastVisits[g.customerID]?.any)
        }.sorted { (-$0.sales12m, $0.customerID) < (-$1.sales12m, $1.customerID) }
        // Without a surveys export there is no reach to measure (SPEC §2.7: absent is not zero).
        graded.surveyReach = ctx.absent.contains(.surveys) ? [] : surveyReach(grades, surveyed: inputs.surveyedCustomers)
        return graded
    }

    /// The report around `newCustomers` (found while the visits are read, issue 29) and what it
    /// takes from the grades (`graded`).
    package static func compute(_ inputs: MetricInputs, newCustomers: [NewCustomer], graded: Graded) -> DevelopmentReport {
        var report = DevelopmentReport()
        report.newCustomers = newCustomers
        var byManager: [String: NewCustomerSummary] = [:]
        for n in report.newCustomers {
            var s = byManager[n.managerID] ?? NewCustomerSummary(managerID: n.managerID)
            s.count += 1
            switch n.firstContact {
            case .met: s.met += 1
            case .breached: s.breached += 1
            case .pending: s.pending += 1
            }
            byManager[n.managerID] = s
        }
        report.newByManager = byManager.keys.sorted().map { byManager[$0]! }
        report.leftBehind = graded.leftBehind
        report.leftBehindByTeam = byTeam(report.leftBehind)
        report.surveyReach = graded.surveyReach
        return report
    }

    /// New when the first activity falls in the period; met when a counting visit
    /// (by anyone) starts at most `first_contact_days` after it, breached when none
    /// did and that deadline is before as_of, else pending.
    package static func newCustomers(_ inputs: MetricInputs, _ arrivals: [Arrival], _ ctx: MetricContext) -> [NewCustomer] {
        let window = ctx.config.development.firstContactDays * 86_400
        let first = Dictionary(arrivals.map { ($0.customerID, $0.firstActivity) }, uniquingKeysWith: { a, _ in a })
        // The first counting visit at or after the first activity, by as_of.
        var contact: [String: Int] = [:]
        for v in inputs.visits where ctx.config.visits.countingTypes.contains(v.type) && v.start <= ctx.asOf {
            if let t = first[v.customerID], v.start >= t, v.start < contact[v.customerID] ?? .max { contact[v.customerID] = v.start }
        }
        return arrivals.map { a in
            NewCustomer(customerID: a.customerID, managerID: a.managerID, firstActivity: a.firstActivity,
                        firstContact: ctx.status(of: contact[a.customerID], deadline: a.firstActivity + window))
        }
    }

    /// Per manager and overall (""), for all grades (nil) and each grade present.
    package static func surveyReach(_ grades: CustomerGrades, surveyed: PerCustomer<Bool>) -> [SurveyReach] {
        struct Key: Hashable { var manager: String; var grade: Grade? }
        var counts: [Key: (customers: Int, surveyed: Int)] = [:]
        for g in grades {
            let hit = surveyed.contains(g.customerID) ? 1 : 0
            for key in [Key(manager: g.managerID, grade: nil), Key(manager: g.managerID, grade: g.grade),
                        Key(manager: "", grade: nil), Key(manager: "", grade: g.grade)] {
                let c = counts[key] ?? (0, 0)
                counts[key] = (c.customers + 1, c.surveyed + hit)
            }
        }
        return counts.map { SurveyReach(managerID: $0.key.manager, grade: $0.key.grade, customers: $0.value.customers, surveyed: $0.value.surveyed) }
            .sorted { ($0.managerID, $0.grade?.rawValue ?? "") < ($1.managerID, $1.grade?.rawValue ?? "") }
    }

    /// Customers left behind per team of the departed manager ("" without a team), by team.
    package static func byTeam(_ leftBehind: [LeftBehindCustomer]) -> [(team: String, customers: Int)] {
        let perTeam = Dictionary(grouping: leftBehind) { $0.team ?? "" }
        return perTeam.keys.sorted().map { ($0, perTeam[$0]!.count) }
    }
}
