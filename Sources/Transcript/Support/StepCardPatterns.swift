import ByteLevel

/// The step card's regular expressions (FORMAT.md §8) evaluated on UTF-8
/// bytes with JavaScript's semantics, without a regex engine:
///
///     /504|gateway\s*timeout/i   /502|bad\s*gateway/i
///     /404|not\s*found|endpoint.*not\s*exist/i
///     /401|403|unauthorized|forbidden/i   /rate\s*limit|429|throttl/i
///
/// - `/i` without `u` folds ASCII letters only: a needle letter matches its
///   two ASCII cases and nothing else (bytes of non-ASCII characters are all
///   >= 0x80, so "ı", "ſ" or the Kelvin sign never match).
/// - `\s` is JavaScript's white space plus line terminators (`isJSSpace`).
/// - `.` is anything but LF, CR, U+2028 and U+2029 (`isLineTerminator`).
/// Every pattern is words separated by `\s*`; words start and end with a
/// letter or digit, never white space, so skipping all white space
/// greedily is exactly what backtracking would find.
struct StepCardPatterns {
    let bytes: ByteView

    func kind() -> StepErrorKind {
        if has("504") || has(["gateway", "timeout"]) { return .gatewayTimeout }
        if has("502") || has(["bad", "gateway"]) { return .badGateway }
        if has("404") || has(["not", "found"]) || endpointThenNotExist() { return .notFound }
        if has("401") || has("403") || has("unauthorized") || has("forbidden") { return .auth }
        if has(["rate", "limit"]) || has("429") || has("throttl") { return .rateLimited }
        return .other
    }

    /// `(cleaned.match(/\[([^\]]+)\]/) || [, ''])[1]`: the text of the first
    /// bracket with at least one character inside (`[^\]]` crosses lines).
    func code() -> String {
        let n = bytes.count
        var i = 0
        while i < n {
            guard let open = bytes.byteIndex(of: UInt8(ascii: "["), from: i) else { return "" }
            guard open + 1 < n, let close = bytes.byteIndex(of: UInt8(ascii: "]"), from: open + 1) else { return "" }
            if close > open + 1 {
                return bytes.string((open + 1)..<close)
            }
            i = open + 1  // "[]": the next "[" may start a match
        }
        return ""
    }

    // MARK: - Matching

    private func has(_ word: StaticString) -> Bool { has([word]) }

    /// `w0\s*w1\s*...` anywhere.
    private func has(_ words: [StaticString]) -> Bool {
        var from = 0
        while let start = find(words[0], from: from) {
            if matchTail(words, after: start + words[0].utf8CodeUnitCount) != nil { return true }
            from = start + 1
        }
        return false
    }

    /// After the first word matched, the rest (each after `\s*`); the end of the match.
    private func matchTail(_ words: [StaticString], after end: Int) -> Int? {
        var at = end
        for word in words.dropFirst() {
            at = skipSpace(at)
            guard wordMatches(word, at: at) else { return nil }
            at += word.utf8CodeUnitCount
        }
        return at
    }

    /// `endpoint.*not\s*exist`: "not" must start on the line of "endpoint"
    /// (`\s*` after it may cross lines). Linear: the first `not\s*exist` at
    /// or after a position only moves forward, and an "endpoint" whose line
    /// ends before it lets the search resume after that line end.
    private func endpointThenNotExist() -> Bool {
        var from = 0
        var notExist: Int? = nil
        while let e = find("endpoint", from: from) {
            let after = e + 8
            if notExist.map({ $0 < after }) ?? true {
                notExist = firstNotExist(from: after)
            }
            guard let s = notExist else { return false }
            guard let stop = lineTerminator(in: after, s) else { return true }
            from = stop + 1
        }
        return false
    }

    private func firstNotExist(from: Int) -> Int? {
        var at = from
        while let s = find("not", from: at) {
            if matchTail(["not", "exist"], after: s + 3) != nil { return s }
            at = s + 1
        }
        return nil
    }

    /// The first LF, CR, U+2028 or U+2029 in `lower..<upper`.
    private func lineTerminator(in lower: Int, _ upper: Int) -> Int? {
        var i = lower
        while i < upper {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D { return i }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return i }
            i += 1
        }
        return nil
    }

    /// First position at or after `from` where `word` matches (ASCII case-insensitive).
    private func find(_ word: StaticString, from: Int) -> Int? {
        let length = word.utf8CodeUnitCount
        let first = word.withBytes { $0[0] }
        let upper = Self.isLetter(first) ? first & 0xDF : first
        var i = from
        while i + length <= bytes.count {
            let b = bytes[i]
            if (b == first || b == upper) && wordMatches(word, at: i) { return i }
            i += 1
        }
        return nil
    }

    private func wordMatches(_ word: StaticString, at: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard at + length <= bytes.count else { return false }
        return word.withBytes { w in
            for k in 0..<length {
                let b = bytes[at + k], c = w[k]
                if b == c { continue }
                if Self.isLetter(c) && b == c & 0xDF { continue }
                return false
            }
            return true
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

    /// Past every JavaScript `\s` starting at `at`.
    func skipSpace(_ at: Int) -> Int {
        var i = at
        while i < bytes.count, let width = Self.spaceWidth(bytes, i) { i += width }
        return i
    }

    /// The UTF-8 length of the `\s` character at `i`, or nil: tab, LF, VT,
    /// FF, CR, space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
    /// U+202F, U+205F, U+3000, U+FEFF.
    static func spaceWidth(_ b: ByteView, _ i: Int) -> Int? {
        let c = b[i]
        if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return 1 }
        if c < 0xC2 { return nil }
        let n = b.count
        switch c {
        case 0xC2: return i + 1 < n && b[i + 1] == 0xA0 ? 2 : nil
        case 0xE1: return i + 2 < n && b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : nil
        case 0xE2:
            guard i + 2 < n else { return nil }
            let c1 = b[i + 1], c2 = b[i + 2]
            if c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            return c1 == 0x81 && c2 == 0x9F ? 3 : nil
        case 0xE3: return i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : nil
        case 0xEF: return i + 2 < n && b[i + 1] == 0xBB && b[i + 2] == 0xBF ? 3 : nil
        default: return nil
        }
    }
}
