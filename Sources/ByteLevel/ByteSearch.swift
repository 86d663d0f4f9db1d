#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeBufferPointer<UInt8> {
    /// Index of the first `byte` in `from..<to` (`to` defaults to the end),
    /// found with `memchr`, which looks at many bytes at a time.
    @inlinable
    func byteIndex(of byte: UInt8, from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = end ?? count
        guard start < end, let base = baseAddress, let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }
}

extension Span<UInt8> {
    /// Index of the first `byte` in `from..<to` (`to` defaults to the end),
    /// found with `memchr`, which looks at many bytes at a time.
    @inlinable
    public func byteIndex(of byte: UInt8, from start: Int = 0, to end: Int? = nil) -> Int? {
        withUnsafeBufferPointer { $0.byteIndex(of: byte, from: start, to: end) }
    }

    /// Index of the first quote, backslash or control byte from `start`, or `count`.
    @inlinable @inline(__always)
    public func firstStringSpecial(from start: Int) -> Int {
        withUnsafeBufferPointer { ByteLevel.firstStringSpecial($0, from: start) }
    }

    /// Whether the bytes are valid UTF-8 (no overlongs, no surrogates).
    @inlinable
    public var isValidUTF8: Bool { withUnsafeBufferPointer { ByteLevel.isValidUTF8($0) } }
}

extension Span<UInt8> {
    /// The 16 bytes at `offset` as one vector (bounds-checked: all 16 must
    /// be inside), for searches that test a block at a time.
    @inlinable @inline(__always)
    public func load16(at offset: Int) -> SIMD16<UInt8> {
        bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
    }

    /// Whether both hold the same bytes (`memcmp`).
    @inlinable
    public func bytesEqual(_ other: Span<UInt8>) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                guard let x = a.baseAddress, let y = b.baseAddress else { return true }
                return memcmp(x, y, a.count) == 0
            }
        }
    }
}

extension Span<UInt8> {
    /// Whether every byte is below 0x80.
    @inlinable
    public var isASCII: Bool {
        withUnsafeBufferPointer { $0.allSatisfy { $0 < 0x80 } }
    }

    /// Byte order (`memcmp`, then the shorter first): negative, 0 or positive.
    @inlinable
    public func compareBytes(_ other: Span<UInt8>) -> Int {
        let n = Swift.min(count, other.count)
        let c = withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b -> Int32 in
                guard n > 0, let x = a.baseAddress, let y = b.baseAddress else { return 0 }
                return memcmp(x, y, n)
            }
        }
        return c != 0 ? Int(c) : count - other.count
    }
}

extension Array<UInt8> {
    /// Appends the bytes of `span` (one copy, as from a buffer).
    @inlinable
    public mutating func append(_ span: Span<UInt8>) {
        span.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}

extension String {
    /// The bytes of `span` decoded as UTF-8 (invalid sequences become U+FFFD).
    @inlinable
    public init(decodingUTF8 span: Span<UInt8>) {
        self = span.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}

/// Vectorised searches for the scanners' hot loops: most of an export is the
/// inside of long strings, so finding the next quote or backslash 16 bytes
/// at a time is what makes the first pass and the parser fast.
@inlinable @inline(__always)
func firstStringSpecial(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = buf.count
    var i = start
    guard let base = buf.baseAddress else { return n }
    let raw = UnsafeRawPointer(base)
    let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
    let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
    let space = SIMD16<UInt8>(repeating: 0x20)
    while i + 16 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
        let hit = (v .== quote) .| (v .== backslash) .| (v .< space)
        if let lane = firstLane(hit) { return i + lane }
        i += 16
    }
    while i < n {
        let c = buf[i]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return i }
        i += 1
    }
    return n
}

/// Index of the first true lane, nil when none is: the lanes as bytes, read
/// as two little-endian words, so a trailing-zero count finds it (cheaper
/// than `any(_:)`, which reduces the mask through a generic `min`).
@inlinable @inline(__always)
func firstLane(_ hit: SIMDMask<SIMD16<Int8>>) -> Int? {
    let (low, high) = laneWords(hit)
    let lowLE = UInt64(littleEndian: low)
    if lowLE != 0 { return lowLE.trailingZeroBitCount >> 3 }
    let highLE = UInt64(littleEndian: high)
    return highLE != 0 ? 8 + (highLE.trailingZeroBitCount >> 3) : nil
}

/// Whether any lane is true, read the same way as `firstLane`.
@inlinable @inline(__always)
public func hasLane(_ hit: SIMDMask<SIMD16<Int8>>) -> Bool {
    let (low, high) = laneWords(hit)
    return low | high != 0
}

/// The mask's lanes as bytes (0xFF true), read as two words.
@inlinable @inline(__always)
func laneWords(_ hit: SIMDMask<SIMD16<Int8>>) -> (UInt64, UInt64) {
    unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: hit), to: (UInt64, UInt64).self)
}

/// Validates UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF),
/// skipping ASCII runs 16 bytes at a time.
@usableFromInline
func isValidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = buf.count
    guard let base = buf.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i < n {
        // Two words at a time: plain integer ops, no mask reduction.
        if i + 16 <= n {
            let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            if (a | b) & highs == 0 { i += 16; continue }
        }
        let c = buf[i]
        if c < 0x80 { i += 1; continue }
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && buf[j] & 0xC0 == 0x80 }
        if c >= 0xC2 && c <= 0xDF {
            guard cont(i + 1) else { return false }
            i += 2
        } else if c >= 0xE0 && c <= 0xEF {
            guard cont(i + 1), cont(i + 2) else { return false }
            let c1 = buf[i + 1]
            if c == 0xE0 && c1 < 0xA0 { return false }
            if c == 0xED && c1 >= 0xA0 { return false }
            i += 3
        } else if c >= 0xF0 && c <= 0xF4 {
            guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
            let c1 = buf[i + 1]
            if c == 0xF0 && c1 < 0x90 { return false }
            if c == 0xF4 && c1 >= 0x90 { return false }
            i += 4
        } else {
            return false
        }
    }
    return true
}
