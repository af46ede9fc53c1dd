/// The master lists as the load goes: the referential checks of later files see the
/// managers and customers stored before them (SPEC §2.3).
struct MasterLists {
    var managerIDs: Set<String>
    /// Each customer's manager: the default manager of orders, complaints and surveys.
    var customerManager: [String: String] = [:]
}
