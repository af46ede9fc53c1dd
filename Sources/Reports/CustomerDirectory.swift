import ScorecardMetrics
import ScorecardIngest
import ScorecardModel
import ScorecardWarehouse

/// Every customer's name and region, for the reports. Packed: the bank-sized set's
/// 1.1 M customers took 422 MB as a dictionary of name and region strings (issue 10), and
/// still 91 MB as packed names behind a `[String: Int32]` index (issue 29); names lie one after
/// another in UTF-8 blocks (`PackedTexts`), a region code each.
///
/// Keyed by the grades' customer list (sorted by id's bytes, held for the reports anyway) while the names
/// come in its order, as the warehouse gives them: a name's id is then the list's, found by a
/// binary search, and is not kept again (the bank-sized set: 55 → 30 MB, issue 29). Otherwise the
/// ids are kept beside the names in an `IDTable`, a name's position its id's.
package struct CustomerDirectory: Sendable {
    /// The customer list the names follow, sorted by id; nil once a name came out of its order.
    private var keys: CustomerList?
    private var ids = IDTable()
    private var names = PackedTexts()
    private var regions: [UInt8] = []
    private var regionNames: [String] = []

    /// - Parameter customers: the list the names are expected in the order of (`CustomerGrades.customerList`).
    package init(keyedBy customers: CustomerList = []) {
        // In the order of the ids' bytes, as they are then searched (the warehouse's order).
        keys = customers.isSortedByIDBytes ? customers : nil
        if keys != nil {  // a name for each customer of the list, as a rule
            names.reserve(customers.count)
            regions.reserveCapacity(customers.count)
        }
    }

    /// Adds a customer; a later entry for the same id replaces nothing (ids are unique in the warehouse).
    package mutating func add(id: String, name: String, region: String?) {
        if let keys {
            guard names.count < keys.count, keys.hasID(names.count, id) else {
                unkey()
                return add(id: id, name: name, region: region)
            }
        } else {
            var id = id
            guard id.withUTF8({ ids.insert($0).inserted }) else { return }
        }
        names.append(name)
        let region = region ?? ""
        if let code = regionNames.firstIndex(of: region) {
            regions.append(UInt8(code))
        } else if regionNames.count < 255 {
            regionNames.append(region)
            regions.append(UInt8(regionNames.count - 1))
        } else {
            regions.append(UInt8(regionNames.firstIndex(of: "") ?? 0))  // regions are a short list (urban, rural, remote)
        }
    }

    /// A name out of the list's order: the ids so far are packed, and from now on beside their names.
    private mutating func unkey() {
        guard let keys else { return }
        self.keys = nil
        for p in 0..<names.count { keys.idUTF8(at: p).withUnsafeBufferPointer { _ = ids.insert($0) } }  // distinct: the keys rise
    }

    /// Gives back what the texts' ends grew by beyond their number (up to as much again).
    package mutating func compact() { names.compact() }

    package func name(of id: String) -> String? { position(of: id).map(names.text) }

    package func region(of id: String) -> String? {
        guard let i = position(of: id) else { return nil }
        let region = regionNames[Int(regions[i])]
        return region.isEmpty ? nil : region
    }

    private func position(of id: String) -> Int? {
        if let keys { return keys.search(id, count: names.count) { $0 } }
        var id = id
        return id.withUTF8 { ids.index(of: $0) }
    }
}
