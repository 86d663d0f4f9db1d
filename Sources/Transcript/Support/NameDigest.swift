/// A name's or an id's SHA-256, first 16 bytes: a set of names or ids
/// without their strings (the run's report names, the catalogue's ids, the
/// name allocator's). Equal only byte for byte.
public struct NameDigest: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(_ name: String) { self.init(bytes: Array(name.utf8)) }

    /// The first 16 bytes of the SHA-256 of `bytes`.
    public init(bytes: [UInt8]) {
        let d = SHA256.hash(bytes)
        high = d[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = d[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// From `hex`, 32 hex digits (as `hex` writes it); nil for anything else.
    public init?(hex: String) { self.init(hex: ArraySlice(hex.utf8)) }

    /// From 32 hex digits (lower case, as `hex` writes them).
    public init?(hex: ArraySlice<UInt8>) {
        guard hex.count == 32, let high = Self.word(hex: hex.prefix(16)), let low = Self.word(hex: hex.suffix(16)) else { return nil }
        self.high = high
        self.low = low
    }

    public var hex: String { Self.hex(high) + Self.hex(low) }

    /// A 64-bit word as 16 lower-case hex digits.
    public static func hex(_ word: UInt64) -> String {
        let s = String(word, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The word of 16 lower-case hex digits; nil for anything else.
    public static func word(hex: ArraySlice<UInt8>) -> UInt64? {
        guard hex.count == 16 else { return nil }
        var word: UInt64 = 0
        for c in hex {
            guard let v = Hex.value(of: c) else { return nil }
            word = word << 4 | UInt64(v)
        }
        return word
    }

    public static func < (a: NameDigest, b: NameDigest) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
