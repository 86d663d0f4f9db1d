/// Read-only bytes that someone else keeps alive: a memory-mapped input
/// for the length of `InputFile.withMappedBytes`, or an array for the length
/// of `ByteView.of(_:_:)`. The first pass keeps one in its scanner structs
/// and hands it to parallel segments, which a `Span` cannot do without the
/// experimental Lifetimes feature; this is the one type that can, so the
/// pointer stays in this module. Indices start at 0; reads are checked in
/// debug builds and free in release builds, as an `UnsafeBufferPointer`'s.
@frozen
public struct ByteView: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeBufferPointer<UInt8>

    @inlinable init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    /// For callers that already hold a buffer (the fuzz target): it must
    /// outlive every use of the view.
    @inlinable public init(unsafeBuffer buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    public static let empty = ByteView(UnsafeBufferPointer(start: nil, count: 0))

    /// `body` with a view of `bytes`, valid only inside it.
    @inlinable
    public static func of<T>(_ bytes: [UInt8], _ body: (ByteView) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { try body(ByteView($0)) }
    }

    /// `body` with a view of `text`'s UTF-8, valid only inside it.
    @inlinable
    public static func of<T>(_ text: String, _ body: (ByteView) throws -> T) rethrows -> T {
        var text = text
        return try text.withUTF8 { try body(ByteView($0)) }
    }

    @inlinable public var count: Int { buffer.count }
    @inlinable public var isEmpty: Bool { buffer.isEmpty }

    @inlinable public subscript(i: Int) -> UInt8 {
        @inline(__always) get { buffer[i] }
    }

    /// The first `n` bytes (same indices).
    @inlinable public func prefix(_ n: Int) -> ByteView {
        ByteView(UnsafeBufferPointer(rebasing: buffer[0..<n]))
    }

    /// A copy of the bytes in `range`.
    @inlinable public func array(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeBufferPointer(rebasing: buffer[range]))
    }

    /// The bytes in `range` decoded as UTF-8 (invalid sequences become U+FFFD).
    @inlinable public func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// Whether `byte` occurs in `range`.
    @inlinable public func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
        buffer.byteIndex(of: byte, from: range.lowerBound, to: range.upperBound) != nil
    }

    /// Index of the first `byte` in `from..<to` (`to` defaults to the end).
    @inlinable public func byteIndex(of byte: UInt8, from start: Int = 0, to end: Int? = nil) -> Int? {
        buffer.byteIndex(of: byte, from: start, to: end)
    }

    /// Index of the first quote, backslash or control byte from `start`, or `count`.
    @inlinable @inline(__always) public func firstStringSpecial(from start: Int) -> Int {
        ByteLevel.firstStringSpecial(buffer, from: start)
    }

    /// `body` with the bytes in `range` as a span.
    @inlinable public func withSpan<T>(_ range: Range<Int>, _ body: (Span<UInt8>) throws -> T) rethrows -> T {
        try body(UnsafeBufferPointer(rebasing: buffer[range]).span)
    }

    /// Whether the bytes are valid UTF-8.
    @inlinable public var isValidUTF8: Bool { ByteLevel.isValidUTF8(buffer) }

    /// The little-endian 64-bit word at `offset` (any alignment).
    @inlinable public func word64(at offset: Int) -> UInt64 {
        precondition(offset >= 0 && offset + 8 <= buffer.count)
        return UInt64(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The little-endian 32-bit word at `offset` (any alignment).
    @inlinable public func word32(at offset: Int) -> UInt32 {
        precondition(offset >= 0 && offset + 4 <= buffer.count)
        return UInt32(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
