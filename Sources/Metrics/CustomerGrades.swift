import ScorecardModel
import ScorecardWarehouse

/// The period's grades, one per customer in customer id order (SPEC §3.1): each customer's
/// `GradeFigures` beside the customer list they were made from. The ids are read from the list,
/// not copied into every grade: 1.1 M customers' grades were 97 MB with them and are 62 MB
/// without, at each of the metrics' peaks (issue 29). A grade is made whole as it is read.
///
/// Once a run has stored them (`keepingMoves`), only the grades that moved are held, with each
/// manager's `GradeTally` of them all: `tally` and `customersByManager` count every grade either way.
///
/// A team's grades (`restricted`) are the organisation's, shared, and the positions of the
/// team's customers among them: two half-organisation teams written at once copied 0.1 GB of
/// grades each (bank-shaped set, 413 MiB; issue 29).
public struct CustomerGrades: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The customers, in the figures' order: the metric inputs' list, shared while both are held.
    private var customers: CustomerList
    private var allFigures: [GradeFigures]
    /// The positions in `customers` and `allFigures` of these grades, rising; nil for all of them.
    private var picked: [UInt32]?
    /// Once the customers' rows are stored (`keepingMoves`): each manager's tally of all their
    /// grades; the grades held are then only those that moved. Nil while every grade is held.
    private var tallies: [String: GradeTally]?

    package init(customers: CustomerList, figures: [GradeFigures]) {
        precondition(customers.count == figures.count, "a grade for each customer")
        self.customers = customers
        allFigures = figures
    }

    /// Grades made one by one (by hand in tests).
    public init(_ grades: [CustomerGrade]) {
        customers = CustomerList(grades.lazy.map { MetricInputs.Customer(id: $0.customerID, managerID: $0.managerID) })
        allFigures = grades.map(\.figures)
    }

    public init(arrayLiteral grades: CustomerGrade...) { self.init(grades) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked?.count ?? allFigures.count }

    /// Where the grade at `position` is kept.
    private func stored(_ position: Int) -> Int { picked.map { Int($0[position]) } ?? position }

    public subscript(position: Int) -> CustomerGrade {
        let p = stored(position)
        return CustomerGrade(customerID: customers.id(at: p), managerID: customers.managerID(at: p), figures: allFigures[p])
    }

    /// The figures of the grade at `position`, without making the grade.
    package func figures(at position: Int) -> GradeFigures { allFigures[stored(position)] }

    /// Every grade's figures in order, none made whole.
    package var figures: LazyMapSequence<Range<Int>, GradeFigures> { indices.lazy.map(figures(at:)) }

    /// The customer id of the grade at `position`, without making the grade.
    package func customerID(at position: Int) -> String { customers.id(at: stored(position)) }

    /// The manager id of the grade at `position`, without making the grade.
    package func managerID(at position: Int) -> String { customers.managerID(at: stored(position)) }

    /// The positions of the grades by grade, then 12-month sales, largest first, then customer id:
    /// the 客户分级 sheet's order (SPEC §4.1.1). In 32 bits, 4.4 MB rather than 8.8 for 1.1 M
    /// customers beside the report's data (issue 29).
    package func positionsByGradeAndSales() -> [Int32] {
        precondition(holdsAll, "the 客户分级 order of every grade (once only the moves are kept, the warehouse gives it)")
        var order = Array(0..<Int32(count))
        // Ids rise with the positions when the grades are in id order (as grading leaves them): a
        // tie then costs no id made from its bytes.
        let idsRise = customers.isSortedByID(strictly: true)
        order.sort {
            let (p, q) = (stored(Int($0)), stored(Int($1)))
            let (a, b) = (allFigures[p], allFigures[q])
            if a.grade != b.grade { return a.grade < b.grade }
            if a.sales12m != b.sales12m { return a.sales12m > b.sales12m }
            return idsRise ? p < q : customers.id(at: p) < customers.id(at: q)
        }
        return order
    }

    /// Whether every grade is held (else only those that moved: `keepingMoves`).
    public var holdsAll: Bool { tallies == nil }

    /// The tally of all these grades, held or not.
    public var tally: GradeTally {
        if let tallies { return tallies.values.reduce(into: GradeTally()) { $0.add($1) } }
        return figures.reduce(into: GradeTally()) { $0.add($1) }
    }

    /// How many customers each manager has, every grade counted, held or not.
    public var customersByManager: [String: Int] {
        if let tallies { return tallies.mapValues(\.customers) }
        return indices.reduce(into: [String: Int]()) { $0[managerID(at: $1), default: 0] += 1 }
    }

    /// Only the grades that moved up or down, and every manager's tally of them all: what the
    /// reports need of the grades once their rows are stored, the 客户分级 sheets reading them
    /// back in their order (SPEC §4.1.1). The bank-shaped set's first run: 53 MB of figures to
    /// none (issue 29).
    package func keepingMoves() -> CustomerGrades {
        precondition(picked == nil && tallies == nil, "moves are kept of all the grades")
        var tallies: [String: GradeTally] = [:]
        var moved: [Int] = []
        for p in allFigures.indices {
            let f = allFigures[p]
            tallies[customers.managerID(at: p), default: GradeTally()].add(f)
            if f.change == .upgrade || f.change == .downgrade { moved.append(p) }
        }
        var kept = CustomerGrades(customers: customers.picking(moved), figures: moved.map { allFigures[$0] })
        kept.tallies = tallies
        return kept
    }

    /// Grading sets the figures in place (`CustomerGrading.rank`), before anything is restricted.
    package mutating func updateFigures(_ body: (inout [GradeFigures]) -> Void) {
        precondition(picked == nil && tallies == nil, "grades are ranked whole")
        body(&allFigures)
    }

    /// Sorted by customer id, only when the list did not come so (SQLite's and PostgreSQL's do): the
    /// sort takes a buffer of half the grades (1.1 M grades: 48 MB at the run's peak, issue 29).
    package mutating func sortByCustomerID() {
        precondition(picked == nil && tallies == nil, "grades are sorted whole")
        guard let order = customers.positionsByID() else { return }
        customers = customers.picking(order)
        allFigures = order.map { allFigures[$0] }
    }

    /// Only the grades of `managers`' customers (a team's cut, SPEC §4.4): these grades' storage,
    /// shared, and the team's positions in it (4 bytes a customer); once only the moves are held,
    /// the team's managers' tallies.
    package func restricted(to managers: Set<String>) -> CustomerGrades {
        var cut = self
        cut.picked = indices.compactMap { managers.contains(managerID(at: $0)) ? UInt32(stored($0)) : nil }
        cut.tallies = tallies?.filter { managers.contains($0.key) }
        return cut
    }

    /// The same grades, customer for customer (what else the lists hold does not matter).
    public static func == (a: CustomerGrades, b: CustomerGrades) -> Bool { a.elementsEqual(b) }
}
