import ScorecardModel
import ScorecardWarehouse

/// The period's grades, one per customer in customer id order (SPEC §3.1): each customer's
/// `GradeFigures` beside the customer list they were made from. The ids are read from the list,
/// not copied into every grade: 1.1 M customers' grades were 97 MB with them and are 62 MB
/// without, at each of the metrics' peaks (issue 29). A grade is made whole as it is read.
public struct CustomerGrades: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The customers, in the grades' order: the metric inputs' list, shared while both are held.
    private var customers: CustomerList
    package private(set) var figures: [GradeFigures]

    package init(customers: CustomerList, figures: [GradeFigures]) {
        precondition(customers.count == figures.count, "a grade for each customer")
        self.customers = customers
        self.figures = figures
    }

    /// Grades made one by one (by hand in tests).
    public init(_ grades: [CustomerGrade]) {
        customers = CustomerList(grades.lazy.map { MetricInputs.Customer(id: $0.customerID, managerID: $0.managerID) })
        figures = grades.map(\.figures)
    }

    public init(arrayLiteral grades: CustomerGrade...) { self.init(grades) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { figures.count }

    public subscript(position: Int) -> CustomerGrade {
        CustomerGrade(customerID: customers.id(at: position), managerID: customers.managerID(at: position), figures: figures[position])
    }

    /// The customers, in the grades' order (by id once graded): the reports' directory is keyed by it.
    package var customerList: CustomerList { customers }

    /// The customer id of the grade at `position`, without making the grade.
    package func customerID(at position: Int) -> String { customers.id(at: position) }

    /// The manager id of the grade at `position`, without making the grade.
    package func managerID(at position: Int) -> String { customers.managerID(at: position) }

    /// Grading sets the figures in place (`CustomerGrading.rank`).
    package mutating func updateFigures(_ body: (inout [GradeFigures]) -> Void) { body(&figures) }

    /// Sorted by customer id, only when the list did not come so (SQLite's and PostgreSQL's do): the
    /// sort takes a buffer of half the grades (1.1 M grades: 48 MB at the run's peak, issue 29).
    package mutating func sortByCustomerID() {
        guard let order = customers.positionsByID() else { return }
        customers = customers.picking(order)
        figures = order.map { figures[$0] }
    }

    /// Only the grades of `managers`' customers (a team's cut, SPEC §4.4).
    package func restricted(to managers: Set<String>) -> CustomerGrades {
        let kept = indices.filter { managers.contains(customers.managerID(at: $0)) }
        return CustomerGrades(customers: customers.picking(kept), figures: kept.map { figures[$0] })
    }

    /// The same grades, customer for customer (what else the lists hold does not matter).
    public static func == (a: CustomerGrades, b: CustomerGrades) -> Bool { a.elementsEqual(b) }
}
