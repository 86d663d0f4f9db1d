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
}
