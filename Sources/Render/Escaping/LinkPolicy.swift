/// The one policy for untrusted URLs (FORMAT.md §4): react-markdown's
/// `defaultUrlTransform`, which the NOC frontend applies to every link and
/// image of agent Markdown, decides which schemes survive; a report adds
/// that a relative URL never becomes a working link, because the report's
/// folder is not the frontend's origin.
enum LinkPolicy {
    /// What react-markdown would do with a URL, as this report applies it.
    enum Verdict: Equatable {
        /// A scheme react-markdown keeps: a link.
        case allowed
        /// No scheme (the first `:` comes after a `/`, `?` or `#`, or there
        /// is none), so the frontend keeps it and resolves it against its
        /// own origin; a report keeps it as text, never as a link.
        case relative
        /// Any other scheme: react-markdown empties the URL, and so does a report.
        case emptied
    }

    /// react-markdown 10's `safeProtocol`, `/^(https?|ircs?|mailto|xmpp)$/i`.
    static let safeSchemes: Set<String> = ["http", "https", "irc", "ircs", "mailto", "xmpp"]

    /// `defaultUrlTransform` on the URL exactly as parsed (character
    /// references and backslash escapes already decoded, so
    /// `javascript&#58;` is `javascript:`): the scheme is what precedes the
    /// first `:` when no `/`, `?` or `#` comes before it, compared without
    /// ASCII case and without trimming anything (" http:" is not "http").
    static func verdict(_ url: String) -> Verdict {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return .relative }
        if bytes[..<colon].contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            return .relative
        }
        // ASCII-only folding, as JavaScript's /i without the u flag.
        let scheme = String(decoding: bytes[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return safeSchemes.contains(scheme) ? .allowed : .emptied
    }

    /// For URL fields outside agent Markdown (a dispatch's `maps_link`, a
    /// citation's `url`): the URL when it may be a link, else nil (shown
    /// as text). The same verdict, on the URL trimmed of surrounding
    /// white space; an http(s) URL must name a host; white space or a
    /// control character inside refuses it rather than guess how a browser
    /// re-reads it.
    static func linkable(_ url: String?) -> String? {
        guard let url else { return nil }
        let trimmed = url.trimmingASCIIWhitespace()
        guard verdict(trimmed) == .allowed else { return nil }
        if trimmed.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http:") || lower.hasPrefix("https:") {
            let rest = lower.drop(while: { $0 != ":" }).dropFirst()
            guard rest.hasPrefix("//"), let host = rest.dropFirst(2).first, host != "/" else { return nil }
        }
        return trimmed
    }

    /// Percent-encodes everything outside RFC 3986's unreserved and
    /// reserved sets (and `<`, `>`, `"`, `\`, backtick), so the URL can sit
    /// in a Markdown `<...>` destination or an HTML attribute unchanged.
    static func percentEscaped(_ url: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count)
        for b in url.utf8 {
            if allowed(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A file name (already sanitised by the caller) as a relative link:
    /// every byte outside `[A-Za-z0-9._~-]` is percent-encoded, so the name
    /// can never turn into a scheme, a path outside the folder or markup.
    static func relativeFileLink(_ name: String) -> String {
        var out: [UInt8] = []
        for b in name.utf8 {
            let unreserved = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
            if unreserved {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        // "./" keeps a name like "javascript%3A..." from ever being read as a scheme.
        return "./" + String(decoding: out, as: UTF8.self)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func allowed(_ b: UInt8) -> Bool {
        if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { return true }
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"),
             UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "!"),
             UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
