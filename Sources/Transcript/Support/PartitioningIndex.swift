extension RandomAccessCollection {
    /// The first index whose element belongs in the second partition, by a
    /// binary search: the collection must be partitioned by the predicate
    /// (every element for which it is false before every one for which it
    /// is true). `endIndex` when none is. The sorted-array lookups
    /// (documents by position, digests, names) all go through this one.
    public func partitioningIndex(where belongsInSecondPartition: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if try belongsInSecondPartition(self[mid]) {
                count = half
            } else {
                low = index(after: mid)
                count -= half + 1
            }
        }
        return low
    }
}
