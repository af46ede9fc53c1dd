extension Array {
    /// The array with no more room than its elements: one grown by appending may hold up to twice
    /// as many (a month's visit plans on the bank-shaped set: 38 MB for 25 MB of plans, held at
    /// the metrics' peak, issue 29). Copied only when a quarter or more would be spare.
    package func trimmed() -> [Element] {
        guard capacity > count + count / 4 else { return self }
        var exact: [Element] = []
        exact.reserveCapacity(count)
        exact.append(contentsOf: self)
        return exact
    }
}
