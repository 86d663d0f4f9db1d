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
    /// characters at a word boundary with "…". Lines end at a lone "\n" or
    /// "\r" character ("\r\n" is one character, and whitespace).
    static func shortLine(_ text: String, limit: Int) -> String {
        // Only the first two non-blank lines matter, and of the first only
        // its opening words: the text may be long.
        var rest = text[...]
        var first: Substring?
        var more = false
        while !rest.isEmpty {
            let end = lineEnd(rest)
            let line = rest[..<end]
            if !line.allSatisfy(\.isWhitespace) {
                if first != nil { more = true; break }
                first = line
            }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        let line = first ?? ""
        let (out, cut) = collapsedASCII(line, limit: limit) ?? collapsed(line, limit: limit)
        return cut ? out + "…" : more ? out + " …" : out
    }

    /// Where the line starting `text` ends: its first lone "\n" or "\r".
    private static func lineEnd(_ text: Substring) -> Substring.Index {
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            let next = utf8.index(after: i)
            if byte == 0x0A { return i }
            if byte == 0x0D {
                if next == utf8.endIndex || utf8[next] != 0x0A { return i }
                i = utf8.index(after: next)
                continue
            }
            i = next
        }
        return utf8.endIndex
    }

    /// `collapsed` for a line whose words, as far as they are read, are
    /// ASCII (a character is then a byte, "\r\n" aside, which is blank);
    /// nil at the first other byte.
    private static func collapsedASCII(_ line: Substring, limit: Int) -> (String, cut: Bool)? {
        let utf8 = line.utf8
        var out: [UInt8] = []
        var i = utf8.startIndex
        while true {
            while i < utf8.endIndex, isASCIIBlank(utf8[i]) { i = utf8.index(after: i) }
            guard i < utf8.endIndex else { return (String(decoding: out, as: UTF8.self), false) }
            let start = i
            var wordCount = 0
            while i < utf8.endIndex, wordCount <= limit {
                let byte = utf8[i]
                if byte >= 0x80 { return nil }
                if isASCIIBlank(byte) { break }
                i = utf8.index(after: i)
                wordCount += 1
            }
            let bound = out.isEmpty ? wordCount : out.count + 1 + wordCount
            if bound > limit {
                if out.isEmpty { out.append(contentsOf: utf8[start...].prefix(limit)) }
                return (String(decoding: out, as: UTF8.self), true)
            }
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: utf8[start..<i])
        }
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, space.
    private static func isASCIIBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// `line`'s words joined by one space, and whether they were cut at
    /// `limit` characters (the caller adds the "…").
    private static func collapsed(_ line: Substring, limit: Int) -> (String, cut: Bool) {
        var out = ""
        // An upper bound of out.count: a word that starts with a combining
        // mark joins the space before it, so the exact count is taken only
        // when the bound passes the limit.
        var outCount = 0
        var i = line.startIndex
        while true {
            while i < line.endIndex, line[i].isWhitespace { i = line.index(after: i) }
            guard i < line.endIndex else { return (out, false) }
            // A word longer than the limit is cut wherever it ends: count no further.
            var end = i
            var wordCount = 0
            while end < line.endIndex, wordCount <= limit, !line[end].isWhitespace {
                end = line.index(after: end)
                wordCount += 1
            }
            let word = line[i..<end]
            if wordCount > limit {
                return (out.isEmpty ? String(word.prefix(limit)) : out, true)
            }
            i = end
            let bound = out.isEmpty ? wordCount : outCount + 1 + wordCount
            if bound > limit {
                let candidate = out.isEmpty ? String(word) : out + " " + word
                let exact = candidate.count
                if exact > limit {
                    return (out.isEmpty ? String(candidate.prefix(limit)) : out, true)
                }
                out = candidate
                outCount = exact
                continue
            }
            if !out.isEmpty { out += " " }
            out += word
            outCount = bound
        }
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
