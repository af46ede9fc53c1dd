/// Ids one after another in one buffer of UTF-8, each found by where it ends: a column of the
/// packed lists (`CustomerList`, `VisitList`, `VisitPlanList`), about 4 bytes an id besides its
/// own, where a `String` takes 16 and an allocation past 15 bytes.
package struct PackedIDs: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    package init() {}

    package var count: Int { ends.count }

    /// Room for `count` ids taking `bytes` bytes in all (by default 8 each).
    package mutating func reserveCapacity(_ count: Int, bytes: Int? = nil) {
        self.bytes.reserveCapacity(bytes ?? count * 8)
        ends.reserveCapacity(count)
    }

    package mutating func append(_ id: String) {
        bytes.append(contentsOf: id.utf8)
        precondition(bytes.count <= Int(UInt32.max), "the ids outgrew 4 GiB")
        ends.append(UInt32(bytes.count))
    }

    /// The bytes of the id at `i`.
    package func utf8(at i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])] }

    package subscript(i: Int) -> String { String(decoding: utf8(at: i), as: UTF8.self) }
}
