/// HTML that is safe to paste into a page as it is.
///
/// The only ways to make one are escaping text (`init(escaping:)`) and the
/// CommonMark wrapper (`CommonMark.html`); a rendered template escapes its
/// plain-text variables. Anything untrusted therefore
/// reaches the page escaped, by construction, whichever path it took.
public struct SafeHTML: Sendable, Hashable, CustomStringConvertible {
    /// The markup, as UTF-8: written to pages as it is, never re-validated.
    public let utf8: [UInt8]

    /// The markup.
    public var html: String { String(decoding: utf8, as: UTF8.self) }

    /// Escapes `& < > " '`, so the result is safe both as element text and
    /// inside a quoted attribute value.
    public init(escaping text: String) {
        utf8 = Array(HTMLEscaper.escape(text).utf8)
    }

    /// For the CommonMark wrapper only: the caller vouches that the bytes
    /// (valid UTF-8) came out of an escaping pipeline.
    init(trustedUTF8 bytes: [UInt8]) {
        utf8 = bytes
    }

    public static let empty = SafeHTML(trustedUTF8: [])

    public var isEmpty: Bool { utf8.isEmpty }
    public var description: String { html }

    public static func + (a: SafeHTML, b: SafeHTML) -> SafeHTML {
        SafeHTML(trustedUTF8: a.utf8 + b.utf8)
    }
}

/// The byte loop behind `SafeHTML(escaping:)`. Text without any of the five
/// characters (the common case) is returned without a copy.
enum HTMLEscaper {
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { src -> String in
            guard let first = src.firstIndex(where: needsEscape) else { return String(decoding: src, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(src.count + src.count / 8 + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: src[..<first]))
            for byte in src[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: amp)
                case UInt8(ascii: "<"): out.append(contentsOf: lt)
                case UInt8(ascii: ">"): out.append(contentsOf: gt)
                case UInt8(ascii: "\""): out.append(contentsOf: quot)
                case UInt8(ascii: "'"): out.append(contentsOf: apos)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&#39;".utf8)
}
