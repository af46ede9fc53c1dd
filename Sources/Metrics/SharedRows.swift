/// A list of result rows that a team's cut shares with the organisation's (SPEC §4.4): the
/// organisation's array, held once, and the positions of the team's rows in it, 4 bytes a row.
/// A half-organisation team's complaints and submission items were copies, 21 MB at the team
/// reports' peak on the bank-shaped set (issue 29).
public struct SharedRows<Element: Sendable>: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    private var all: [Element]
    /// The positions in `all` of these rows, rising; nil for all of them.
    private var picked: [UInt32]?

    public init(_ rows: [Element] = []) { all = rows }

    public init(arrayLiteral rows: Element...) { all = rows }

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked?.count ?? all.count }

    public subscript(i: Int) -> Element { all[position(i)] }

    /// Where the row at `i` is in `all`.
    private func position(_ i: Int) -> Int { picked.map { Int($0[i]) } ?? i }

    /// The rows `keep` keeps, sharing this list's storage.
    public func restricted(where keep: (Element) -> Bool) -> SharedRows {
        precondition(all.count <= Int(UInt32.max), "positions in 32 bits")
        var cut = self
        cut.picked = indices.compactMap { keep(self[$0]) ? UInt32(position($0)) : nil }
        return cut
    }

    /// Room for `count` rows: only while the list is whole.
    public mutating func reserveCapacity(_ count: Int) {
        precondition(picked == nil, "a cut is not added to")
        all.reserveCapacity(count)
    }

    public mutating func append(_ row: Element) {
        precondition(picked == nil, "a cut is not added to")
        all.append(row)
    }
}

extension SharedRows: Equatable where Element: Equatable {
    public static func == (a: SharedRows, b: SharedRows) -> Bool { a.elementsEqual(b) }
}
