import ScorecardModel

/// What the reports and the headline figures need of a set of grades once the customers' rows
/// are stored (SPEC §3.1, §4.1.1): how many customers have each grade, their 12-month sales, how
/// many moved. Kept per manager, a team's and the organisation's are their managers' summed: the
/// grades' figures need not be held to the end of the run (1.1 M customers: 53 MB, issue 29).
///
/// Sales are summed in whole cents (a customer's 12-month sales are whole cents), so that a team's
/// total does not depend on the order its managers are added in.
public struct GradeTally: Sendable, Equatable {
    /// Customers by grade, at `Grade.code`.
    private var counts: [Int] = [0, 0, 0]
    /// 12-month sales by grade in cents, at `Grade.code`.
    private var cents: [Int128] = [0, 0, 0]
    public private(set) var upgrades = 0
    public private(set) var downgrades = 0
    /// Whether any customer had a grade the previous period (else none moved: the previous period was never graded).
    public private(set) var anyPrevious = false

    public init() {}

    /// Every customer counted.
    public var customers: Int { counts.reduce(0, +) }

    public func customers(_ grade: Grade) -> Int { counts[Int(grade.code)] }

    /// The 12-month sales of the customers of `grade`.
    public func sales(_ grade: Grade) -> Double { Double(cents[Int(grade.code)]) / 100 }

    /// The 12-month sales of every customer counted.
    public var sales: Double { Double(cents.reduce(0, +)) / 100 }

    package mutating func add(_ f: GradeFigures) {
        let s = Int(f.grade.code)
        counts[s] += 1
        cents[s] += Int128((f.sales12m * 100).rounded())
        switch f.change {
        case .upgrade: upgrades += 1
        case .downgrade: downgrades += 1
        case .same, .new: break
        }
        anyPrevious = anyPrevious || f.previousGrade != nil
    }

    package mutating func add(_ other: GradeTally) {
        for s in 0..<3 {
            counts[s] += other.counts[s]
            cents[s] += other.cents[s]
        }
        upgrades += other.upgrades
        downgrades += other.downgrades
        anyPrevious = anyPrevious || other.anyPrevious
    }
}
