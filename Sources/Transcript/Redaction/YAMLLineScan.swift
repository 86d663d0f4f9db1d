/// A line-by-line look at YAML text for `YAMLLimits`, not a parser: it only
/// bounds how deep a line can nest and spots keys that are aliases or
/// collections. It skips quoted text, comments and block scalars (`|`, `>`),
/// and errs on the side of a larger bound.
struct YAMLLineScan {
    struct Shape {
        /// At least the nesting depth of anything on the line.
        var depthBound = 0
        /// `*name :`, an alias as a mapping key.
        var aliasAsKey = false
        /// `? key` or `[…]: value`: a key that may be a collection.
        var complexKey = false
        var hasAlias = false
    }

    private var flowDepth = 0
    private var quote: UInt8?
    /// Lines indented more than this belong to a block scalar.
    private var blockScalarParent: Int?

    mutating func next(_ line: Substring) -> Shape {
        let bytes = Array(line.utf8)
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        let blank = indent == bytes.count || bytes[indent...].allSatisfy { $0 == 13 || $0 == 9 }
        if let parent = blockScalarParent, quote == nil {
            if blank || indent > parent { return Shape(depthBound: 0) }
            blockScalarParent = nil
        }
        var shape = Shape()
        var indicators = 0
        var deepestFlow = flowDepth
        var i = indent
        while i < bytes.count {
            let c = bytes[i]
            let prev: UInt8 = i > 0 ? bytes[i - 1] : 32
            let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 32
            if let q = quote {
                if q == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") { i += 2; continue }
                if c == q { quote = nil }
                i += 1
                continue
            }
            let tokenStart = Self.isBreak(prev)
            switch c {
            case UInt8(ascii: "#") where tokenStart:
                i = bytes.count
                continue
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if tokenStart { quote = c }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                deepestFlow = max(deepestFlow, flowDepth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
                if Self.colonFollows(bytes, after: i) { shape.complexKey = true }
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                guard Self.isBlank(next) else { break }
                indicators += 1
                if c == UInt8(ascii: "?") && tokenStart { shape.complexKey = true }
            case UInt8(ascii: "*") where tokenStart:
                shape.hasAlias = true
                var end = i + 1
                while end < bytes.count, Self.isAnchorByte(bytes[end]) { end += 1 }
                if Self.colonFollows(bytes, after: end - 1) { shape.aliasAsKey = true }
                i = end
                continue
            default:
                break
            }
            i += 1
        }
        if quote == nil, flowDepth == 0, Self.opensBlockScalar(bytes[indent...]) {
            blockScalarParent = indent
        }
        shape.depthBound = indent + indicators + deepestFlow
        return shape
    }

    /// The line's text (comment removed) ends with `|` or `>` and its indicators.
    private static func opensBlockScalar(_ text: ArraySlice<UInt8>) -> Bool {
        var end = text.endIndex
        if let hash = text.indices.first(where: { text[$0] == UInt8(ascii: "#") && ($0 == text.startIndex || isBlank(text[$0 - 1])) }) {
            end = hash
        }
        var body = text[text.startIndex..<end]
        while let last = body.last, isBlank(last) || last == 13 { body = body.dropLast() }
        while let last = body.last, last == UInt8(ascii: "-") || last == UInt8(ascii: "+") || (49...57).contains(last) {
            body = body.dropLast()
        }
        guard let last = body.last, last == UInt8(ascii: "|") || last == UInt8(ascii: ">") else { return false }
        let before = body.dropLast().last
        return before == nil || isBlank(before ?? 32)
    }

    private static func colonFollows(_ bytes: [UInt8], after i: Int) -> Bool {
        var j = i + 1
        while j < bytes.count, isBlank(bytes[j]) { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: ":") && (j + 1 == bytes.count || isBlank(bytes[j + 1]) || bytes[j + 1] == UInt8(ascii: ","))
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 }
    private static func isBreak(_ c: UInt8) -> Bool {
        isBlank(c) || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") || c == UInt8(ascii: ",")
    }
    private static func isAnchorByte(_ c: UInt8) -> Bool {
        (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 45 || c == 95
    }
}
