import ScorecardModel

/// The customer list as the metrics and the reports hold it, from grading to the run's end (the
/// grades, the uncovered list and the names directory share it). Packed: the ids' UTF-8 one after
/// another, each customer's manager a position among the managers, its first day in 4 bytes; a
/// `CustomerRecord` is made as it is read. The bank-sized set's 1.1 M customers took 44 MB as
/// records (two `String`s each) and take about 22 MB so, at each of the metrics' and the reports'
/// peaks (issue 29).
///
/// Ids are told apart by their bytes, as the warehouse and the load's reference check tell them.
public struct CustomerList: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    private var ids = PackedIDs()
    /// Each customer's manager, a position in `managers`, with `remoteFlag` set for a remote customer.
    private var managerOf: [UInt32] = []
    /// `since` in days since the epoch, `Int32.min` when unknown.
    private var sinceDays: [Int32] = []
    /// The managers, told apart by their bytes (two spellings of one accented id stay apart).
    private var managers = InternedTexts()
    private static let remoteFlag: UInt32 = 1 << 31
    /// Whether each id's bytes come after the one before's (the warehouse's `ORDER BY customer_id`):
    /// a list so ordered is searched by bytes.
    package private(set) var isSortedByIDBytes = true
    /// Whether every id is ASCII: its bytes' order is then `String`'s.
    private var idsAreASCII = true

    public init() {}

    public init(_ records: some Sequence<CustomerRecord>) {
        for record in records { append(record) }
    }

    public init(arrayLiteral records: CustomerRecord...) { self.init(records) }

    /// Room for `count` customers whose ids take about `idBytes` bytes in all.
    package mutating func reserve(_ count: Int, idBytes: Int) {
        ids.reserveCapacity(count, bytes: idBytes)
        managerOf.reserveCapacity(count)
        sinceDays.reserveCapacity(count)
    }

    public mutating func append(_ record: CustomerRecord) {
        ids.append(record.id)
        let new = ids.utf8(at: ids.count - 1)
        if isSortedByIDBytes, ids.count > 1 { isSortedByIDBytes = ids.utf8(at: ids.count - 2).lexicographicallyPrecedes(new) }
        if idsAreASCII { idsAreASCII = new.allSatisfy { $0 < 0x80 } }
        managerOf.append(UInt32(managers.position(of: record.managerID)) | (record.remote ? Self.remoteFlag : 0))
        sinceDays.append(record.since.map { Int32($0.daysSinceEpoch) } ?? .min)
    }

    /// The customers at `positions`, in their order (a subset, a reordering).
    package func picking(_ positions: some Collection<Int>) -> CustomerList {
        var list = CustomerList()
        list.reserve(positions.count, idBytes: positions.reduce(0) { $0 + idUTF8(at: $1).count })
        for p in positions { list.append(self[p]) }
        return list
    }

    /// The positions in the ids' `String` order, nil when the list is in it already.
    package func positionsByID() -> [Int]? {
        isSortedByID() ? nil : indices.sorted { id(at: $0) < id(at: $1) }
    }

    /// Among `count` customers in id order, the `i`th at `position(i)`: the `i` whose id is exactly
    /// `id`, nil when none. By the ids' bytes when the list is in their order (as the warehouse gives
    /// it), else as `String`s.
    package func search(_ id: String, count: Int, position: (Int) -> Int) -> Int? {
        guard isSortedByIDBytes else {
            let low = (0..<count).partitioningIndex { self.id(at: position($0)) < id }
            return low < count && self.id(at: position(low)) == id ? low : nil
        }
        var id = id
        return id.withUTF8 { bytes in
            let low = (0..<count).partitioningIndex { idUTF8(at: position($0)).lexicographicallyPrecedes(bytes) }
            return low < count && hasID(position(low), utf8: bytes) ? low : nil
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }

    public subscript(i: Int) -> CustomerRecord {
        let since = sinceDays[i]
        return CustomerRecord(id: id(at: i), managerID: managerID(at: i), remote: managerOf[i] & Self.remoteFlag != 0,
                              since: since == .min ? nil : CivilDate(daysSinceEpoch: Int(since)))
    }

    /// The id of the customer at `i`, without making the rest of its record.
    public func id(at i: Int) -> String { String(decoding: idUTF8(at: i), as: UTF8.self) }

    /// The manager id of the customer at `i`.
    public func managerID(at i: Int) -> String { managers[Int(managerOf[i] & ~Self.remoteFlag)] }

    /// The bytes of the id at `i`.
    package func idUTF8(at i: Int) -> ArraySlice<UInt8> { ids.utf8(at: i) }

    /// Whether the customer at `i` has exactly this id (its bytes).
    package func hasID(_ i: Int, _ id: String) -> Bool {
        var id = id
        return id.withUTF8 { hasID(i, utf8: $0) }
    }

    package func hasID(_ i: Int, utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let mine = idUTF8(at: i)
        return mine.count == bytes.count && mine.elementsEqual(bytes)
    }

    /// Whether the ids never fall (or, `strictly`, always rise) in `String`'s order, the order
    /// `sorted { $0.id < $1.id }` gives: told from the bytes when every id is ASCII.
    package func isSortedByID(strictly: Bool = false) -> Bool {
        if isSortedByIDBytes && idsAreASCII { return true }
        return indices.dropFirst().allSatisfy { strictly ? id(at: $0 - 1) < id(at: $0) : id(at: $0 - 1) <= id(at: $0) }
    }

    /// The same customers in the same order: ids and managers byte for byte, as the list tells them apart.
    public static func == (a: CustomerList, b: CustomerList) -> Bool {
        a.count == b.count && a.indices.allSatisfy { i in
            a.idUTF8(at: i).elementsEqual(b.idUTF8(at: i)) && a.managerID(at: i).utf8.elementsEqual(b.managerID(at: i).utf8)
                && a.managerOf[i] & remoteFlag == b.managerOf[i] & remoteFlag && a.sinceDays[i] == b.sinceDays[i]
        }
    }
}
