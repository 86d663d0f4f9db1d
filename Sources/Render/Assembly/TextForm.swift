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
        var text = text
        if let ascii = text.withUTF8({ utf8 in utf8.allSatisfy { $0 < 0x80 } ? asciiShortLine(utf8, limit: limit) : nil }) {
            return ascii
        }
        return shortLineByCharacters(text, limit: limit)
    }

    /// `shortLineByCharacters` for ASCII text, on bytes (the index calls
    /// this for every row). As with `Character`s, CR LF is one character:
    /// whitespace, but not a line break.
    static func asciiShortLine(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        @inline(__always) func breaksLine(_ i: Int) -> Bool {
            b[i] == 0x0A ? !(i > 0 && b[i - 1] == 0x0D) : (b[i] == 0x0D && !(i + 1 < b.count && b[i + 1] == 0x0A))
        }
        // The first two non-blank lines.
        var lines: [Range<Int>] = []
        var start = 0
        var i = 0
        while lines.count < 2 && start <= b.count {
            while i < b.count && !breaksLine(i) { i += 1 }
            if (start..<i).contains(where: { !isSpace(b[$0]) }) { lines.append(start..<i) }
            i += 1
            start = i
        }
        var out: [UInt8] = []
        if let line = lines.first {
            var j = line.lowerBound
            while j < line.upperBound {
                while j < line.upperBound && isSpace(b[j]) { j += 1 }
                let wordStart = j
                while j < line.upperBound && !isSpace(b[j]) { j += 1 }
                guard j > wordStart else { break }
                let length = (out.isEmpty ? 0 : out.count + 1) + (j - wordStart)
                if length > limit {
                    if out.isEmpty { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[wordStart..<(wordStart + limit)])) }
                    return String(decoding: out, as: UTF8.self) + "…"
                }
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[wordStart..<j]))
            }
        }
        let first = String(decoding: out, as: UTF8.self)
        return lines.count > 1 ? first + " …" : first
    }

    /// The definition, on `Character`s.
    static func shortLineByCharacters(_ text: String, limit: Int) -> String {
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
        var text = text
        return text.withUTF8 { $0.byteIndex(of: 0x0A) != nil || $0.byteIndex(of: 0x0D) != nil }
    }
}

extension JSONValue {
    /// Text for a field shown to people: strings as they are, other values
    /// as compact JSON, null and empty strings as nil.
    var shownText: String? {
        if isNull { return nil }
        let text = displayText
        return text.isEmpty ? nil : text
    }
}
