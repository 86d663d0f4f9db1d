/// The built-in patterns as byte scanners: one linear pass each, no regular
/// expressions, so they are fast and exactly what the comments say. Each
/// returns the byte ranges of the sensitive part only (for `Password=x`
/// the `x`), in order, not overlapping.
enum PatternScanners {
    // MARK: - E-mail addresses

    /// `local@domain.tld`: local part of `A-Za-z0-9._%+-`, a domain of at
    /// least two labels, and an alphabetic top-level label of two or more
    /// letters (so `user@10.0.0.1` and `admin@router1` are not addresses).
    /// The `@` may be percent-encoded (`%40`), as in a URL's query.
    static func emails(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var floor = 0
        var i = 0
        while i < s.count {
            let atLength: Int
            if s[i] == UInt8(ascii: "@") {
                atLength = 1
            } else if s[i] == UInt8(ascii: "%"), s.at(i + 1) == UInt8(ascii: "4"), s.at(i + 2) == UInt8(ascii: "0") {
                atLength = 3
            } else {
                i += 1
                continue
            }
            var start = i
            while start > floor && isLocalPartByte(s[start - 1]) { start -= 1 }
            while start < i && s[start] == UInt8(ascii: ".") { start += 1 }
            guard start < i, s[i - 1] != UInt8(ascii: ".") else { i += 1; continue }
            let domainStart = i + atLength - 1
            var end = domainStart + 1
            var lastDot = -1
            var labelLength = 0
            while end < s.count {
                let b = s[end]
                if isAlnumByte(b) || b == UInt8(ascii: "-") {
                    labelLength += 1
                    end += 1
                } else if b == UInt8(ascii: "."), labelLength > 0, s.at(end + 1).map(isAlnumByte) == true {
                    lastDot = end
                    labelLength = 0
                    end += 1
                } else {
                    break
                }
            }
            while end > domainStart + 1 && s[end - 1] == UInt8(ascii: "-") { end -= 1 }
            guard lastDot > domainStart + 1, end - lastDot - 1 >= 2, s[(lastDot + 1)..<end].allSatisfy(isAlphaByte) else {
                i += 1
                continue
            }
            out.append(start..<end)
            floor = end
            i = end
        }
        return out
    }

    @inline(__always) static func isLocalPartByte(_ b: UInt8) -> Bool {
        isAlnumByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    // MARK: - Phone numbers

    /// `+CC …`: a plus sign not glued to a word, then digit groups separated
    /// by one space, hyphen or dot, or written `(0)`/`(425)`. 8 to 15 digits
    /// (E.164), at least 10 when written without separators. A time-zone
    /// offset (`+10:00`), a signed decimal (`+1234.5678`) or a signed
    /// counter (`+1048576`) is not a phone number.
    static func internationalPhones(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard s[i] == UInt8(ascii: "+"), s.at(i + 1).map(isDigitByte) == true,
                  !(s.at(i - 1).map { isWordByte($0) || $0 == UInt8(ascii: "+") } ?? false) else { i += 1; continue }
            var j = i + 1
            var digits = 0
            var end = j
            var dots = 0
            var otherSeparators = 0
            scan: while j < s.count {
                let b = s[j]
                if isDigitByte(b) {
                    while j < s.count && isDigitByte(s[j]) { j += 1; digits += 1 }
                    end = j
                } else if b == UInt8(ascii: " ") || b == UInt8(ascii: "-") || b == UInt8(ascii: "."),
                          let next = s.at(j + 1), isDigitByte(next) || next == UInt8(ascii: "(") {
                    if b == UInt8(ascii: ".") { dots += 1 } else { otherSeparators += 1 }
                    j += 1
                } else if b == UInt8(ascii: "(") {
                    var k = j + 1
                    while k < s.count && isDigitByte(s[k]) { k += 1 }
                    guard k > j + 1, k - j - 1 <= 4, s.at(k) == UInt8(ascii: ")") else { break scan }
                    digits += k - j - 1
                    otherSeparators += 1
                    j = k + 1
                    end = j
                    if s.at(j) == UInt8(ascii: " "), s.at(j + 1).map(isDigitByte) == true { j += 1 }
                } else {
                    break
                }
            }
            let separated = otherSeparators > 0 || dots > 1
            let enough = separated ? (8...15).contains(digits) : (10...15).contains(digits)
            if enough && !(dots == 1 && otherSeparators == 0) && !(s.at(end).map(isWordByte) ?? false) {
                out.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// North-American form: `(NNN) NNN-NNNN`, `(NNN)NNN-NNNN`, `NNN-NNN-NNNN`
    /// or `NNN.NNN.NNNN`, with an optional leading `1-`, not glued to a word or to another number group
    /// (so UUIDs, dates, dispatch ids and IP addresses never match).
    static func northAmericanPhones(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        func digits(_ at: Int, _ count: Int) -> Bool {
            guard at >= 0, at + count <= s.count else { return false }
            for k in at..<(at + count) where !isDigitByte(s[k]) { return false }
            return true
        }
        func gluedBefore(_ i: Int) -> Bool {
            guard let p = s.at(i - 1) else { return false }
            if isWordByte(p) { return true }
            if p == UInt8(ascii: "-") || p == UInt8(ascii: ".") || p == UInt8(ascii: "/") {
                return s.at(i - 2).map(isAlnumByte) ?? false
            }
            return false
        }
        func gluedAfter(_ e: Int) -> Bool {
            guard let b = s.at(e) else { return false }
            if isWordByte(b) { return true }
            if b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/") {
                return s.at(e + 1).map(isAlnumByte) ?? false
            }
            return false
        }
        var i = 0
        while i < s.count {
            var end: Int? = nil
            if s[i] == UInt8(ascii: "("), digits(i + 1, 3), s.at(i + 4) == UInt8(ascii: ")") {
                var j = i + 5
                if s.at(j) == UInt8(ascii: " ") { j += 1 }
                if digits(j, 3), let sep = s.at(j + 3), sep == UInt8(ascii: "-") || sep == UInt8(ascii: " ") || sep == UInt8(ascii: "."),
                   digits(j + 4, 4) {
                    end = j + 8
                }
            } else if isDigitByte(s[i]), digits(i, 3), let sep = s.at(i + 3),
                      sep == UInt8(ascii: "-") || sep == UInt8(ascii: "."),
                      digits(i + 4, 3), s.at(i + 7) == sep, digits(i + 8, 4) {
                end = i + 12
            }
            // A leading country code "1-", "1." or "1 " belongs to the number.
            var first = i
            if end != nil, let sep = s.at(i - 1), sep == UInt8(ascii: "-") || sep == UInt8(ascii: ".") || sep == UInt8(ascii: " "),
               s.at(i - 2) == UInt8(ascii: "1"), !gluedBefore(i - 2) {
                first = i - 2
            }
            if let e = end, first < i || !gluedBefore(i), !gluedAfter(e) {
                out.append(first..<e)
                i = e
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: - Tokens

    /// JSON Web Token: `eyJ…` header, a payload of 10+ base64url characters,
    /// and a signature that may be empty (`alg: none`).
    static func jsonWebTokens(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i + 3 <= s.count {
            guard s[i] == UInt8(ascii: "e"), s[i + 1] == UInt8(ascii: "y"), s[i + 2] == UInt8(ascii: "J"),
                  !(s.at(i - 1).map(isBase64URLByte) ?? false) else { i += 1; continue }
            var j = i
            while j < s.count && isBase64URLByte(s[j]) { j += 1 }
            guard j - i >= 10, s.at(j) == UInt8(ascii: ".") else { i = j; continue }
            var k = j + 1
            while k < s.count && isBase64URLByte(s[k]) { k += 1 }
            guard k - j - 1 >= 10, s.at(k) == UInt8(ascii: ".") else { i = k; continue }
            var m = k + 1
            while m < s.count && isBase64URLByte(s[m]) { m += 1 }
            out.append(i..<m)
            i = m
        }
        return out
    }

    /// `Bearer <token>` (any case): the token only. A prose word after
    /// "Bearer" ("Bearer authentication") is not a token: a token has a digit
    /// (8+ characters), mixed case or punctuation (12+), or is 20+ long.
    static func bearerTokens(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard lowerByte(s[i]) == UInt8(ascii: "b"), s.hasWord("bearer", at: i),
                  !(s.at(i - 1).map(isAlnumByte) ?? false) else { i += 1; continue }
            var j = i + 6
            guard let sp = s.at(j), sp == 0x20 || sp == 0x09 else { i += 1; continue }
            while let b = s.at(j), b == 0x20 || b == 0x09 { j += 1 }
            var t = j
            while t < s.count && isTokenByte(s[t]) { t += 1 }
            while t > j && (s[t - 1] == UInt8(ascii: ".") || s[t - 1] == UInt8(ascii: ",")) { t -= 1 }
            let token = s[j..<t]
            let hasDigit = token.contains(where: isDigitByte)
            // Mixed case past the first letter: "Authorization" is a word, "AbcdefGhijKL" is not.
            let mixed = token.dropFirst().contains { $0 &- 0x41 < 26 } && token.contains { $0 &- 0x61 < 26 }
                || token.contains { !isAlnumByte($0) }
            if (token.count >= 8 && hasDigit) || (token.count >= 12 && mixed) || token.count >= 20 {
                out.append(j..<t)
                i = t
            } else {
                i = j
            }
        }
        return out
    }

    @inline(__always) static func isTokenByte(_ b: UInt8) -> Bool {
        isAlnumByte(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "~") || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")
    }

    /// GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` or `github_pat_`
    /// followed by 20+ letters, digits or underscores. The whole token.
    static func githubTokens(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i + 4 <= s.count {
            guard lowerByte(s[i]) == UInt8(ascii: "g"), !(s.at(i - 1).map(isWordByte) ?? false) else { i += 1; continue }
            var bodyStart = -1
            if s.hasWord("github_pat_", at: i) {
                bodyStart = i + 11
            } else if s[i] == UInt8(ascii: "g"), s[i + 1] == UInt8(ascii: "h"), s[i + 3] == UInt8(ascii: "_"),
                      [UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "s"), UInt8(ascii: "r")].contains(s[i + 2]) {
                bodyStart = i + 4
            }
            guard bodyStart > 0 else { i += 1; continue }
            var j = bodyStart
            while j < s.count && (isAlnumByte(s[j]) || s[j] == UInt8(ascii: "_")) { j += 1 }
            if j - bodyStart >= 20 {
                out.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// `sk-…` API keys (OpenAI, Anthropic and alike): the whole key, 16+
    /// characters after `sk-`, when it holds a random-looking run of 12+
    /// letters and digits with both kinds, so a kebab-case host name
    /// `sk-router-sydney-core-01` is kept.
    static func skAPIKeys(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i + 3 <= s.count {
            guard s[i] == UInt8(ascii: "s"), s[i + 1] == UInt8(ascii: "k"), s[i + 2] == UInt8(ascii: "-"),
                  !(s.at(i - 1).map { isWordByte($0) || $0 == UInt8(ascii: "-") } ?? false) else { i += 1; continue }
            var j = i + 3
            var randomRun = false
            var runLength = 0, runDigits = 0, runLetters = 0
            while j < s.count, isAlnumByte(s[j]) || s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "_") {
                if isAlnumByte(s[j]) {
                    runLength += 1
                    if isDigitByte(s[j]) { runDigits += 1 } else { runLetters += 1 }
                    if runLength >= 12 && runDigits > 0 && runLetters > 0 { randomRun = true }
                } else {
                    runLength = 0; runDigits = 0; runLetters = 0
                }
                j += 1
            }
            if j - i - 3 >= 16 && randomRun {
                out.append(i..<j)
                i = j
            } else {
                i += 3
            }
        }
        return out
    }

    // MARK: - Secrets

    /// The value after `AccountKey=`, `SharedAccessKey=`, `Password=` or
    /// `Pwd=` (any case, not part of a longer word such as `ResetPassword=`),
    /// up to `;`, `&`, a quote, `<`, `>` or white space.
    static func connectionStringSecrets(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard s[i] == UInt8(ascii: "=") else { i += 1; continue }
            var w = i
            while w > 0 && isAlphaByte(s[w - 1]) { w -= 1 }
            let named = s.hasWord("accountkey", at: w) && i - w == 10 || s.hasWord("sharedaccesskey", at: w) && i - w == 15
                || s.hasWord("password", at: w) && i - w == 8 || s.hasWord("pwd", at: w) && i - w == 3
            guard named, !(s.at(w - 1).map(isWordByte) ?? false) else { i += 1; continue }
            // A quoted value (`Password="a;b"`) runs to its closing quote.
            if let q = s.at(i + 1), q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                var close = i + 2
                while close < s.count && s[close] != q { close += 1 }
                if close < s.count && close > i + 2 { out.append((i + 2)..<close) }
                i = close + 1
                continue
            }
            var end = i + 1
            while end < s.count && !isValueTerminator(s[end]) { end += 1 }
            while end > i + 1, let last = s.at(end - 1),
                  last == UInt8(ascii: ".") || last == UInt8(ascii: ",") || last == UInt8(ascii: ")") { end -= 1 }
            if end > i + 1 { out.append((i + 1)..<end) }
            i = max(end, i + 1)
        }
        return out
    }

    @inline(__always) static func isValueTerminator(_ b: UInt8) -> Bool {
        isSpaceByte(b) || b == UInt8(ascii: ";") || b == UInt8(ascii: "&") || b == UInt8(ascii: "\"")
            || b == UInt8(ascii: "'") || b == UInt8(ascii: "`") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
    }

    /// The `sig=` of a shared access signature URL (after `?`, `&`, `;` —
    /// as in `&amp;sig=` — a quote or white space): the signature only.
    static func sasSignatures(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i + 4 <= s.count {
            guard lowerByte(s[i]) == UInt8(ascii: "s"), s.hasWord("sig=", at: i) else { i += 1; continue }
            let okBefore: Bool = {
                guard let p = s.at(i - 1) else { return true }
                return p == UInt8(ascii: "?") || p == UInt8(ascii: "&") || p == UInt8(ascii: ";") || isSpaceByte(p)
                    || p == UInt8(ascii: "\"") || p == UInt8(ascii: "'")
            }()
            guard okBefore else { i += 1; continue }
            var end = i + 4
            while end < s.count && !isValueTerminator(s[end]) && s[end] != UInt8(ascii: ")") && s[end] != UInt8(ascii: "#")
                    && s[end] != UInt8(ascii: ",") { end += 1 }
            while end > i + 4 && s[end - 1] == UInt8(ascii: ".") { end -= 1 }
            if end - i - 4 >= 4 { out.append((i + 4)..<end) }
            i = max(end, i + 4)
        }
        return out
    }

    /// Exactly 32 hexadecimal digits right after a word ending in `key`
    /// (`key`, `api-key`, `x-api-key`, `Ocp-Apim-Subscription-Key`, `apiKey`)
    /// and up to six separators (`=`, `:`, quotes, backticks, spaces). A 40-digit
    /// commit id, or a 32-digit checksum after any other word, is kept.
    static func hexAPIKeys(_ s: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard isHexByte(s[i]), !(s.at(i - 1).map(isWordByte) ?? false) else { i += 1; continue }
            var j = i
            while j < s.count && isHexByte(s[j]) { j += 1 }
            defer { i = j }
            guard j - i == 32, !(s.at(j).map(isWordByte) ?? false) else { continue }
            var k = i
            var separators = 0
            while separators < 6, let p = s.at(k - 1),
                  p == UInt8(ascii: " ") || p == UInt8(ascii: ":") || p == UInt8(ascii: "=") || p == UInt8(ascii: "\"")
                    || p == UInt8(ascii: "'") || p == UInt8(ascii: "`") || p == 0x09 {
                k -= 1
                separators += 1
            }
            guard separators > 0, k >= 3, s.hasWord("key", at: k - 3) else { continue }
            out.append(i..<j)
        }
        return out
    }

    /// Whether a whole value is 32 hexadecimal digits (a key stored under a
    /// field whose name ends in `key`).
    static func isHexKey(_ s: [UInt8]) -> Bool {
        s.count == 32 && s.allSatisfy(isHexByte)
    }
}
