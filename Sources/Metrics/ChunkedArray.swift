/// Values by position in chunks of 65 536, so that the front can be given back while the rest is
/// still read: the order ledger's per-customer totals go chunk by chunk as the grades' figures
/// are made from them, not all at once after (the bank-shaped set: 62 MB of totals beside 53 MB
/// of figures at grading's peak, issue 29).
struct ChunkedArray<Element> {
    private static var shift: Int { 16 }
    private var chunks: [[Element]] = []
    /// Positions below this were released.
    private(set) var released = 0
    private(set) var count = 0

    init() {}

    init(repeating value: Element, count: Int) {
        self.count = count
        var left = count
        while left > 0 {
            chunks.append(Array(repeating: value, count: min(left, 1 << Self.shift)))
            left -= 1 << Self.shift
        }
    }

    subscript(position: Int) -> Element {
        get {
            precondition(position >= released, "a released position is not read")
            return chunks[position >> Self.shift][position & ((1 << Self.shift) - 1)]
        }
        set { chunks[position >> Self.shift][position & ((1 << Self.shift) - 1)] = newValue }
    }

    /// Gives back every whole chunk below `position`: those positions are not read again.
    mutating func release(below position: Int) {
        let whole = min(position, count) >> Self.shift
        for c in (released >> Self.shift)..<max(whole, released >> Self.shift) { chunks[c] = [] }
        released = max(released, whole << Self.shift)
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
