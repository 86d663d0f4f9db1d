/// A map from 64-bit digest to 64-bit digest as a sorted array, with the
/// changes since it was last merged in aside (nil: removed), merged once
/// they are a fifth of it: 16 bytes an item, where a dictionary cost about
/// three times that.
struct SortedDigests {
    private(set) var merged: [(key: UInt64, value: UInt64)] = []
    private var recent: [UInt64: UInt64?] = [:]

    init(_ items: [(key: UInt64, value: UInt64)] = []) {
        self.init(sorting: items)
    }

    /// Sorted in place (a cache file is already in order): no second copy.
    init(sorting items: consuming [(key: UInt64, value: UInt64)]) {
        items.sort { $0.key < $1.key }
        merged = items
    }

    subscript(key: UInt64) -> UInt64? {
        get {
            if let change = recent[key] { return change }
            let i = merged.partitioningIndex { $0.key >= key }
            return i < merged.count && merged[i].key == key ? merged[i].value : nil
        }
        set {
            recent[key] = .some(newValue)
            if recent.count > max(4096, merged.count / 5) { merge() }
        }
    }

    /// The changes into the sorted array (one pass over both).
    mutating func merge() {
        guard !recent.isEmpty else { return }
        let changes = recent.sorted { $0.key < $1.key }
        recent = [:]
        var out: [(key: UInt64, value: UInt64)] = []
        out.reserveCapacity(merged.count + changes.count)
        var i = 0
        for (key, value) in changes {
            while i < merged.count && merged[i].key < key {
                out.append(merged[i])
                i += 1
            }
            if i < merged.count && merged[i].key == key { i += 1 }
            if let value { out.append((key, value)) }
        }
        out.append(contentsOf: merged[i...])
        merged = out
    }
}
