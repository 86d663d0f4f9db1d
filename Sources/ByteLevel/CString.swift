#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C strings crossing into and out of a C library (libcmark): the only
/// pointer handling its bridge needs, so the bridge itself holds none.
/// Node handles stay `OpaquePointer`s that Swift never reads through.
public enum CString {
    /// `body` with `text`'s UTF-8 as a C buffer and its length (not
    /// NUL-terminated), valid only inside `body`.
    public static func withUTF8<T>(_ text: String, _ body: (UnsafePointer<CChar>?, Int) throws -> T) rethrows -> T {
        var text = text
        return try text.withUTF8 { buf in
            try buf.withMemoryRebound(to: CChar.self) { try body($0.baseAddress, $0.count) }
        }
    }

    /// The bytes of a C string the caller owns (malloc'ed by the library),
    /// which is freed.
    public static func take(_ text: UnsafeMutablePointer<CChar>) -> [UInt8] {
        defer { free(text) }
        return withBytes(text) { Array(UnsafeBufferPointer(start: $0, count: $1)) }
    }

    /// `body` with the bytes of a C string someone else owns, not copied.
    public static func withBytes<T>(_ text: UnsafePointer<CChar>, _ body: (Span<UInt8>) throws -> T) rethrows -> T {
        try withBytes(text) { try body(UnsafeBufferPointer(start: $0, count: $1).span) }
    }

    private static func withBytes<T>(_ text: UnsafePointer<CChar>, _ body: (UnsafePointer<UInt8>, Int) throws -> T) rethrows -> T {
        try body(UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), strlen(text))
    }
}
