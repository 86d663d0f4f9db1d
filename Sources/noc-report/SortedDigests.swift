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
            let i = index(of: key)
            return i < merged.count && merged[i].0 == key ? merged[i].1 : nil
        }
        set {
            recent[key] = .some(newValue)
            if recent.count > max(4096, merged.count / 5) { merge() }
        }
    }

    /// The first position whose key is not below `key`.
    private func index(of key: NameDigest) -> Int {
        var low = 0, high = merged.count
        while low < high {
            let mid = (low + high) / 2
            if merged[mid].0 < key { low = mid + 1 } else { high = mid }
        }
        return low
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

extension NameDigest {
    /// The first 16 bytes of the SHA-256 of `bytes`.
    init(bytes: [UInt8]) {
        let d = SHA256.hash(bytes)
        high = d[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = d[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// From 32 hex digits (lower case, as `hex` writes them).
    init?(hex: ArraySlice<UInt8>) {
        guard hex.count == 32 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (i, c) in hex.enumerated() {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            default: return nil
            }
            if i < 16 { words.0 = words.0 << 4 | UInt64(v) } else { words.1 = words.1 << 4 | UInt64(v) }
        }
        high = words.0
        low = words.1
    }
}
