/// A map from 64-bit digest to 64-bit digest as a sorted array, with the
/// changes since it was last merged in aside (nil: removed), merged once
/// they are an eighth of it: 16 bytes an item, where a dictionary cost about
/// three times that.
struct SortedDigests {
    private(set) var merged: [(key: UInt64, value: UInt64)] = []
    private var recent: [UInt64: UInt64?] = [:]

    /// Sorted in place (a cache file is already in order): no second copy.
    init(sorting items: consuming [(key: UInt64, value: UInt64)] = []) {
        items.sort { $0.key < $1.key }
        merged = items
    }

    /// Room for `count` items, taken once: a merge then moves items within it
    /// instead of making a second array beside the first.
    mutating func reserve(_ count: Int) { merged.reserveCapacity(count) }

    subscript(key: UInt64) -> UInt64? {
        get {
            if let change = recent[key] { return change }
            let i = merged.partitioningIndex { $0.key >= key }
            return i < merged.count && merged[i].key == key ? merged[i].value : nil
        }
        set {
            recent[key] = .some(newValue)
            if recent.count > max(4096, merged.count / 8) { merge() }
        }
    }

    /// The changes into the sorted array, in place: values of known keys
    /// replaced, removed keys taken out, new keys merged in from the back.
    mutating func merge() {
        guard !recent.isEmpty else { return }
        let changes = recent.sorted { $0.key < $1.key }
        recent = [:]
        var inserts: [(key: UInt64, value: UInt64)] = []
        var removed: Set<UInt64> = []
        for (key, value) in changes {
            let i = merged.partitioningIndex { $0.key >= key }
            let known = i < merged.count && merged[i].key == key
            switch (known, value) {
            case (true, let value?): merged[i].value = value
            case (true, nil): removed.insert(key)
            case (false, let value?): inserts.append((key, value))
            case (false, nil): break
            }
        }
        if !removed.isEmpty { merged.removeAll { removed.contains($0.key) } }
        var i = merged.count - 1, j = inserts.count - 1
        merged.append(contentsOf: repeatElement((key: 0, value: 0), count: inserts.count))
        var w = merged.count - 1
        while j >= 0 {
            if i >= 0 && merged[i].key > inserts[j].key {
                merged[w] = merged[i]
                i -= 1
            } else {
                merged[w] = inserts[j]
                j -= 1
            }
            w -= 1
        }
    }
}
