import GRDB

/// The master lists as the load goes: the referential checks of later files see the
/// managers and customers stored before them (SPEC §2.3).
struct MasterLists {
    var managerIDs: Set<String>
    /// Each customer's manager: the default manager of orders, complaints and surveys.
    var customerManager: [String: String] = [:]

    init(_ db: Database) throws {
        managerIDs = Set(try String.fetchAll(db, sql: "SELECT manager_id FROM managers"))
        // A cursor: 1.1 M customers as an array of rows peaked at ~0.3 GB on the way (issue 10).
        let rows = try Row.fetchCursor(db, sql: "SELECT customer_id, manager_id FROM customers")
        while let row = try rows.next() { customerManager[row[0]] = row[1] }
    }
}
