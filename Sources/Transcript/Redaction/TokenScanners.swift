/// The built-in token and secret patterns (the contact ones, e-mail and
/// phone, are in PatternScanners.swift); the same rules: one linear pass,
/// the sensitive part only.
extension PatternScanners {
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
