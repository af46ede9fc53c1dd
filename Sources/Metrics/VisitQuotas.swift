import ScorecardModel
import ScorecardWarehouse

/// One manager against the daily visit quota of the territory (SPEC §3.10; table `visit_quota`).
public struct VisitQuota: Sendable, Equatable {
    public var managerID: String
    public var territory: String
    public var quota: Int
    /// Working days of the period before as_of's date.
    public var workingDays: Int
    public var daysAtQuota: Int
    public var quotaRate: Double?
    public var meanCustomersPerDay: Double?
    /// The working days short of the quota.
    public var daysShort: [CivilDate]
}

/// One manager's visit plans (manager "" = all; SPEC §3.10; table `visit_plans_summary`).
public struct VisitPlanSummary: Sendable, Equatable {
    public var managerID: String
    public var plansDue = 0
    public var plansDone = 0
    public var planExecutionRate: Double? { Statistics.rate(plansDone, plansDue) }
    /// Plan rows with a planned date in the period, and those filed on time.
    public var plans = 0
    public var plansOnTime = 0
    public var planOnTimeRate: Double? { Statistics.rate(plansOnTime, plans) }
    /// Counting visits in the period, and those that match no plan row.
    public var countingVisits = 0
    public var unplannedVisits = 0
    public var unplannedShare: Double? { Statistics.rate(unplannedVisits, countingVisits) }

    /// Another manager's counts added (an "all" row of any set of managers).
    package mutating func add(_ o: VisitPlanSummary) {
        plansDue += o.plansDue
        plansDone += o.plansDone
        plans += o.plans
        plansOnTime += o.plansOnTime
        countingVisits += o.countingVisits
        unplannedVisits += o.unplannedVisits
    }
}

public struct VisitQuotaReport: Sendable {
    /// Every quota 0: the quota is off.
    public var quotaOn = false
    public var quotas: [VisitQuota] = []
    /// False when no visit plan is staged: the report says so instead of zeros.
    public var hasPlans = false
    public var plans: [VisitPlanSummary] = []
    /// Due plans not done, in planned-date order (the ledger's `plan_missed`, SPEC §3.11), packed:
    /// kept to the end of the run, and a team's cut of them through its reports (issue 29).
    public var missedPlans: VisitPlanList = []

    public func plans(of managerID: String) -> VisitPlanSummary? { plans.first { $0.managerID == managerID } }

    /// Only `managers`' quotas and plans (SPEC §4.4).
    package func restricted(to managers: Set<String>) -> VisitQuotaReport {
        var cut = self
        cut.quotas = quotas.filter { managers.contains($0.managerID) }
        cut.plans = plans.filter { !$0.managerID.isEmpty && managers.contains($0.managerID) }
        cut.missedPlans = VisitPlanList(missedPlans.lazy.filter { managers.contains($0.managerID) })
        // The all-managers row ("") summed again from the team's own rows.
        if plans.contains(where: { $0.managerID.isEmpty }) {
            var all = VisitPlanSummary(managerID: "")
            for p in cut.plans { all.add(p) }
            cut.plans.insert(all, at: 0)  // first, as the keys sort
        }
        return cut
    }
}

/// SPEC §3.10: the daily quota on the business calendar, plan execution, plans filed on
/// time, unplanned visits.
package enum VisitQuotas {
    package static func compute(_ inputs: MetricInputs, managers listed: Set<String>, _ ctx: MetricContext) -> VisitQuotaReport {
        var report = visitsAndPlans(inputs, ctx)
        if report.quotaOn { report.quotas = quotas(onSiteCustomers(inputs, ctx), managers: listed, inputs.managers, ctx) }
        return report
    }

    /// The report without its quotas, which wait for the managers to list (the visits are
    /// released before the other activity is read, issue 29; `FieldWork` keeps the on-site
    /// customers per day they are made from).
    package static func visitsAndPlans(_ inputs: MetricInputs, _ ctx: MetricContext) -> VisitQuotaReport {
        var report = VisitQuotaReport(hasPlans: inputs.hasVisitPlans)
        report.quotaOn = ctx.config.visits.dailyQuota.values.contains { $0 > 0 }
        if report.hasPlans { (report.plans, report.missedPlans) = plans(inputs, ctx) }
        return report
    }

    /// The business calendar's working days (whatever `calendar` says) from the period
    /// start to as_of's date, exclusive.
    package static func workingDays(_ ctx: MetricContext) -> [CivilDate] {
        let calendar = ctx.calendar
        let last = min(ctx.period.end, ctx.clock.localDate(ofEpoch: ctx.asOf))
        var days: [CivilDate] = []
        var day = ctx.period.start
        while day < last {
            if calendar.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// Per manager and working day of the period by as_of: the distinct customers with an
    /// on-site visit starting that day.
    package static func onSiteCustomers(_ inputs: MetricInputs, _ ctx: MetricContext) -> [String: [CivilDate: Int]] {
        let working = Set(workingDays(ctx))
        var customers: [String: [CivilDate: Set<String>]] = [:]
        for x in inputs.visits where x.type == "on_site" && ctx.inPeriod(x.start) && x.start <= ctx.asOf {
            let day = ctx.clock.localDate(ofEpoch: x.start)
            guard working.contains(day) else { continue }
            customers[x.managerID, default: [:]][day, default: []].insert(x.customerID)
        }
        return customers.mapValues { $0.mapValues(\.count) }
    }

    /// The listed managers whose territory has a quota, against it.
    package static func quotas(_ onSite: [String: [CivilDate: Int]], managers listed: Set<String>, _ managers: [MetricInputs.Manager],
                               _ ctx: MetricContext) -> [VisitQuota] {
        let days = workingDays(ctx)
        let territory = Dictionary(managers.map { ($0.id, $0.territory) }, uniquingKeysWith: { a, _ in a })
        return listed.sorted().compactMap { id in
            let t = territory[id] ?? Territory.defaultValue
            guard let quota = ctx.config.visits.dailyQuota[t], quota > 0 else { return nil }
            let perDay = days.map { onSite[id]?[$0] ?? 0 }
            let atQuota = perDay.filter { $0 >= quota }.count
            return VisitQuota(managerID: id, territory: t, quota: quota, workingDays: days.count, daysAtQuota: atQuota,
                              quotaRate: Statistics.rate(atQuota, days.count),
                              meanCustomersPerDay: days.isEmpty ? nil : Double(perDay.reduce(0, +)) / Double(days.count),
                              daysShort: zip(days, perDay).filter { $0.1 < quota }.map(\.0))
        }
    }

    package static func plans(_ inputs: MetricInputs, _ ctx: MetricContext) -> ([VisitPlanSummary], VisitPlanList) {
        let tolerance = ctx.config.visits.planToleranceDays
        let asOfDate = ctx.clock.localDate(ofEpoch: ctx.asOf)
        let calendar = ctx.calendar
        // A manager, customer and local day as three numbers, in flat sorted arrays: a set of days
        // per manager and customer was ~70 MB on the bank-sized set's month (issue 10), flat sets
        // 27 MB at the metrics' peak, these 12 bytes a day (issue 29).
        var numbers = IDNumbers(inputs)
        // The local days of each manager's counting visits to each customer, by as_of.
        var visited: [PlanDay] = []
        var inPeriod: [PlanDay] = []
        for x in inputs.visits where ctx.config.visits.countingTypes.contains(x.type) && x.start <= ctx.asOf {
            let visit = PlanDay(manager: numbers.manager(x.managerID), customer: numbers.customer(x.customerID),
                                day: Int32(ctx.clock.localDate(ofEpoch: x.start).daysSinceEpoch))
            visited.append(visit)
            if ctx.inPeriod(x.start) { inPeriod.append(visit) }
        }
        visited.sort()
        var planned = inputs.visitPlans.map {
            PlanDay(manager: numbers.manager($0.managerID), customer: numbers.customer($0.customerID), day: Int32($0.plannedDate.daysSinceEpoch))
        }
        planned.sort()
        /// Whether `days` holds `at`'s manager and customer on a day within the tolerance of its day.
        func near(_ days: [PlanDay], _ at: PlanDay) -> Bool {
            var from = at
            from.day -= Int32(tolerance)
            let first = days.partitioningIndex { $0 < from }
            guard first < days.count else { return false }
            let found = days[first]
            return found.manager == at.manager && found.customer == at.customer && found.day <= at.day + Int32(tolerance)
        }

        var summaries: [String: VisitPlanSummary] = [:]
        var missed: [MetricInputs.VisitPlan] = []
        func update(_ manager: String, _ body: (inout VisitPlanSummary) -> Void) {
            for key in [manager, ""] { body(&summaries[key, default: VisitPlanSummary(managerID: key)]) }
        }
        for p in inputs.visitPlans where p.plannedDate >= ctx.period.start && p.plannedDate < ctx.period.end {
            let plan = PlanDay(manager: numbers.manager(p.managerID), customer: numbers.customer(p.customerID), day: Int32(p.plannedDate.daysSinceEpoch))
            let onTime = p.submittedAt.map { $0 < filingDeadline(for: p.plannedDate, calendar, ctx.clock) } ?? false
            let due = p.plannedDate < asOfDate
            let done = due && near(visited, plan)
            if due && !done { missed.append(p) }
            update(p.managerID) { s in
                s.plans += 1
                if onTime { s.plansOnTime += 1 }
                if due { s.plansDue += 1 }
                if done { s.plansDone += 1 }
            }
        }
        for visit in inPeriod {
            let unplanned = !near(planned, visit)
            update(numbers.managerID(visit.manager)) { s in
                s.countingVisits += 1
                if unplanned { s.unplannedVisits += 1 }
            }
        }
        missed.sort { ($0.plannedDate, $0.managerID, $0.customerID) < ($1.plannedDate, $1.managerID, $1.customerID) }
        return (summaries.keys.sorted().map { summaries[$0]! }, VisitPlanList(missed))  // the missed plans are kept to the end of the run
    }

    /// A plan for month M is on time when submitted before the midnight that ends the
    /// last working day of month M − 1 (the tobacco handbook's 每月最后一个工作日).
    package static func filingDeadline(for planned: CivilDate, _ calendar: WorkCalendar, _ clock: ZoneClock) -> Int {
        let monthStart = CivilDate(year: planned.year, month: planned.month, day: 1)
        var day = monthStart.adding(days: -1)
        let floor = monthStart.adding(months: -1)
        while day >= floor, !calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        if day < floor { day = monthStart.adding(days: -1) }  // a month without a working day: its last day
        return clock.epoch(date: day.adding(days: 1))
    }
}

/// A manager, a customer and a local day, as numbers (`IDNumbers`), ordered by the three.
private struct PlanDay: Comparable {
    var manager: Int32
    var customer: Int32
    var day: Int32

    static func < (a: PlanDay, b: PlanDay) -> Bool { (a.manager, a.customer, a.day) < (b.manager, b.customer, b.day) }
}

/// Managers and customers as numbers: a customer's position in the list, a manager's in the
/// order first seen; an id the customer list lacks gets a number past the list's end.
private struct IDNumbers {
    private let positions: CustomerPositions
    private var otherCustomers: [String: Int32] = [:]
    private var managers: [String: Int32] = [:]
    private var managerIDs: [String] = []

    init(_ inputs: MetricInputs) { positions = inputs.positions }

    mutating func customer(_ id: String) -> Int32 {
        if let p = positions[id] { return Int32(p) }
        if let n = otherCustomers[id] { return n }
        let n = Int32(positions.count + otherCustomers.count)
        otherCustomers[id] = n
        return n
    }

    mutating func manager(_ id: String) -> Int32 {
        if let n = managers[id] { return n }
        managers[id] = Int32(managerIDs.count)
        managerIDs.append(id)
        return Int32(managerIDs.count - 1)
    }

    func managerID(_ number: Int32) -> String { managerIDs[Int(number)] }
}
