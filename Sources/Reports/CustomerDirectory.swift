import ScorecardMetrics
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
/// ids are packed beside the names, found through a table of positions (4 bytes a slot).
package struct CustomerDirectory: Sendable {
    /// The customer list the names follow, sorted by id; nil once a name came out of its order.
    private var keys: CustomerList?
    private var ids = PackedTexts()
    private var names = PackedTexts()
    private var regions: [UInt8] = []
    private var regionNames: [String] = []
    /// Open addressing: a position per slot, -1 for an empty one; a power of two long, at most half full.
    private var slots: [Int32] = []

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
            if (ids.count + 1) * 2 > slots.count { grow() }
            var slot = Self.hash(id) & (slots.count - 1)
            while slots[slot] >= 0 {
                if ids.equals(Int(slots[slot]), id) { return }
                slot = (slot + 1) & (slots.count - 1)
            }
            slots[slot] = Int32(ids.count)
            ids.append(id)
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
        for p in 0..<names.count {
            ids.append(keys.id(at: p))
            if (ids.count + 1) * 2 > slots.count { grow() } else { place(p) }
        }
    }

    /// Gives back what the texts' ends grew by beyond their number (up to as much again).
    package mutating func compact() {
        ids.compact()
        names.compact()
    }

    package func name(of id: String) -> String? { position(of: id).map(names.text) }

    package func region(of id: String) -> String? {
        guard let i = position(of: id) else { return nil }
        let region = regionNames[Int(regions[i])]
        return region.isEmpty ? nil : region
    }

    private func position(of id: String) -> Int? {
        if let keys {
            var id = id
            return id.withUTF8 { bytes in
                let low = (0..<names.count).partitioningIndex { keys.idUTF8(at: $0).lexicographicallyPrecedes(bytes) }
                return low < names.count && keys.hasID(low, utf8: bytes) ? low : nil
            }
        }
        guard !slots.isEmpty else { return nil }
        var slot = Self.hash(id) & (slots.count - 1)
        while slots[slot] >= 0 {
            let p = Int(slots[slot])
            if ids.equals(p, id) { return p }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: max(16, slots.count * 2))
        for p in 0..<ids.count { place(p) }
    }

    /// The packed id at `p` into its slot.
    private mutating func place(_ p: Int) {
        var slot = Self.hash(ids.utf8(p)) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(p)
    }

    /// FNV-1a over the id's UTF-8: the same for a `String` and for its packed bytes.
    private static func hash(_ id: String) -> Int { hash(id.utf8) }

    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
