/// The master lists as the load goes: the referential checks of later files see the
/// managers and customers stored before them (SPEC §2.3).
package struct MasterLists {
    package var managerIDs: Set<String>
    /// Each customer's manager: the default manager of orders, complaints and surveys.
    package var customerManager: [String: String] = [:]

    package init(managerIDs: Set<String>, customerManager: [String: String] = [:]) {
        self.managerIDs = managerIDs
        self.customerManager = customerManager
    }
}
