/// Each known customer's manager as the load goes (SPEC §2.2, §2.3): the reference check finds
/// a fact's customer here, and a fact without a manager takes its customer's. The ids packed in
/// one `IDTable`, each customer's manager a position among the few managers: 1.1 M customers were
/// a `[String: String]` of 67 MB, and each file's check copied it into a 34 MB table and two
/// 18 MB arrays, all held at the load's peak (bank-shaped set, issue 29); here ~25 MB, not copied.
package struct CustomerOwners: Sendable {
    private var ids = IDTable()
    /// Each customer's manager, by the customer's position in `ids`: a position in `managers`.
    private var owner: [Int32] = []
    /// The managers, found by their bytes as the ids are (not by `String`'s Unicode equivalence:
    /// a fact takes its customer's manager id exactly as the customers' export spells it).
    private var managerIDs = IDTable()
    private var managers: [String] = []

    package init() {}

    /// How many customers it knows.
    package var count: Int { owner.count }

    /// Sets the customer's manager; true when the customer was known with another one.
    @discardableResult
    package mutating func set(_ customer: String, manager: String) -> Bool {
        var customer = customer, manager = manager
        return customer.withUTF8 { id in manager.withUTF8 { set(id, manager: $0) } }
    }

    /// The same from the ids' UTF-8 bytes, as the load holds them: no `String` a customer.
    @discardableResult
    package mutating func set(_ customer: UnsafeBufferPointer<UInt8>, manager: UnsafeBufferPointer<UInt8>) -> Bool {
        let (position, inserted) = ids.insert(customer)
        let (managerPosition, newManager) = managerIDs.insert(manager)
        if newManager { managers.append(String(decoding: manager, as: UTF8.self)) }
        let managerAt = Int32(managerPosition)
        if inserted {
            owner.append(managerAt)
            return false
        }
        defer { owner[position] = managerAt }
        return owner[position] != managerAt
    }

    /// The customer's position, nil when it is not known.
    package func position(of customer: UnsafeBufferPointer<UInt8>) -> Int? { ids.index(of: customer) }

    /// The manager of the customer at `position`.
    package func manager(at position: Int) -> String { managers[Int(owner[position])] }

    /// The manager of a customer, nil when it is not known.
    package func manager(of customer: String) -> String? {
        var customer = customer
        return customer.withUTF8 { position(of: $0) }.map(manager(at:))
    }
}
