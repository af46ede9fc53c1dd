extension RandomAccessCollection {
    /// The first index whose element is not before the point sought, by binary search: the
    /// collection holds every element for which `isBefore` is true ahead of every other.
    @inlinable package func partitioningIndex(where isBefore: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if try isBefore(self[mid]) {
                low = index(after: mid)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
