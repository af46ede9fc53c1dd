import ScorecardModel
import ScorecardWarehouse

/// Where each customer stands in the period's customer list (`MetricInputs.customers`): one
/// index from id to position, shared by every per-customer figure of the period (the order
/// ledger's totals, the latest visits, the surveys, the previous and the new grades). A
/// String-keyed dictionary per figure was ~40 MB each on 1.1 M customers (issue 10).
///
/// The index is a table of positions (open addressing, linear probing, at most three quarters
/// full) that compares ids in the list itself, which it shares: 8 MB for 1.1 M customers where a
/// `[String: Int32]` was 42 MB (measured with `SCORECARD_TRACE_MEMORY=1`), hence written here.
/// Ids are hashed and compared by their bytes, as the list and the warehouse tell them apart.
public struct CustomerPositions: Sendable {
    private let customers: CustomerList
    /// A position per slot, -1 for an empty slot; a power of two long.
    private var slots: [Int32] = []

    public init() { customers = [] }

    /// The positions of `customers`, in their order (ids are unique in the warehouse; a repeated id keeps its last position).
    public init(_ customers: CustomerList) {
        self.customers = customers
        guard !customers.isEmpty else { return }
        // Up to three quarters full: twice the customers held 1.1 M customers' positions in 17 MB, at
        // every one of the metrics' peaks; 8 MB here (issue 29).
        var capacity = 16
        while capacity * 3 < customers.count * 4 { capacity <<= 1 }
        slots = Array(repeating: -1, count: capacity)
        for i in customers.indices {
            let id = customers.idUTF8(at: i)
            var slot = id.withUnsafeBufferPointer { ScorecardModel.slot(fnv1a($0), capacity: capacity) }
            while slots[slot] >= 0 && !customers.idUTF8(at: Int(slots[slot])).elementsEqual(id) { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(i)
        }
    }

    /// How many positions there are: the length of every array by position.
    public var count: Int { customers.count }

    public subscript(_ id: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        var id = id
        return id.withUTF8 { bytes in
            var slot = ScorecardModel.slot(fnv1a(bytes), capacity: slots.count)
            while slots[slot] >= 0 {
                let p = Int(slots[slot])
                if customers.hasID(p, utf8: bytes) { return p }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }
    }
}

/// One value per customer: in an array by position for the customers of the list, in a
/// dictionary for an id the list lacks (a visit of a customer not in the export; inputs built
/// by hand in tests).
public struct PerCustomer<Value: Sendable>: Sendable {
    public let positions: CustomerPositions
    private var listed: [Value?]
    private var others: [String: Value] = [:]

    public init(_ positions: CustomerPositions) {
        self.positions = positions
        listed = Array(repeating: nil, count: positions.count)
    }

    public init(_ values: [String: Value] = [:]) {
        positions = CustomerPositions()
        listed = []
        others = values
    }

    public subscript(_ id: String) -> Value? {
        get {
            if let p = positions[id] { return listed[p] }
            return others[id]
        }
        set {
            if let p = positions[id] { listed[p] = newValue } else { others[id] = newValue }
        }
    }
}

extension PerCustomer where Value: Comparable {
    /// Keeps the larger of a customer's value and `value` (one lookup: the latest visit of a
    /// million customers is raised row by row).
    public mutating func raise(_ id: String, to value: Value) {
        if let p = positions[id] {
            listed[p] = Swift.max(listed[p] ?? value, value)
        } else {
            others[id] = Swift.max(others[id] ?? value, value)
        }
    }
}

extension PerCustomer: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) { self.init(Dictionary(elements, uniquingKeysWith: { _, last in last })) }
}

extension PerCustomer where Value == Bool {
    /// `true` for each of `ids`.
    public init(marking ids: some Sequence<String>) { self.init(Dictionary(ids.map { ($0, true) }, uniquingKeysWith: { a, _ in a })) }

    public func contains(_ id: String) -> Bool { self[id] == true }
}
