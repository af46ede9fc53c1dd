/// FNV-1a over `bytes`, continuing from `hash`: the hash of the tables that find ids by their bytes
/// (`IDTable`, `CustomerPositions`) and of the load's keys.
@inlinable @inline(__always)
package func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = hash
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// A table slot for `hash` among `capacity` (a power of two): the hash's high bits, mixed, since
/// FNV-1a's low bits alone cluster on ids that differ in their last digits.
@inlinable
package func slot(_ hash: UInt64, capacity: Int) -> Int {
    Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & (capacity - 1)
}
