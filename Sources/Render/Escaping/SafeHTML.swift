import ByteLevel

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
        utf8 = HTMLEscaping.escaped(text)
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

/// The one HTML escaper, for `SafeHTML(escaping:)` and the HTML content
/// type (`TemplateContentType.html`): `<`, `>`, `&`, `"` and `'` as entities (the set swift-mustache
/// used), runs without them copied as they are.
enum HTMLEscaping {
    static func append(_ utf8: Span<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0..<utf8.count {
            let entity: StaticString
            switch utf8[unchecked: i] {
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            if runStart < i { out.append(utf8.extracting(runStart..<i)) }
            entity.withUTF8Buffer { out.append(contentsOf: $0) }
            runStart = i + 1
        }
        if runStart < utf8.count { out.append(utf8.extracting(runStart..<utf8.count)) }
    }

    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        append(bytes.span, to: &out)
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.makeContiguousUTF8()
        append(text.utf8.span, to: &out)
    }

    /// `text` escaped, as UTF-8.
    static func escaped(_ text: String) -> [UInt8] {
        var text = text
        text.makeContiguousUTF8()
        let src = text.utf8.span
        var out: [UInt8] = []
        out.reserveCapacity(src.count)
        append(src, to: &out)
        return out
    }
}
