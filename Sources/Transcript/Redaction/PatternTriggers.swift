/// One quick pass over a string that says which built-in patterns could
/// match at all, so most strings (prose, ids, numbers) never reach the
/// scanners. Each flag is a necessary condition of its pattern, nothing more.
struct PatternTriggers: OptionSet {
    let rawValue: UInt16

    static let at = PatternTriggers(rawValue: 1 << 0)              // '@'
    static let plus = PatternTriggers(rawValue: 1 << 1)            // '+' then a digit
    static let equals = PatternTriggers(rawValue: 1 << 2)          // '='
    static let threeDigits = PatternTriggers(rawValue: 1 << 3)     // 3 digits then '-', '.' or ')'
    static let eyJ = PatternTriggers(rawValue: 1 << 4)             // "eyJ"
    static let bearer = PatternTriggers(rawValue: 1 << 5)          // "bearer", any case
    static let gh = PatternTriggers(rawValue: 1 << 6)              // "gh" or "gi", any case
    static let skDash = PatternTriggers(rawValue: 1 << 7)          // "sk-"
    static let hex32 = PatternTriggers(rawValue: 1 << 8)           // 32 hex digits in a row

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init(scanning s: [UInt8]) {
        var found: UInt16 = 0
        s.withUnsafeBufferPointer { s in
            let n = s.count
            var digits = 0
            var hex = 0
            for i in 0..<n {
                let b = s[i]
                if isHexByte(b) {
                    hex += 1
                    if hex == 32 { found |= Self.hex32.rawValue }
                } else {
                    hex = 0
                }
                if isDigitByte(b) {
                    digits += 1
                    continue
                }
                if digits == 3 && (b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: ")")) {
                    found |= Self.threeDigits.rawValue
                }
                digits = 0
                switch b {
                case UInt8(ascii: "@"): found |= Self.at.rawValue
                case UInt8(ascii: "="): found |= Self.equals.rawValue
                case UInt8(ascii: "+"):
                    if i + 1 < n && isDigitByte(s[i + 1]) { found |= Self.plus.rawValue }
                case UInt8(ascii: "e"):
                    if i + 2 < n && s[i + 1] == UInt8(ascii: "y") && s[i + 2] == UInt8(ascii: "J") { found |= Self.eyJ.rawValue }
                case UInt8(ascii: "b"), UInt8(ascii: "B"):
                    if i + 5 < n && lowerByte(s[i + 1]) == UInt8(ascii: "e") && lowerByte(s[i + 5]) == UInt8(ascii: "r") {
                        found |= Self.bearer.rawValue
                    }
                case UInt8(ascii: "g"), UInt8(ascii: "G"):
                    if i + 1 < n, case let c = lowerByte(s[i + 1]), c == UInt8(ascii: "h") || c == UInt8(ascii: "i") {
                        found |= Self.gh.rawValue
                    }
                case UInt8(ascii: "s"):
                    if i + 2 < n && s[i + 1] == UInt8(ascii: "k") && s[i + 2] == UInt8(ascii: "-") { found |= Self.skDash.rawValue }
                default: break
                }
            }
        }
        rawValue = found
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
