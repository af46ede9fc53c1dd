import ScorecardMetrics
import ScorecardModel
import ScorecardWarehouse

extension ReportData {
    /// Names behind the ids, for the reports, as the warehouse holds them (the customers' in a
    /// temporary file, `CustomerDirectory`).
    package static func directory(_ warehouse: any WarehouseSession) throws -> (managers: [String: Person], customers: CustomerDirectory) {
        var managers: [String: Person] = [:]
        for m in try warehouse.managerNames() { managers[m.id] = Person(name: m.name, team: m.team, left: m.left) }
        var customers = CustomerDirectory()
        try warehouse.forEachCustomerName { id, name, region in try customers.add(id: id, name: name, region: region) }
        try customers.compact()
        return (managers, customers)
    }

    /// The last counting visit (SPEC §3.3) by as_of of each customer a manager page names without
    /// one of its own: complaints late or open, low surveys, grade moves (issue 30 item 9).
    package static func lastVisits(_ warehouse: any WarehouseSession, _ r: PeriodResults, counting: Set<String>, clock: ZoneClock) throws -> [String: Int] {
        guard !r.absent.contains(.visits) else { return [:] }
        var listed = Set(r.complaints.complaints.filter { $0.statuses.contains(.breached) || $0.isOpen }.map(\.customerID))
        listed.formUnion(r.satisfaction.corrective.map(\.customerID))
        listed.formUnion(r.grades.filter { $0.change == .upgrade || $0.change == .downgrade }.map(\.customerID))
        return try warehouse.lastVisits(of: listed, asOf: r.asOf, counting: counting, clock: clock).compactMapValues(\.counting)
    }
}
