import ByteLevel
import Transcript

/// Small wording helpers shared by the builders: numbers, plurals, cut lines.
enum TextForm {
    /// 38412 → "38,412".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? word : (plural ?? word + "s"))"
    }

    /// The first non-empty line, whitespace collapsed, cut near `limit`
    /// characters at a word boundary with "…".
    static func shortLine(_ text: String, limit: Int) -> String {
        // Only the first two non-blank lines matter: the text may be long.
        var lines: [Substring] = []
        var rest = text[...]
        while lines.count < 2, !rest.isEmpty {
            let end = rest.firstIndex(where: { $0 == "\n" || $0 == "\r" }) ?? rest.endIndex
            let line = rest[..<end]
            if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        let words = (lines.first ?? "").split(whereSeparator: { $0.isWhitespace })
        var out = ""
        // An upper bound of out.count: a word that starts with a combining
        // mark joins the space before it, so the exact count is taken only
        // when the bound passes the limit.
        var outCount = 0
        for word in words {
            let bound = out.isEmpty ? word.count : outCount + 1 + word.count
            if bound > limit {
                let candidate = out.isEmpty ? String(word) : out + " " + word
                let exact = candidate.count
                if exact > limit {
                    if out.isEmpty { out = String(candidate.prefix(limit)) }
                    return out + "…"
                }
                out = candidate
                outCount = exact
                continue
            }
            if !out.isEmpty { out += " " }
            out += word
            outCount = bound
        }
        return lines.count > 1 ? out + " …" : out
    }

    /// `value` joined as "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    static func isMultiline(_ text: String) -> Bool {
        ByteView.of(text) { $0.byteIndex(of: 0x0A) != nil || $0.byteIndex(of: 0x0D) != nil }
    }
}
