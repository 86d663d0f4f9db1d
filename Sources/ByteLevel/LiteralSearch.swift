#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// The first place `needle` occurs byte for byte in the UTF-8 (no
    /// Unicode equivalence, like JavaScript's `indexOf`), or nil. An empty
    /// needle is found at the start. Foundation's `range(of:)` and
    /// `contains(_:)` go through NSString and compare by canonical
    /// equivalence: far slower, and not what the NOC frontend does.
    public func firstLiteralRange(of needle: some StringProtocol) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        let hay = utf8
        let offset = hay.withContiguousStorageIfAvailable { firstOccurrence(of: pattern, in: $0) }
            ?? Array(hay).withUnsafeBufferPointer { firstOccurrence(of: pattern, in: $0) }
        guard let offset else { return nil }
        let lower = hay.index(hay.startIndex, offsetBy: offset)
        return lower..<hay.index(lower, offsetBy: pattern.count)
    }

    /// Whether `needle` occurs byte for byte (see `firstLiteralRange`).
    public func containsLiteral(_ needle: some StringProtocol) -> Bool {
        firstLiteralRange(of: needle) != nil
    }
}

/// Offset of the first `pattern` in `hay`: `memchr` for its first byte, then
/// a comparison of the rest.
func firstOccurrence(of pattern: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = pattern.first else { return 0 }
    guard pattern.count <= hay.count, let base = hay.baseAddress else { return nil }
    let last = hay.count - pattern.count
    var start = 0
    return pattern.withUnsafeBufferPointer { p -> Int? in
        guard let needle = p.baseAddress else { return 0 }
        while start <= last, let i = hay.byteIndex(of: first, from: start, to: last + 1) {
            if memcmp(base + i, needle, p.count) == 0 { return i }
            start = i + 1
        }
        return nil
    }
}
