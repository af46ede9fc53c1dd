import ScorecardModel
import ScorecardWarehouse

/// The customers with a cadence not visited within it (SPEC §3.3), in customer id order: while
/// the coverage makes it, their positions in the customer list with what coverage found; after
/// (`compact`), their own packed ids and managers, not a record holding their ids each. The
/// bank-sized set's ~550 000 uncovered customers were 64 bytes each as records and are about
/// 30 so, from the coverage to the reports' end (issue 29). Each is made whole as it is read.
public struct UncoveredList: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The customer list the positions are in: the metric inputs' while the list is made, then
    /// the uncovered customers' own (`compact`), kept to the end of the run.
    private var customers: CustomerList
    /// The customers' positions in `customers`; nil once they are all of it, in order (`compact`).
    private var positions: [Int32]? = []
    private var grades: [Grade] = []
    private var cadences: [Int32] = []
    private var lastVisits: [Unpadded<Int>] = []
    /// A team's cut (SPEC §4.4): the places of its rows in the columns above, which it shares with
    /// the organisation's list, 4 bytes a row; nil for every row. A copy of a half-organisation
    /// branch's rows was 4.3 MB at the team reports' peak (heaptrack, issue 29).
    private var picked: [UInt32]?

    package init(customers: CustomerList) { self.customers = customers }

    /// A list made one by one (by hand in tests).
    public init(_ list: [UncoveredCustomer]) {
        self.init(customers: CustomerList(list.lazy.map { MetricInputs.Customer(id: $0.customerID, managerID: $0.managerID) }))
        for (i, u) in list.enumerated() { append(position: i, grade: u.grade, cadenceMonths: u.cadenceMonths, lastVisit: u.lastVisit) }
    }

    public init(arrayLiteral list: UncoveredCustomer...) { self.init(list) }

    /// Gives back the room appending left, and keeps the uncovered customers' ids and managers in
    /// a list of their own: the whole customer list is not held to the end of the run for them
    /// (the bank-shaped set: 550 000 of 1.1 M customers, 11 MB rather than 21 through the
    /// reports, issue 29).
    package mutating func compact() {
        precondition(picked == nil, "a cut is compacted as its organisation's list is")
        if let positions { customers = customers.picking(positions.lazy.map(Int.init)) }
        positions = nil
        grades = grades.trimmed()
        cadences = cadences.trimmed()
        lastVisits = lastVisits.trimmed()
    }

    /// The customer at `position` in the list is not covered.
    package mutating func append(position: Int, grade: Grade, cadenceMonths: Int, lastVisit: Int?) {
        precondition(positions != nil, "appended before the list keeps its own customers")
        precondition(picked == nil, "a cut is not added to")
        positions!.append(Int32(position))
        grades.append(grade)
        cadences.append(Int32(clamping: cadenceMonths))
        lastVisits.append(Unpadded(wrappedValue: lastVisit))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked?.count ?? grades.count }

    /// Where the row at `i` is in the columns.
    private func row(_ i: Int) -> Int { picked.map { Int($0[i]) } ?? i }

    /// Where the customer of the row at `r` is in `customers`.
    private func position(_ r: Int) -> Int { positions.map { Int($0[r]) } ?? r }

    public subscript(i: Int) -> UncoveredCustomer {
        let r = row(i), p = position(r)
        return UncoveredCustomer(customerID: customers.id(at: p), managerID: customers.managerID(at: p), grade: grades[r], cadenceMonths: Int(cadences[r]),
                                 lastVisit: lastVisits[r].wrappedValue)
    }

    /// Whether a customer is on the list: a binary search of its ids (the list is in id order), by
    /// their bytes when the customer list is in their order (as the warehouse gives it), else as `String`s.
    public func contains(customerID: String) -> Bool {
        customers.search(customerID, count: count) { position(row($0)) } != nil
    }

    /// Only `managers`' customers (SPEC §4.4), sharing this list's columns.
    package func restricted(to managers: Set<String>) -> UncoveredList {
        precondition(grades.count <= Int(UInt32.max), "rows in 32 bits")
        var cut = self
        cut.picked = indices.compactMap { i in
            let r = row(i)
            return managers.contains(customers.managerID(at: position(r))) ? UInt32(r) : nil
        }
        return cut
    }

    /// The same customers with the same findings (what else the lists hold does not matter).
    public static func == (a: UncoveredList, b: UncoveredList) -> Bool { a.elementsEqual(b) }
}
