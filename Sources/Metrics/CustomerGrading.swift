import Foundation
import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// How a grade moved against the previous period of the same kind.
public enum GradeChange: String, Sendable {
    case upgrade, downgrade, same, new
}

/// Why a customer has its grade (SPEC §4.1.1 `grade_reason`): every reason that applies.
public enum GradeReason: Sendable, Equatable, CustomStringConvertible {
    /// The Pareto grade on the basis's share (before any downgrade).
    case share(Grade, GradingSettings.Basis)
    /// The composite method's grade.
    case composite(Grade)
    /// Lowered one step for paying late (`from` the grade before; C stays C).
    case downgraded(averageDaysLate: Double, from: Grade)
    /// Younger than `provisional_months`.
    case provisional(firstActivity: CivilDate)
    /// No positive sales (or profit) in the window: C.
    case noSales

    /// English, as the warehouse stores it (`customer_grades.grade_reason`); the reports translate.
    public var description: String {
        switch self {
        case .share(let g, let basis): return "\(g.rawValue) by \(basis.rawValue) share"
        case .composite(let g): return "\(g.rawValue) by composite score"
        case .downgraded(let days, let from):
            let late = "\(String(format: "%.1f", days)) days late on average"
            return from == .C ? "late payer, already C: \(late)" : "downgraded \(from.rawValue)→\(from.lowered.rawValue): \(late)"
        case .provisional(let date): return "provisional: first activity \(date)"
        case .noSales: return "no sales"
        }
    }
}

/// One customer's grade for a period (SPEC §3.1; table `customer_grades`): its ids and the
/// figures. `CustomerGrades` keeps the period's grades as figures beside the customer list's
/// ids, and makes these as they are read.
public struct CustomerGrade: Sendable, Equatable {
    public var customerID: String
    public var managerID: String
    public var figures: GradeFigures

    public init(customerID: String, managerID: String, figures: GradeFigures) {
        self.customerID = customerID
        self.managerID = managerID
        self.figures = figures
    }

    public init(customerID: String, managerID: String, sales12m: Double, profit12m: Double, avgDaysLate: Double?, onTimeRate: Double?,
                firstActivity: Int?, grade: Grade, provisional: Bool, previousGrade: Grade?) {
        self.init(customerID: customerID, managerID: managerID,
                  figures: GradeFigures(sales12m: sales12m, profit12m: profit12m, avgDaysLate: avgDaysLate, onTimeRate: onTimeRate,
                                        firstActivity: firstActivity, grade: grade, provisional: provisional, previousGrade: previousGrade))
    }

    public var sales12m: Double { figures.sales12m }
    public var profit12m: Double { figures.profit12m }
    public var avgDaysLate: Double? { figures.avgDaysLate }
    public var onTimeRate: Double? { figures.onTimeRate }
    public var firstActivity: Int? { figures.firstActivity }
    public var grade: Grade { figures.grade }
    public var provisional: Bool { figures.provisional }
    public var previousGrade: Grade? { figures.previousGrade }
    public var reasons: [GradeReason] { figures.reasons }
    public var change: GradeChange { figures.change }
}

/// A customer's grade and what it was made from (SPEC §3.1), without the customer's ids.
///
/// The optional figures are `@Unpadded`; the grade and whether it is provisional share a byte,
/// as the grading rule's reason takes one: 48 bytes a customer (1.1 M customers: with the ids in
/// every grade 97 MB, without them 62 MB, packed 53 MB; issues 10, 29).
public struct GradeFigures: Sendable, Equatable {
    public var sales12m: Double
    public var profit12m: Double
    @Unpadded public var avgDaysLate: Double?
    @Unpadded public var onTimeRate: Double?
    /// The earliest of `since` and the first order before the period end (SPEC §3.1):
    /// decides provisional here and "new customer" in SPEC §3.8.
    @Unpadded public var firstActivity: Int?
    /// The local day of the first activity, when the grade is provisional.
    @Unpadded package var provisionalDay: Int32? = nil
    /// The grade's position in `Grade.allCases`, with `provisionalFlag` set when provisional.
    private var gradeAndProvisional: UInt8
    public var previousGrade: Grade?
    /// `ruling`, coded in a byte.
    private var rulingCode: UInt8 = Ruling.noSales.code
    /// The grade before the late-payment downgrade, when one applied.
    package var downgradedFrom: Grade?

    private static let provisionalFlag: UInt8 = 0x80

    public init(sales12m: Double, profit12m: Double, avgDaysLate: Double?, onTimeRate: Double?, firstActivity: Int?, grade: Grade,
                provisional: Bool, previousGrade: Grade?) {
        self.sales12m = sales12m
        self.profit12m = profit12m
        self.avgDaysLate = avgDaysLate
        self.onTimeRate = onTimeRate
        self.firstActivity = firstActivity
        gradeAndProvisional = grade.code | (provisional ? Self.provisionalFlag : 0)
        self.previousGrade = previousGrade
    }

    public var grade: Grade {
        get { Grade(code: gradeAndProvisional & ~Self.provisionalFlag)! }
        set { gradeAndProvisional = newValue.code | (gradeAndProvisional & Self.provisionalFlag) }
    }

    public var provisional: Bool {
        get { gradeAndProvisional & Self.provisionalFlag != 0 }
        set { gradeAndProvisional = newValue ? gradeAndProvisional | Self.provisionalFlag : gradeAndProvisional & ~Self.provisionalFlag }
    }

    /// The grading rule's own reason, before any adjustment.
    package var ruling: Ruling {
        get { Ruling(code: rulingCode) }
        set { rulingCode = newValue.code }
    }

    /// The rule that set a grade before adjustments: kept in one byte, not as an array of
    /// reasons per customer (1.1 M customers: ~70 MB, issue 10).
    package enum Ruling: Sendable, Equatable {
        case share(Grade, GradingSettings.Basis)
        case composite(Grade)
        case noSales

        /// 0: no sales; 1 + grade: composite; 4 + grade, +3 on profit: a share.
        fileprivate var code: UInt8 {
            switch self {
            case .noSales: return 0
            case .composite(let g): return 1 + g.code
            case .share(let g, let basis): return 4 + g.code + (basis == .profit ? 3 : 0)
            }
        }

        fileprivate init(code: UInt8) {
            switch code {
            case 0: self = .noSales
            case 1...3: self = .composite(Grade(code: code - 1)!)
            default:
                let share = code - 4
                self = .share(Grade(code: share % 3)!, share >= 3 ? .profit : .sales)
            }
        }
    }

    /// Every reason that applies, in order: the rule, a downgrade, provisional (SPEC §4.1.1).
    public var reasons: [GradeReason] {
        var out: [GradeReason]
        switch ruling {
        case .share(let g, let basis): out = [.share(g, basis)]
        case .composite(let g): out = [.composite(g)]
        case .noSales: out = [.noSales]
        }
        if let from = downgradedFrom { out.append(.downgraded(averageDaysLate: avgDaysLate ?? 0, from: from)) }
        if let day = provisionalDay { out.append(.provisional(firstActivity: CivilDate(daysSinceEpoch: Int(day)))) }
        return out
    }

    public var change: GradeChange {
        guard let previousGrade else { return .new }
        if grade == previousGrade { return .same }
        return grade < previousGrade ? .upgrade : .downgrade
    }
}

/// Completed orders folded as they stream from the warehouse, so that two million
/// orders never sit in memory: per customer the 12-month sales, profit and payment
/// record (SPEC §3.1), per manager the period's sales (SPEC §3.5).
/// A manager's open orders in the period: how many, and their amount in cents.
public struct OpenOrders: Sendable, Equatable {
    public var count = 0
    public var cents: Int128 = 0

    package mutating func add(_ amount: Int128) {
        count += 1
        cents += amount
    }

    public var amount: Double { Double(cents) / 100 }
}

/// SPEC §3.1: grades customers A/B/C on the 12 months ending at the period end.
///
///     let grades = CustomerGrading.grade(inputs, context)
package enum CustomerGrading {
    package static func grade(_ inputs: MetricInputs, _ ctx: MetricContext) -> CustomerGrades {
        var graded = figures(inputs, ctx)
        rank(&graded, ctx)
        return graded
    }

    /// Each customer's 12-month figures, first activity and previous grade, graded C for now:
    /// all `rank` needs, so the order ledger's per-customer totals can go before it runs (they
    /// and the grades were 194 MB together at the run's peak, issue 29).
    package static func figures(_ inputs: MetricInputs, _ ctx: MetricContext) -> CustomerGrades {
        let provisionalSince = ctx.clock.epoch(date: ctx.period.end.adding(months: -ctx.config.grading.provisionalMonths))
        return CustomerGrades(customers: inputs.customers, figures: inputs.customers.map { figures(of: $0, inputs, ctx, provisionalSince: provisionalSince) })
    }

    /// `figures`, the order ledger's per-customer totals given back as the figures are made from
    /// them, 65 536 customers at a time, and all of them after: the totals (62 MB) and the figures
    /// (53 MB) were not held whole at once (the bank-shaped set's grading peak, issue 29).
    package static func figures(releasingTotalsOf inputs: inout MetricInputs, _ ctx: MetricContext) -> CustomerGrades {
        let provisionalSince = ctx.clock.epoch(date: ctx.period.end.adding(months: -ctx.config.grading.provisionalMonths))
        let customers = inputs.customers
        var made: [GradeFigures] = []
        made.reserveCapacity(customers.count)
        for (i, c) in customers.enumerated() {
            made.append(figures(of: c, inputs, ctx, provisionalSince: provisionalSince))
            // A customer's totals are at its position in the list, or a later one for an id listed twice.
            if (i + 1) % (1 << 16) == 0 { inputs.orders.releaseCustomerTotals(below: i + 1) }
        }
        inputs.orders.releaseCustomerTotals()
        return CustomerGrades(customers: customers, figures: made)
    }

    private static func figures(of c: MetricInputs.Customer, _ inputs: MetricInputs, _ ctx: MetricContext, provisionalSince: Int) -> GradeFigures {
        let t = inputs.orders.totals(of: c.id)
        var avgLate: Double?
        var onTime: Double?
        if t.due > 0 {
            // Amount-weighted; with only zero amounts, the plain mean.
            avgLate = t.dueCents > 0 ? Double(t.lateCentDays) / Double(t.dueCents) : Double(t.lateDays) / Double(t.due)
            onTime = Double(t.onTime) / Double(t.due)
        }
        let firstActivity = [c.since.map { ctx.clock.epoch(date: $0) }, inputs.orders.firstOrder(of: c.id)]
            .compactMap { $0 }.min()
        return GradeFigures(sales12m: Double(t.salesCents) / 100, profit12m: Double(t.profitCents) / 100,
                            avgDaysLate: avgLate, onTimeRate: onTime, firstActivity: firstActivity, grade: .C,
                            provisional: firstActivity.map { $0 > provisionalSince } ?? false,
                            previousGrade: inputs.previousGrades[c.id])
    }

    /// The grades of `grades` (`figures`' rows) by the pipeline's method, then the late payers'
    /// downgrade and the provisional day, in customer id order.
    package static func rank(_ grades: inout CustomerGrades, _ ctx: MetricContext) {
        grades.updateFigures { rankFigures(&$0, ctx) }
        grades.sortByCustomerID()
    }

    private static func rankFigures(_ graded: inout [GradeFigures], _ ctx: MetricContext) {
        let g = ctx.config.grading
        switch g.method {
        case .pareto:
            // Graded in place: the basis in cents and the positions' order were 27 MB beside the
            // bank-shaped set's 53 MB of figures, at grading's peak (issue 29).
            let key: (GradeFigures) -> Double = g.basis == .sales ? { $0.sales12m } : { $0.profit12m }
            for i in graded.indices {
                graded[i].grade = .C
                graded[i].ruling = LedgerWindow.cents(key(graded[i])) > 0 ? .share(.C, g.basis) : .noSales
            }
            pareto(count: graded.count, key: { key(graded[$0]) }, aShare: g.aShare, bShare: g.bShare) { i, grade in
                graded[i].grade = grade
                graded[i].ruling = .share(grade, g.basis)
            }
        case .composite:
            let prSales = Statistics.percentRanks(graded.map(\.sales12m))
            let prProfit = Statistics.percentRanks(graded.map(\.profit12m))
            let w = g.compositeWeights
            for i in graded.indices {
                let score = w.sales * prSales[i] + w.profit * prProfit[i] + w.payment * (graded[i].onTimeRate ?? 1)
                graded[i].grade = score >= g.compositeA - 1e-12 ? .A : (score >= g.compositeB - 1e-12 ? .B : .C)
                graded[i].ruling = .composite(graded[i].grade)
            }
        }
        // Credit adjustment: late payers drop one grade.
        for i in graded.indices where (graded[i].avgDaysLate ?? 0) > g.downgradeDaysLate {
            graded[i].downgradedFrom = graded[i].grade
            graded[i].grade = graded[i].grade.lowered
        }
        for i in graded.indices where graded[i].provisional {
            if let first = graded[i].firstActivity { graded[i].provisionalDay = Int32(ctx.clock.localDate(ofEpoch: first).daysSinceEpoch) }
        }
    }

    /// Pareto grades of the amounts `key(0..<count)`, in cents: with T the total of positive
    /// values and ahead(c) the total of values strictly greater than c's (so ties share a grade),
    /// A if ahead < a·T, B if ahead < b·T, else C; non-positive values are C. Exact integer
    /// arithmetic (128 bits), so the 70 % and 90 % boundaries are exact. `grade` is told the grade
    /// of each position with a positive value. The positions are sorted by the amounts themselves,
    /// 4 bytes each: a larger amount is never fewer cents, so equal cents stay together. (Two
    /// dictionaries of values were ~130 MB at the peak on 1.1 M customers, the basis in cents and
    /// the order 27 MB.)
    package static func pareto(count: Int, key: (Int) -> Double, aShare: Double, bShare: Double, grade: (Int, Grade) -> Void) {
        precondition(count <= Int(UInt32.max), "positions in 32 bits")
        var order: [UInt32] = []
        order.reserveCapacity(count)
        var total: Int128 = 0
        for i in 0..<count {
            let c = LedgerWindow.cents(key(i))
            guard c > 0 else { continue }
            order.append(UInt32(i))
            total += c
        }
        guard total > 0 else { return }
        let a = Int128((aShare * 1_000_000).rounded()), b = Int128((bShare * 1_000_000).rounded())
        order.sort { key(Int($0)) > key(Int($1)) }
        var ahead: Int128 = 0
        var i = 0
        while i < order.count {
            let value = LedgerWindow.cents(key(Int(order[i])))
            let x = ahead * 1_000_000
            let g: Grade = x < a * total ? .A : (x < b * total ? .B : .C)
            // A run of equal cents shares the total ahead of it.
            while i < order.count, LedgerWindow.cents(key(Int(order[i]))) == value {
                grade(Int(order[i]), g)
                ahead += value
                i += 1
            }
        }
    }
}
