import ScorecardIngest

/// The master lists as the load goes: the referential checks of later files see the
/// managers and customers stored before them (SPEC §2.3).
package struct MasterLists {
    package var managerIDs: Set<String>
    /// Each customer's manager: the default manager of orders, complaints and surveys.
    package var customers = CustomerOwners()
    /// A customer known before got another manager in this load (SPEC §2.2: facts without a
    /// manager take their customer's, so an incremental load reads them again, `ReusePlan`).
    package var customerMoved = false

    package init(managerIDs: Set<String>) {
        self.managerIDs = managerIDs
    }
}
