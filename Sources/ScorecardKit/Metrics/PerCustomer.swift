/// Where each customer stands in the period's customer list (`MetricInputs.customers`): one
/// map from id to position, shared by every per-customer figure of the period (the order
/// ledger's totals, the latest visits, the surveys, the previous and the new grades). A
/// String-keyed dictionary per figure was ~40 MB each on 1.1 M customers (issue 10).
public struct CustomerPositions: Sendable {
    private var positions: [String: Int32] = [:]
    /// How many positions there are: the length of every array by position.
    public private(set) var count = 0

    public init() {}

    /// The positions of `ids`, in their order (ids are unique in the warehouse; a repeated id keeps its last position).
    public init(_ ids: some Collection<String>) {
        positions.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { positions[id] = Int32(i) }
        count = ids.count
    }

    public subscript(_ id: String) -> Int? { positions[id].map(Int.init) }
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

extension PerCustomer: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) { self.init(Dictionary(elements, uniquingKeysWith: { _, last in last })) }
}

extension PerCustomer where Value == Bool {
    /// `true` for each of `ids`.
    public init(marking ids: some Sequence<String>) { self.init(Dictionary(ids.map { ($0, true) }, uniquingKeysWith: { a, _ in a })) }

    public func contains(_ id: String) -> Bool { self[id] == true }
}
