/// Which untrusted URLs may become links. Only absolute `http:` and
/// `https:` URLs do (a dispatch's `maps_link`, a citation's `url`); any
/// other scheme (`javascript:`, `data:`, `file:`) or a relative path is
/// shown as text instead.
enum LinkPolicy {
    /// The URL when it may be a link, else nil.
    static func linkable(_ url: String?) -> String? {
        guard let url else { return nil }
        let trimmed = url.trimmingASCIIWhitespace()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        let rest = lower.drop(while: { $0 != ":" }).dropFirst(3)
        guard let host = rest.first, host != "/" else { return nil }
        // Control characters and spaces never belong in a URL; a browser
        // would strip or re-read them, so refuse rather than guess.
        if trimmed.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return nil }
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
