/// Ids one after another in one buffer of UTF-8, each found by where it ends: a column of the
/// packed lists (`VisitList`, `VisitPlanList`), about 4 bytes an id besides its own, where a
/// `String` takes 16 and an allocation past 15 bytes.
struct PackedIDs: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count * 8)
        ends.reserveCapacity(count)
    }

    mutating func append(_ id: String) {
        bytes.append(contentsOf: id.utf8)
        precondition(bytes.count <= Int(UInt32.max), "the ids outgrew 4 GiB")
        ends.append(UInt32(bytes.count))
    }

    subscript(i: Int) -> String {
        String(decoding: bytes[(i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])], as: UTF8.self)
    }
}
