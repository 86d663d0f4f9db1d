/// One quick pass over a string that says which built-in patterns could
/// match at all, so most strings (prose, ids, numbers) never reach the
/// scanners. Each flag is a necessary condition of its pattern, nothing more.
struct PatternTriggers: OptionSet {
    let rawValue: UInt16

    static let at = PatternTriggers(rawValue: 1 << 0)              // '@' or "%40"
    static let plus = PatternTriggers(rawValue: 1 << 1)            // '+' then a digit
    static let equals = PatternTriggers(rawValue: 1 << 2)          // '='
    static let threeDigits = PatternTriggers(rawValue: 1 << 3)     // 3 digits then '-', '.' or ')'
    static let eyJ = PatternTriggers(rawValue: 1 << 4)             // "eyJ"
    static let bearer = PatternTriggers(rawValue: 1 << 5)          // "bearer", any case
    static let gh = PatternTriggers(rawValue: 1 << 6)              // "gh?_" or "github_pat_"
    static let skDash = PatternTriggers(rawValue: 1 << 7)          // "sk-"
    static let hex32 = PatternTriggers(rawValue: 1 << 8)           // 32 hex digits in a row

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Per byte: 1 digit, 2 hex digit, 4 a byte the switch below looks at.
    private static let classes: [UInt8] = (0..<256).map { v in
        let b = UInt8(v)
        var c: UInt8 = 0
        if isDigitByte(b) { c |= 1 }
        if isHexByte(b) { c |= 2 }
        if "@%=+-.)eBbGgs".utf8.contains(b) { c |= 4 }
        return c
    }

    init(scanning s: [UInt8]) {
        var found: UInt16 = 0
        let bytes = s.span
        let classes = Self.classes.span  // 256 entries: any byte indexes it
        let n = bytes.count
        var digits = 0
        var hex = 0
        for i in 0..<n {
            let b = bytes[unchecked: i]
            let c = classes[unchecked: Int(b)]
            if c & 2 != 0 {
                hex += 1
                if hex == 32 { found |= Self.hex32.rawValue }
            } else {
                hex = 0
            }
            if c & 1 != 0 { digits += 1; continue }
            if c & 4 != 0 { found |= Self.special(b, bytes, i, digits) }
            digits = 0
        }
        rawValue = found
    }

    @inline(__always)
    private static func special(_ b: UInt8, _ s: Span<UInt8>, _ i: Int, _ digits: Int) -> UInt16 {
        let n = s.count
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ")"):
            return digits == 3 ? threeDigits.rawValue : 0
        case UInt8(ascii: "@"): return at.rawValue
        case UInt8(ascii: "%"):
            return i + 2 < n && s[i + 1] == UInt8(ascii: "4") && s[i + 2] == UInt8(ascii: "0") ? at.rawValue : 0
        case UInt8(ascii: "="): return equals.rawValue
        case UInt8(ascii: "+"):
            return i + 1 < n && isDigitByte(s[i + 1]) ? plus.rawValue : 0
        case UInt8(ascii: "e"):
            return i + 2 < n && s[i + 1] == UInt8(ascii: "y") && s[i + 2] == UInt8(ascii: "J") ? eyJ.rawValue : 0
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            return i + 5 < n && lowerByte(s[i + 1]) == UInt8(ascii: "e") && lowerByte(s[i + 5]) == UInt8(ascii: "r") ? bearer.rawValue : 0
        case UInt8(ascii: "g"), UInt8(ascii: "G"):
            guard i + 3 < n else { return 0 }
            if lowerByte(s[i + 1]) == UInt8(ascii: "h") && s[i + 3] == UInt8(ascii: "_") { return gh.rawValue }
            return i + 10 < n && lowerByte(s[i + 6]) == UInt8(ascii: "_") && lowerByte(s[i + 10]) == UInt8(ascii: "_") ? gh.rawValue : 0
        case UInt8(ascii: "s"):
            return i + 2 < n && s[i + 1] == UInt8(ascii: "k") && s[i + 2] == UInt8(ascii: "-") ? skDash.rawValue : 0
        default:
            return 0
        }
    }
}

extension BuiltInPattern {
    /// The trigger without which the pattern cannot match.
    var trigger: PatternTriggers {
        switch self {
        case .email: return .at
        case .internationalPhone: return .plus
        case .northAmericanPhone: return .threeDigits
        case .jsonWebToken: return .eyJ
        case .bearerToken: return .bearer
        case .githubToken: return .gh
        case .skAPIKey: return .skDash
        case .connectionStringSecret, .sasSignature: return .equals
        case .hexAPIKey: return .hex32
        }
    }
}
