import Transcript

/// A name's SHA-256, first 16 bytes: the set of a run's names without its strings.
struct NameDigest: Hashable, Comparable {
    var high: UInt64
    var low: UInt64

    init(_ name: String) { self.init(bytes: Array(name.utf8)) }

    /// The first 16 bytes of the SHA-256 of `bytes`.
    init(bytes: [UInt8]) {
        let d = SHA256.hash(bytes)
        high = d[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = d[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// From `hex`, 32 hex digits (as `hex` writes it); nil for anything else.
    init?(hex: String) { self.init(hex: ArraySlice(hex.utf8)) }

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

    var hex: String {
        [high, low].map { w in
            let s = String(w, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }

    static func < (a: NameDigest, b: NameDigest) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
