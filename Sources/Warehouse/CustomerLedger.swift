import ScorecardModel

/// One customer's order ledger for grading (SPEC §3.1), as the engine aggregates it by
/// `GROUP BY customer_id` (SPEC §9: Citus runs it on the workers): money in cents, exact.
public struct CustomerLedger: Sendable, Equatable {
    public var customerID: String
    /// Completed orders placed in the 12-month window: Σ amount, Σ (amount − cost) of those with a cost.
    public var salesCents: Int128 = 0
    public var profitCents: Int128 = 0
    /// Completed orders due in the window before as_of: Σ amount, Σ amount·days late, Σ days
    /// late, how many, how many paid on time (by as_of; paid after as_of is unpaid).
    public var dueCents: Int128 = 0
    public var lateCentDays: Int128 = 0
    public var lateDays: Int = 0
    public var due: Int = 0
    public var onTime: Int = 0
    /// The earliest order (any status) placed before the period end, an instant.
    public var firstOrder: Int?

    public init(customerID: String) { self.customerID = customerID }

    /// Adds `other`'s sums (the same customer).
    public mutating func merge(_ other: CustomerLedger) {
        salesCents += other.salesCents
        profitCents += other.profitCents
        dueCents += other.dueCents
        lateCentDays += other.lateCentDays
        lateDays += other.lateDays
        due += other.due
        onTime += other.onTime
        if let t = other.firstOrder { firstOrder = min(firstOrder ?? t, t) }
    }
}

/// The windows of the ledger (SPEC §3.1): orders placed in `[salesFrom, salesTo)` count as
/// sales; orders due in `[dueFrom, dueTo)` count for payment, late by the days from the due
/// date to the payment (or to `asOfDate` when unpaid by then); first orders before `salesTo`.
public struct LedgerWindow: Sendable, Equatable {
    public var salesFrom: Int
    public var salesTo: Int
    public var dueFrom: CivilDate
    /// Exclusive: the window's end, or the first day not yet begun at as_of when earlier.
    public var dueTo: CivilDate
    public var asOfDate: CivilDate

    public init(salesFrom: Int, salesTo: Int, dueFrom: CivilDate, dueTo: CivilDate, asOfDate: CivilDate) {
        self.salesFrom = salesFrom
        self.salesTo = salesTo
        self.dueFrom = dueFrom
        self.dueTo = dueTo
        self.asOfDate = asOfDate
    }

    /// Days late of a payment due on `due`: from the due date to the payment, or to as_of's
    /// date when not paid by then; never negative.
    public func daysLate(due: CivilDate, paid: CivilDate?) -> Int {
        let settled = paid.flatMap { $0 <= asOfDate ? $0 : nil } ?? asOfDate
        return max(0, settled.daysSinceEpoch - due.daysSinceEpoch)
    }

    /// One order's part of its customer's ledger (SPEC §3.1): the definition the engine's `GROUP BY`
    /// sums (`SQLSession+Ledger.swift` writes it in SQL: keep the two alike; `OrderLedgerTests`).
    public func contribution(of o: OrderRecord) -> CustomerLedger {
        var c = CustomerLedger(customerID: o.customerID)
        if o.at < salesTo { c.firstOrder = o.at }
        guard o.completed else { return c }
        let cents = Self.cents(o.amount)
        if o.at >= salesFrom && o.at < salesTo {
            c.salesCents = cents
            if let cost = o.cost { c.profitCents = cents - Self.cents(cost) }
        }
        if let due = o.dueDate, due >= dueFrom, due < dueTo {
            let late = daysLate(due: due, paid: o.paidDate)
            c.dueCents = cents
            c.lateCentDays = cents * Int128(late)
            c.lateDays = late
            c.due = 1
            c.onTime = late == 0 ? 1 : 0
        }
        return c
    }

    /// Cents in 128 bits, rounded half away from zero: sums of many large orders, and amount ×
    /// days late, cannot overflow here (amounts are at most `MoneyRule.maximum` from ingest). The
    /// engine's sums (`SQLSession+Ledger`, `SQLDialect.cents`) are the same rule in SQL — SQLite's
    /// in 64 bits, refused when past them — and `OrderRecord.paidDate(by:)` the same as_of rule.
    public static func cents(_ amount: Double) -> Int128 { Int128((amount * 100).rounded()) }
}

/// The orders a period's per-manager figures and receivables read (SPEC §3.5, §3.7), a superset
/// the metrics cut exactly: placed in `[placedFrom, placedTo)` (instants), paid in
/// `[periodStart, periodEnd)`, or completed with a due date and either unpaid at `asOfDate` or
/// due in the period.
public struct OrderSelection: Sendable, Equatable {
    public var placedFrom: Int
    public var placedTo: Int
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    public var asOfDate: CivilDate

    public init(placedFrom: Int, placedTo: Int, periodStart: CivilDate, periodEnd: CivilDate, asOfDate: CivilDate) {
        self.placedFrom = placedFrom
        self.placedTo = placedTo
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.asOfDate = asOfDate
    }
}
