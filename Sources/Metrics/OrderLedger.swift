import ScorecardModel
import ScorecardWarehouse

/// The orders folded for a period (SPEC §3.1, §3.5): each customer's 12-month ledger, which the
/// warehouse aggregates in the engine (`customerLedgers`) or `add` builds order by order (tests,
/// by the same definition, `LedgerWindow.contribution`), and the per-manager sums of the period.
public struct OrderLedger: Sendable {
    /// A customer's sums, kept small (1.1 M customers): counts in 32 bits.
    package struct Customer: Sendable {
        package var salesCents: Int128 = 0
        package var profitCents: Int128 = 0
        /// Orders due in the window before as_of: Σ amount and Σ amount·days late (in cents,
        /// exact, so the result does not depend on the order of the rows), count, on time.
        package var dueCents: Int128 = 0
        package var lateCentDays: Int128 = 0
        package var lateDays: Int32 = 0
        package var due: Int32 = 0
        package var onTime: Int32 = 0

        mutating func merge(_ l: CustomerLedger) {
            salesCents += l.salesCents
            profitCents += l.profitCents
            dueCents += l.dueCents
            lateCentDays += l.lateCentDays
            lateDays += Int32(l.lateDays)
            due += Int32(l.due)
            onTime += Int32(l.onTime)
        }
    }

    /// A customer's sums in 64 bits and its first order: 48 bytes, where `Customer` takes 80 (its
    /// 128-bit sums align to 16 bytes) and the first order 8 more. Cents in 64 bits reach 9.2 ×
    /// 10¹⁶ yuan (cent-days as far); a customer past that moves to `wideTotals`, so no sum is ever
    /// cut.
    private struct PackedCustomer: Sendable {
        var salesCents: Int64 = 0
        var profitCents: Int64 = 0
        var dueCents: Int64 = 0
        var lateCentDays: Int64 = 0
        var lateDays: Int32 = 0
        var due: Int32 = 0
        var onTime: Int32 = 0
        /// The first order in seconds from the ledger's period end, in the room the alignment
        /// leaves (the bank-shaped set: 8.8 MB at grading's peak, issue 29): `none` without one,
        /// `far` when it lies 68 years or more away, kept in `farFirstOrders`.
        var firstOrder: Int32 = Self.none
        static let none = Int32.max
        static let far = Int32.min

        /// Adds `l`; false, and unchanged, when a sum would not fit in 64 bits.
        mutating func merge(_ l: CustomerLedger) -> Bool {
            guard let sales = Int64(exactly: Int128(salesCents) + l.salesCents),
                  let profit = Int64(exactly: Int128(profitCents) + l.profitCents),
                  let due = Int64(exactly: Int128(dueCents) + l.dueCents),
                  let late = Int64(exactly: Int128(lateCentDays) + l.lateCentDays) else { return false }
            (salesCents, profitCents, dueCents, lateCentDays) = (sales, profit, due, late)
            lateDays += Int32(l.lateDays)
            self.due += Int32(l.due)
            onTime += Int32(l.onTime)
            return true
        }

        var whole: Customer {
            var c = Customer()
            (c.salesCents, c.profitCents, c.dueCents, c.lateCentDays) = (Int128(salesCents), Int128(profitCents), Int128(dueCents), Int128(lateCentDays))
            (c.lateDays, c.due, c.onTime) = (lateDays, due, onTime)
            return c
        }
    }

    /// The windows the customers' ledgers are summed over (SPEC §3.1).
    package let window: LedgerWindow
    private let end: Int
    private let periodStart: Int
    private let periodStartDate: CivilDate
    private let endDate: CivilDate
    private let asOfDate: CivilDate
    /// The registered customers' positions in the customer list; their totals and first
    /// orders in arrays by position. String-keyed dictionaries of 1.1 M customers' totals and
    /// first orders were ~0.28 GB; these were ~0.1 GB (issue 10) and are 62 MB with the totals in
    /// 64 bits (issue 29). A customer whose sums outgrow 64 bits is kept whole in `wideTotals`.
    private var positions = CustomerPositions()
    private var totalsByPosition = ChunkedArray<PackedCustomer>()
    private var wideTotals: [Int: Customer] = [:]
    /// The first orders too far from the period end for `PackedCustomer`, by position.
    private var farFirstOrders: [Int: Int] = [:]
    /// Customers not registered (an order of a customer the list lacks; tests that never register).
    private var otherTotals: [String: Customer] = [:]
    private var otherFirstOrder: [String: Int] = [:]
    /// Completed sales in the period by the order's manager, in cents.
    package private(set) var managerSalesCents: [String: Int128] = [:]
    /// Completed sales by the order's manager whose payment arrived in the period, by
    /// as_of (`ranking.sales_basis: paid`, SPEC §3.5), in cents.
    package private(set) var managerPaidSalesCents: [String: Int128] = [:]
    /// Managers with any order (any status) in the period.
    package private(set) var managersWithOrders: Set<String> = []
    /// Open orders of the period by the order's manager (SPEC §2.7: counted, never a sale).
    package private(set) var managerOpenOrders: [String: OpenOrders] = [:]

    public init(_ ctx: MetricContext) {
        let windowStartDate = ctx.period.end.adding(months: -ctx.config.grading.windowMonths)
        asOfDate = ctx.clock.localDate(ofEpoch: ctx.asOf)
        // Due before as_of: a due day counts once it has begun (its midnight is before as_of).
        let firstDayNotBegun = ctx.clock.epoch(date: asOfDate) < ctx.asOf ? asOfDate.adding(days: 1) : asOfDate
        window = LedgerWindow(salesFrom: ctx.clock.epoch(date: windowStartDate), salesTo: ctx.end, dueFrom: windowStartDate,
                              dueTo: min(ctx.period.end, firstDayNotBegun), asOfDate: asOfDate)
        end = ctx.end
        periodStart = ctx.start
        periodStartDate = ctx.period.start
        endDate = ctx.period.end
    }

    /// What the per-manager sums and the receivables read of the orders (`OrderSelection`).
    package var selection: OrderSelection {
        OrderSelection(placedFrom: periodStart, placedTo: end, periodStart: periodStartDate, periodEnd: endDate, asOfDate: asOfDate)
    }

    /// The customers the metrics grade (`MetricInputs.positions`), before any order is added.
    public mutating func register(_ customers: CustomerPositions) {
        positions = customers
        totalsByPosition = ChunkedArray(repeating: PackedCustomer(), count: customers.count)
    }

    /// A customer's 12-month totals (zero without orders).
    package func totals(of id: String) -> Customer {
        if let p = positions[id] { return wideTotals[p] ?? totalsByPosition[p].whole }
        return otherTotals[id] ?? Customer()
    }

    /// A customer's earliest order (any status) before the period's end.
    package func firstOrder(of id: String) -> Int? {
        if let p = positions[id] { return firstOrder(at: p) }
        return otherFirstOrder[id]
    }

    private func firstOrder(at p: Int) -> Int? {
        switch totalsByPosition[p].firstOrder {
        case PackedCustomer.none: return nil
        case PackedCustomer.far: return farFirstOrders[p]
        case let offset: return end + Int(offset)
        }
    }

    /// Releases the per-customer totals and first orders once the grades hold them (issue 10:
    /// ~0.1 GB on 1.1 M customers); the per-manager sums stay.
    public mutating func releaseCustomerTotals() {
        positions = CustomerPositions()
        totalsByPosition = ChunkedArray()
        wideTotals = [:]
        farFirstOrders = [:]
        otherTotals = [:]
        otherFirstOrder = [:]
    }

    /// Releases the totals and first orders of the registered customers at positions below
    /// `position`, whose grades' figures are made (`CustomerGrading.figures(releasingTotalsOf:)`).
    package mutating func releaseCustomerTotals(below position: Int) {
        totalsByPosition.release(below: position)
    }

    /// One order: its part of its customer's ledger and of its manager's sums.
    public mutating func add(_ o: MetricInputs.Order) {
        fold(window.contribution(of: o))
        addToManager(o)
    }

    /// A customer's ledger (or a part of it), as the warehouse sums it.
    package mutating func fold(_ ledger: CustomerLedger) {
        if let p = positions[ledger.customerID] {
            if (!wideTotals.isEmpty && wideTotals[p] != nil) || !totalsByPosition[p].merge(ledger) {
                wideTotals[p, default: totalsByPosition[p].whole].merge(ledger)
            }
            if let t = ledger.firstOrder, t < firstOrder(at: p) ?? .max {
                if let offset = Int32(exactly: t - end), offset != PackedCustomer.none, offset != PackedCustomer.far {
                    totalsByPosition[p].firstOrder = offset
                } else {
                    totalsByPosition[p].firstOrder = PackedCustomer.far
                    farFirstOrders[p] = t
                }
            }
        } else {
            otherTotals[ledger.customerID, default: Customer()].merge(ledger)
            if let t = ledger.firstOrder, t < otherFirstOrder[ledger.customerID] ?? .max { otherFirstOrder[ledger.customerID] = t }
        }
    }

    /// An order's part of its manager's sums of the period: orders placed, sales, open orders,
    /// and sales paid in the period (SPEC §3.5, §2.7).
    package mutating func addToManager(_ o: MetricInputs.Order) {
        if o.at >= periodStart && o.at < end {
            managersWithOrders.insert(o.managerID)
            if o.completed { managerSalesCents[o.managerID, default: 0] += LedgerWindow.cents(o.amount) }
            if o.open { managerOpenOrders[o.managerID, default: OpenOrders()].add(LedgerWindow.cents(o.amount)) }
        }
        guard o.completed, let paid = o.paidDate, paid <= asOfDate, paid >= periodStartDate, paid < endDate else { return }
        managerPaidSalesCents[o.managerID, default: 0] += LedgerWindow.cents(o.amount)
    }
}
