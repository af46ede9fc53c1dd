import ScorecardModel

/// Each customer's latest instant (its latest counting visit, SPEC §3.3), kept by position in the
/// period's customer list like `PerCustomer`: 8 bytes a customer, where a `PerCustomer<Int>` takes
/// 16 (an optional integer is padded to two words; the bank-shaped set: 17.6 MB at the coverage's
/// peak, issue 29). An id the list lacks is kept aside.
public struct LatestInstants: Sendable, ExpressibleByDictionaryLiteral {
    public let positions: CustomerPositions
    /// `none` for no instant yet.
    private var listed: [Int]
    private var others: [String: Int] = [:]
    private static let none = Int.min

    public init(_ positions: CustomerPositions) {
        self.positions = positions
        listed = Array(repeating: Self.none, count: positions.count)
    }

    public init(dictionaryLiteral elements: (String, Int)...) {
        positions = CustomerPositions()
        listed = []
        others = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(_ id: String) -> Int? {
        if let p = positions[id] { return listed[p] == Self.none ? nil : listed[p] }
        return others[id]
    }

    /// Keeps the later of a customer's instant and `instant` (one lookup).
    public mutating func raise(_ id: String, to instant: Int) {
        precondition(instant != Self.none, "an instant at the start of time")
        if let p = positions[id] {
            listed[p] = Swift.max(listed[p], instant)
        } else {
            others[id] = Swift.max(others[id] ?? instant, instant)
        }
    }
}
