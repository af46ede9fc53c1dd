/// The master lists as the load goes: the referential checks of later files see the
/// managers and customers stored before them (SPEC §2.3).
struct MasterLists {
    var managerIDs: Set<String>
    /// Each customer's manager: the default manager of orders, complaints and surveys.
    var customerManager: [String: String] = [:]

    /// - Parameter derivedCustomers: the customer list is derived (SPEC §2.7): customers an earlier
    ///   run derived are left out, so a fact takes its manager from this run's derivation.
    init(_ session: any WarehouseSession, derivedCustomers: Bool = false) throws {
        var managers = Set<String>()
        try session.forEachRow("SELECT manager_id FROM managers") { managers.insert($0.text(0)) }
        managerIDs = managers
        // Row by row: 1.1 M customers as an array of rows peaked at ~0.3 GB on the way (issue 10).
        let exported = derivedCustomers ? " WHERE source_file IS NULL OR source_file <> ?" : ""
        try session.forEachRow("SELECT customer_id, manager_id FROM customers\(exported)", derivedCustomers ? [DerivedMasterLists.marker] : []) {
            customerManager[$0.text(0)] = $0.text(1)
        }
    }
}
