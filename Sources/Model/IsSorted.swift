extension Sequence {
    /// Whether each element and the next are in order by `inOrder` (`<` for strictly rising,
    /// `<=` for never falling): the check before a sort is skipped or a list is searched.
    @inlinable package func isSorted(by inOrder: (Element, Element) throws -> Bool) rethrows -> Bool {
        try zip(self, dropFirst()).allSatisfy(inOrder)
    }
}
