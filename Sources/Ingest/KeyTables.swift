import Foundation

/// The hashes of the keys a load has stored so far, for its duplicate check: a
/// compact open-addressing table of 64-bit hashes, not the keys (SPEC §6: memory
/// does not grow with the rows the way holding every key would). A hit is only a
/// candidate; the store confirms it in the warehouse. Written by hand because
/// `Set<Int>` hashes each integer again with SipHash: SipHash was ~14 % of the
/// reading thread on 2 M orders, with the master-id lookups below (perf).
package struct SeenKeys: Sendable {
    package let keyColumns: [Int]
    private var slots: [UInt64]
    private var used = 0

    package init(keyColumns: [Int]) {
        self.keyColumns = keyColumns
        slots = Array(repeating: 0, count: 1 << 12)
    }

    /// Records a hash; true when it was recorded before.
    package mutating func insert(_ hash: UInt64) -> Bool {
        let h = hash == 0 ? 1 : hash  // 0 marks an empty slot
        if (used + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask  // mix: FNV's low bits alone cluster
        while slots[i] != 0 {
            if slots[i] == h { return true }
            i = (i + 1) & mask
        }
        slots[i] = h
        used += 1
        return false
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        used = 0
        for h in old where h != 0 { _ = insert(h) }
    }
}

/// FNV-1a over `bytes`, continuing from `hash`.
@inline(__always)
package func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = hash
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// Master ids (managers, customers) found by their UTF-8 bytes: the reading thread
/// checks two per row. FNV-1a and open addressing over one byte buffer, so a
/// lookup builds no `String` and runs no SipHash (as `Set<String>` and
/// `[String: String]`, with the key hashes above: ~14 % of the reading thread).
package struct IDTable: Sendable {
    private var slots: [Int32]
    private var bytes: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []

    package init(_ ids: some Collection<String>) {
        var size = 16
        while size < ids.count * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        for var id in ids {
            id.withUTF8 { key in
                guard index(of: key) == nil else { return }
                var i = slot(fnv1a(key))
                while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
                slots[i] = Int32(spans.count)
                spans.append((bytes.count, key.count))
                bytes.append(contentsOf: key)
            }
        }
    }

    /// The id's position among the distinct ids given, nil when absent.
    package func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = slot(fnv1a(key))
        return bytes.withUnsafeBufferPointer { stored in
            while slots[i] >= 0 {
                let span = spans[Int(slots[i])]
                if span.count == key.count,
                   key.isEmpty || memcmp(stored.baseAddress! + span.start, key.baseAddress!, key.count) == 0 {
                    return Int(slots[i])
                }
                i = (i + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & (slots.count - 1) }
}
