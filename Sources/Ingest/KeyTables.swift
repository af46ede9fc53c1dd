import Foundation
import ScorecardModel

/// The hashes of the keys a load has stored so far, for its duplicate check: compact
/// open-addressing tables of 64-bit hashes, not the keys (SPEC §6: memory does not grow
/// with the rows the way holding every key would). A hit is only a candidate; the store
/// confirms it in the warehouse. Written by hand because `Set<Int>` hashes each integer
/// again with SipHash: SipHash was ~14 % of the reading thread on 2 M orders, with the
/// master-id lookups below (perf).
///
/// The hashes are spread over 256 tables that grow one at a time by half, full to 80 %: one
/// table twice the size, doubled at half full, held 16–32 bytes a key and 48 at the moment
/// it doubled (4 M visits: 101 MB, the load's peak on the bank-shaped set, issue 29); these
/// hold 10–15 bytes a key and never two copies of the whole.
package struct SeenKeys: Sendable {
    package let keyColumns: [Int]
    private var parts: [Part]

    package init(keyColumns: [Int]) {
        self.keyColumns = keyColumns
        parts = Array(repeating: Part(), count: 256)
    }

    /// Records a hash; true when it was recorded before.
    package mutating func insert(_ hash: UInt64) -> Bool {
        let h = hash == 0 ? 1 : hash  // 0 marks an empty slot
        let mixed = h &* 0x9E37_79B9_7F4A_7C15  // FNV's low bits alone cluster
        return parts[Int(mixed >> 56)].insert(h, home: mixed << 8)
    }

    private struct Part: Sendable {
        var slots: [UInt64] = []
        var used = 0

        /// `home` places the hash: its high bits scaled to the table's size (no power of two needed).
        mutating func insert(_ h: UInt64, home: UInt64) -> Bool {
            if (used + 1) * 5 > slots.count * 4 { grow() }
            var i = Int(home.multipliedFullWidth(by: UInt64(slots.count)).high)
            while slots[i] != 0 {
                if slots[i] == h { return true }
                i += 1
                if i == slots.count { i = 0 }
            }
            slots[i] = h
            used += 1
            return false
        }

        private mutating func grow() {
            let old = slots
            slots = Array(repeating: 0, count: max(16, old.count + old.count / 2))
            used = 0
            for h in old where h != 0 { _ = insert(h, home: (h &* 0x9E37_79B9_7F4A_7C15) << 8) }
        }
    }
}


/// Master ids (managers, customers) found by their UTF-8 bytes: the reading thread
/// checks two per row. FNV-1a and open addressing over one byte buffer, so a
/// lookup builds no `String` and runs no SipHash (as `Set<String>` and
/// `[String: String]`, with the key hashes above: ~14 % of the reading thread).
/// Ids are added as the load stores them; an id's position is the order it was first added.
package struct IDTable: Sendable {
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var bytes: [UInt8] = []
    /// Where each id ends in `bytes` (it starts where the one before ends): 4 bytes an id.
    private var ends: [UInt32] = []

    package init() {}

    package init(_ ids: some Collection<String>) {
        for var id in ids { id.withUTF8 { _ = insert($0) } }
    }

    /// How many distinct ids it holds.
    package var count: Int { ends.count }

    /// The id's position among the distinct ids given, nil when absent.
    package func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        find(key, hash: fnv1a(key))
    }

    /// Adds the id unless it is there; its position, and whether it was added.
    @discardableResult
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (position: Int, inserted: Bool) {
        let hash = fnv1a(key)
        if let found = find(key, hash: hash) { return (found, false) }
        if (ends.count + 1) * 4 > slots.count * 3 { grow() }  // full to 75 %
        let position = ends.count
        precondition(bytes.count + key.count <= Int(UInt32.max) && position < Int(Int32.max), "more than 4 GiB of ids in one table")
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        place(position, hash: hash)
        return (position, true)
    }

    private func span(_ position: Int) -> Range<Int> {
        (position == 0 ? 0 : Int(ends[position - 1]))..<Int(ends[position])
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        var i = slot(hash)
        return bytes.withUnsafeBufferPointer { stored in
            while slots[i] >= 0 {
                let range = span(Int(slots[i]))
                if range.count == key.count,
                   key.isEmpty || memcmp(stored.baseAddress! + range.lowerBound, key.baseAddress!, key.count) == 0 {
                    return Int(slots[i])
                }
                i = (i + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    private mutating func place(_ position: Int, hash: UInt64) {
        var i = slot(hash)
        while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
        slots[i] = Int32(position)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for position in ends.indices {
            let hash = bytes.withUnsafeBufferPointer { fnv1a(UnsafeBufferPointer(rebasing: $0[span(position)])) }
            place(position, hash: hash)
        }
    }

    private func slot(_ hash: UInt64) -> Int { ScorecardModel.slot(hash, capacity: slots.count) }
}
