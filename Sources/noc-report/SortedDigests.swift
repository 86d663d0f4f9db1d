import Transcript

/// A map from digest to digest as a sorted array, with the changes since it
/// was last merged in aside (nil: removed), merged once they are a fifth of
/// it: 32 bytes an item, where a dictionary cost about twice that.
struct SortedDigests {
    private(set) var merged: [(NameDigest, NameDigest)] = []
    private var recent: [NameDigest: NameDigest?] = [:]

    init(_ items: [(NameDigest, NameDigest)] = []) {
        merged = items.sorted { $0.0 < $1.0 }
    }

    subscript(key: NameDigest) -> NameDigest? {
        get {
            if let change = recent[key] { return change }
            let i = merged.partitioningIndex { $0.0 >= key }
            return i < merged.count && merged[i].0 == key ? merged[i].1 : nil
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
        var out: [(NameDigest, NameDigest)] = []
        out.reserveCapacity(merged.count + changes.count)
        var i = 0
        for (key, value) in changes {
            while i < merged.count && merged[i].0 < key {
                out.append(merged[i])
                i += 1
            }
            if i < merged.count && merged[i].0 == key { i += 1 }
            if let value { out.append((key, value)) }
        }
        out.append(contentsOf: merged[i...])
        merged = out
    }
}
