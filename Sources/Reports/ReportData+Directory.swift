import ScorecardWarehouse

extension ReportData {
    /// Names behind the ids, for the reports, as the warehouse holds them.
    package static func directory(_ warehouse: any WarehouseSession) throws -> (managers: [String: Person], customers: CustomerDirectory) {
        var managers: [String: Person] = [:]
        for m in try warehouse.managerNames() { managers[m.id] = Person(name: m.name, team: m.team, left: m.left) }
        var customers = CustomerDirectory()
        try warehouse.forEachCustomerName { id, name, region in customers.add(id: id, name: name, region: region) }
        return (managers, customers)
    }
}
