import ScorecardModel
import ScorecardWarehouse

/// The overdue buckets of SPEC §3.7: upper bounds in days, [30, 60, 90] giving
/// 1–30, 31–60, 61–90 and 91+.
public struct OverdueBuckets: Sendable, Equatable {
    public var upperBounds: [Int]

    public init(_ upperBounds: [Int]) { self.upperBounds = upperBounds }

    public var count: Int { upperBounds.count + 1 }

    /// The bucket of an order `days` overdue (≥ 1).
    public func index(days: Int) -> Int { upperBounds.firstIndex { days <= $0 } ?? upperBounds.count }

    /// `1-30`, `31-60`, `61-90`, `91+`.
    public var labels: [String] {
        ranges.map { r in r.upper.map { $0 == r.lower ? "\($0)" : "\(r.lower)-\($0)" } ?? "\(r.lower)+" }
    }

    /// Table columns (SPEC §4.3): `overdue_1_30`, …, `overdue_91_plus`.
    public var columnNames: [String] {
        ranges.map { r in r.upper.map { "overdue_\(r.lower)_\($0)" } ?? "overdue_\(r.lower)_plus" }
    }

    private var ranges: [(lower: Int, upper: Int?)] {
        var lower = 1
        var out: [(Int, Int?)] = []
        for bound in upperBounds {
            out.append((lower, bound))
            lower = bound + 1
        }
        return out + [(lower, nil)]
    }
}

/// Receivables of one manager — the orders' manager — or of all (`managerID` "")
/// at as_of, and the collection of the amount that fell due in the period
/// (SPEC §3.7; table `receivables`).
public struct ReceivablesSummary: Sendable, Equatable {
    public var managerID: String
    public var outstanding = 0.0
    public var notYetDue = 0.0
    public var overdue = 0.0
    /// Overdue amount per bucket, in the order of `OverdueBuckets.labels`.
    public var overdueByBucket: [Double]
    public var overdueOrders = 0
    public var oldestDaysOverdue: Int?
    /// Σ amount of the orders due in the period (before as_of's date).
    public var amountDue = 0.0
    /// Σ paid by as_of / amount due (收缴率); nil when nothing fell due.
    public var collectionRate: Double?
    /// Σ paid on or before the due date / amount due.
    public var onTimeCollectionRate: Double?
}

/// A customer with an overdue amount: the chase list (催缴清单).
public struct ChaseItem: Sendable, Equatable {
    public var customerID: String
    /// The customer's manager at the period end: the one who chases.
    public var managerID: String
    public var grade: Grade?
    public var overdueAmount: Double
    public var oldestDaysOverdue: Int
    public var bucket: Int
    /// The latest counting visit by as_of, by anyone (SPEC §3.3).
    public var lastVisit: Int?
    /// That visit's date is after the oldest overdue due date: visited since it fell behind.
    public var visitedSinceOverdue: Bool
}

public struct ReceivablesReport: Sendable {
    public var buckets: OverdueBuckets
    public var overall: ReceivablesSummary
    public var managers: [ReceivablesSummary] = []
    public var chaseList: [ChaseItem] = []
    /// The overall overdue amount of the previous period of the same kind, if stored.
    public var previousOverdue: Double?
    /// Each manager's account in cents, from which any set of managers' overall row is summed (SPEC §4.4).
    package var accounts: [String: ReceivablesLedger.Account] = [:]

    public func manager(_ id: String) -> ReceivablesSummary? { managers.first { $0.managerID == id } }
}

/// Completed orders with a due date, folded as they stream from the warehouse
/// (SPEC §3.7): per order's manager the outstanding amounts at as_of and the
/// collection of the period, per customer the overdue amount. Exact cents.
public struct ReceivablesLedger: Sendable {
    package struct Account: Sendable {
        package var outstanding: Int128 = 0
        package var notYetDue: Int128 = 0
        package var overdue: Int128 = 0
        package var byBucket: [Int128]
        package var overdueOrders = 0
        package var oldestDays: Int?
        package var due: Int128 = 0
        package var paid: Int128 = 0
        package var paidOnTime: Int128 = 0

        package init(buckets: Int) { byBucket = Array(repeating: 0, count: buckets) }

        package mutating func merge(_ o: Account) {
            outstanding += o.outstanding
            notYetDue += o.notYetDue
            overdue += o.overdue
            for i in byBucket.indices { byBucket[i] += o.byBucket[i] }
            overdueOrders += o.overdueOrders
            oldestDays = [oldestDays, o.oldestDays].compactMap { $0 }.max()
            due += o.due
            paid += o.paid
            paidOnTime += o.paidOnTime
        }
    }

    package struct Debtor: Sendable {
        package var overdue: Int128 = 0
        package var oldestDue: CivilDate
        /// The manager of an overdue order of it, for a customer missing from the list.
        package var orderManager: String
    }

    package let buckets: OverdueBuckets
    private let asOf: Int
    private let asOfDate: CivilDate
    private let periodStart: CivilDate
    private let periodEnd: CivilDate
    private let clock: ZoneClock
    package private(set) var accounts: [String: Account] = [:]
    package private(set) var debtors: [String: Debtor] = [:]

    public init(_ ctx: MetricContext) {
        buckets = OverdueBuckets(ctx.config.receivables.buckets)
        asOf = ctx.asOf
        asOfDate = ctx.clock.localDate(ofEpoch: ctx.asOf)
        periodStart = ctx.period.start
        periodEnd = ctx.period.end
        clock = ctx.clock
    }

    public mutating func add(_ o: MetricInputs.Order) {
        // An order placed after as_of has not happened yet (SPEC §3).
        guard o.completed, let due = o.dueDate, o.at <= asOf else { return }
        // Paid after as_of counts as not paid.
        let paid = o.paidDate(by: asOf, clock)
        // Collection: due in the period and before as_of's date.
        let fellDue = due >= periodStart && due < periodEnd && due < asOfDate
        // Most orders are settled and fell due in an earlier period: nothing to record.
        guard paid == nil || fellDue else { return }
        let cents = LedgerWindow.cents(o.amount)
        // Due on as_of's date is not yet overdue; days overdue ≥ 1.
        let daysOverdue = paid == nil && due < asOfDate ? asOfDate.daysSinceEpoch - due.daysSinceEpoch : nil
        // In place (no copy of the account per order).
        accounts[o.managerID, default: Account(buckets: buckets.count)]
            .record(cents, daysOverdue: daysOverdue, bucket: daysOverdue.map(buckets.index), unpaid: paid == nil,
                    fellDue: fellDue, onTime: paid.map { $0 <= due } ?? false)
        if daysOverdue != nil {
            debtors[o.customerID, default: Debtor(oldestDue: due, orderManager: o.managerID)].record(cents, due: due)
        }
    }
}

extension ReceivablesLedger.Account {
    package mutating func record(_ cents: Int128, daysOverdue: Int?, bucket: Int?, unpaid: Bool, fellDue: Bool, onTime: Bool) {
        if unpaid {
            outstanding += cents
            if let daysOverdue, let bucket {
                overdue += cents
                byBucket[bucket] += cents
                overdueOrders += 1
                oldestDays = max(oldestDays ?? 0, daysOverdue)
            } else {
                notYetDue += cents
            }
        }
        if fellDue {
            due += cents
            if !unpaid {
                paid += cents
                if onTime { paidOnTime += cents }
            }
        }
    }
}

extension ReceivablesLedger.Debtor {
    package mutating func record(_ cents: Int128, due: CivilDate) {
        overdue += cents
        oldestDue = min(oldestDue, due)
    }
}

extension ReceivablesReport {
    /// Only `managers`' rows and chase list, the overall row summed from their accounts alone;
    /// no previous overdue amount (it was the organisation's, SPEC §4.4).
    package func restricted(to managers: Set<String>) -> ReceivablesReport {
        var all = ReceivablesLedger.Account(buckets: buckets.count)
        for (id, a) in accounts where managers.contains(id) { all.merge(a) }
        var cut = ReceivablesReport(buckets: buckets, overall: ReceivablesMetrics.summary("", all))
        cut.managers = self.managers.filter { managers.contains($0.managerID) }
        cut.accounts = accounts.filter { managers.contains($0.key) }
        cut.chaseList = chaseList.filter { managers.contains($0.managerID) }
        return cut
    }
}

/// SPEC §3.7: receivables per manager and overall, collection, and the chase list.
package enum ReceivablesMetrics {
    package static func compute(_ inputs: MetricInputs, grades: PerCustomer<Grade>, _ ctx: MetricContext) -> ReceivablesReport {
        let ledger = inputs.receivables
        var all = ReceivablesLedger.Account(buckets: ledger.buckets.count)
        for a in ledger.accounts.values { all.merge(a) }
        var report = ReceivablesReport(buckets: ledger.buckets, overall: summary("", all))
        report.managers = ledger.accounts.keys.sorted().map { summary($0, ledger.accounts[$0]!) }
        report.accounts = ledger.accounts
        report.previousOverdue = inputs.previousOverdue

        let asOfDate = ctx.clock.localDate(ofEpoch: ctx.asOf)
        report.chaseList = ledger.debtors.map { id, d in
            let days = asOfDate.daysSinceEpoch - d.oldestDue.daysSinceEpoch
            let last = inputs.lastVisits[id]?.counting
            return ChaseItem(customerID: id, managerID: inputs.customer(id)?.managerID ?? d.orderManager, grade: grades[id],
                             overdueAmount: Double(d.overdue) / 100, oldestDaysOverdue: days,
                             bucket: ledger.buckets.index(days: days), lastVisit: last,
                             visitedSinceOverdue: last.map { ctx.clock.localDate(ofEpoch: $0) > d.oldestDue } ?? false)
        }.sorted { (-$0.overdueAmount, $0.customerID) < (-$1.overdueAmount, $1.customerID) }
        return report
    }

    package static func summary(_ managerID: String, _ a: ReceivablesLedger.Account) -> ReceivablesSummary {
        func money(_ c: Int128) -> Double { Double(c) / 100 }
        func share(_ c: Int128) -> Double? { a.due > 0 ? Double(c) / Double(a.due) : nil }
        return ReceivablesSummary(managerID: managerID, outstanding: money(a.outstanding), notYetDue: money(a.notYetDue),
                                  overdue: money(a.overdue), overdueByBucket: a.byBucket.map(money),
                                  overdueOrders: a.overdueOrders, oldestDaysOverdue: a.oldestDays, amountDue: money(a.due),
                                  collectionRate: share(a.paid), onTimeCollectionRate: share(a.paidOnTime))
    }
}
