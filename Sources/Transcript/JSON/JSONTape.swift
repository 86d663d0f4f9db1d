import ByteLevel

/// A parsed JSON text: the bytes it came from plus a flat "tape" of nodes.
///
/// Strings and numbers are kept as byte ranges and decoded only when read, so a
/// payload the replay merely passes along is never turned into Swift values.
public final class JSONTape: @unchecked Sendable {
    // Immutable after init; shared read-only between values.
    public let bytes: [UInt8]
    let nodes: [JSONNode]

    init(bytes: [UInt8], nodes: [JSONNode]) {
        self.bytes = bytes
        self.nodes = nodes
    }

    /// Parses `bytes` as one JSON value; whitespace may surround it.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 512) throws(JSONError) -> JSONTape {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        let nodes = try parser.parseDocument()
        return JSONTape(bytes: bytes, nodes: nodes)
    }

    public var root: JSONValue { JSONValue(tape: self, index: 0) }
}

enum JSONNodeKind: UInt8 {
    case null, `false`, `true`, number, string, array, object
}

struct JSONNode {
    var kind: JSONNodeKind
    /// For strings: the content contains backslash escapes.
    var escaped: Bool
    /// Byte range: for strings the content between the quotes; for containers
    /// from the opening to one past the closing bracket.
    var start: UInt32
    var end: UInt32
    /// For containers: index of the first node after the subtree, and the
    /// number of direct children (keys and values both count for objects).
    var next: UInt32
    var count: UInt32
}

/// Where and why a JSON text could not be parsed.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidString
        case invalidNumber
        case tooDeep(Int)
        case trailingContent
        case tooLarge
    }
    public var offset: Int
    public var reason: Reason

    public var description: String {
        if case .tooLarge = reason { return reasonText }
        return reasonText + " at byte \(offset)"
    }

    /// What is wrong, without where (a problem's location says that).
    public var reasonText: String {
        switch reason {
        case .unexpectedEnd: return "the JSON ends early (truncated)"
        case .unexpectedByte(let b):
            let shown = (0x20..<0x7f).contains(b) ? "'\(Character(UnicodeScalar(b)))'" : "byte 0x" + String(b, radix: 16, uppercase: true)
            return "unexpected \(shown)"
        case .invalidString: return "invalid string (bad escape or control character)"
        case .invalidNumber: return "invalid number"
        case .tooDeep(let limit): return "nesting deeper than \(limit) levels"
        case .trailingContent: return "unexpected content after the JSON value"
        case .tooLarge: return "document larger than 4 GiB"
        }
    }
}

@inline(__always) func isJSONSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
}

@inline(__always) func skipJSONSpace(_ buf: Span<UInt8>, _ i: inout Int) {
    while i < buf.count && isJSONSpace(buf[unchecked: i]) { i += 1 }
}

/// Builds the tape. Iterative, so hostile nesting cannot overflow the stack.
struct JSONParser {
    let bytes: [UInt8]
    let maxDepth: Int
    var nodes: [JSONNode] = []

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONError) -> [JSONNode] {
        guard bytes.count < Int(UInt32.max) else { throw JSONError(offset: 0, reason: .tooLarge) }
        nodes.reserveCapacity(max(16, bytes.count / 24))
        let count = bytes.count
        let bytes = self.bytes
        let end = try parse(bytes.span)
        var i = end
        while i < count && isJSONSpace(bytes[i]) { i += 1 }
        if i < count { throw JSONError(offset: i, reason: .trailingContent) }
        return nodes
    }

    private mutating func parse(_ buf: Span<UInt8>) throws(JSONError) -> Int {
        let n = buf.count
        var i = 0
        // Open containers: node index of each.
        var stack: [Int] = []
        stack.reserveCapacity(32)
        // Inside an object: whether the next token must be a key.
        var expectKey = false

        while true {
            skipJSONSpace(buf, &i)
            guard i < n else { throw JSONError(offset: i, reason: .unexpectedEnd) }
            let b = buf[unchecked: i]
            if expectKey {
                // Either a key string or the closing brace of an empty object.
                guard b == UInt8(ascii: "}") else {
                    try parseKey(buf, &i, &stack)
                    expectKey = false
                    continue
                }
                // Only legal directly after '{'.
                if nodes[stack[stack.count - 1]].count != 0 { throw JSONError(offset: i, reason: .unexpectedByte(b)) }
                i += 1
                closeContainer(&stack, end: i)
            } else if try !parseValue(buf, b, &i, &stack, &expectKey) {
                continue
            }
            if let end = try afterValue(buf, &i, &stack, &expectKey) { return end }
        }
    }

    /// A key and its colon, at the quote at `i`.
    @inline(__always)
    private mutating func parseKey(_ buf: Span<UInt8>, _ i: inout Int, _ stack: inout [Int]) throws(JSONError) {
        let b = buf[unchecked: i]
        guard b == UInt8(ascii: "\"") else { throw JSONError(offset: i, reason: .unexpectedByte(b)) }
        i = try parseString(buf, at: i)
        nodes[stack[stack.count - 1]].count += 1
        skipJSONSpace(buf, &i)
        guard i < buf.count else { throw JSONError(offset: i, reason: .unexpectedEnd) }
        guard buf[unchecked: i] == UInt8(ascii: ":") else { throw JSONError(offset: i, reason: .unexpectedByte(buf[unchecked: i])) }
        i += 1
    }

    /// The value starting with `b` at `i`; false when it opened a container
    /// whose contents come next, true when the value is complete.
    @inline(__always)
    private mutating func parseValue(_ buf: Span<UInt8>, _ b: UInt8, _ i: inout Int,
                                     _ stack: inout [Int], _ expectKey: inout Bool) throws(JSONError) -> Bool {
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try openContainer(buf, b, &i, &stack, &expectKey)
        case UInt8(ascii: "\""):
            if let parent = stack.last { nodes[parent].count += 1 }
            i = try parseString(buf, at: i)
        case UInt8(ascii: "t"):
            try literal(buf, at: i, "true")
            appendScalar(&stack, .true, i, i + 4); i += 4
        case UInt8(ascii: "f"):
            try literal(buf, at: i, "false")
            appendScalar(&stack, .false, i, i + 5); i += 5
        case UInt8(ascii: "n"):
            try literal(buf, at: i, "null")
            appendScalar(&stack, .null, i, i + 4); i += 4
        default:
            let end = try scanNumber(buf, at: i)
            appendScalar(&stack, .number, i, end)
            i = end
        }
        return true
    }

    /// `{` or `[` at `i`; true only for an empty array, closed at once.
    @inline(__always)
    private mutating func openContainer(_ buf: Span<UInt8>, _ b: UInt8, _ i: inout Int,
                                        _ stack: inout [Int], _ expectKey: inout Bool) throws(JSONError) -> Bool {
        if stack.count >= maxDepth { throw JSONError(offset: i, reason: .tooDeep(maxDepth)) }
        if let parent = stack.last { nodes[parent].count += 1 }
        let isObject = b == UInt8(ascii: "{")
        stack.append(nodes.count)
        nodes.append(JSONNode(kind: isObject ? .object : .array, escaped: false,
                              start: UInt32(i), end: 0, next: 0, count: 0))
        i += 1
        if isObject {
            expectKey = true
            return false
        }
        skipJSONSpace(buf, &i)
        guard i < buf.count else { throw JSONError(offset: i, reason: .unexpectedEnd) }
        guard buf[unchecked: i] == UInt8(ascii: "]") else { return false }
        i += 1
        closeContainer(&stack, end: i)
        return true
    }

    /// After a value (or a closed container): a separator, a closer, or the
    /// end. Returns the index after the whole document once it is closed,
    /// nil after a separator (the next key or value follows).
    @inline(__always)
    private mutating func afterValue(_ buf: Span<UInt8>, _ i: inout Int, _ stack: inout [Int],
                                     _ expectKey: inout Bool) throws(JSONError) -> Int? {
        while true {
            guard let open = stack.last else { return i }
            skipJSONSpace(buf, &i)
            guard i < buf.count else { throw JSONError(offset: i, reason: .unexpectedEnd) }
            let b = buf[unchecked: i]
            let isObject = nodes[open].kind == .object
            if b == UInt8(ascii: ",") {
                i += 1
                expectKey = isObject
                return nil
            }
            guard (isObject && b == UInt8(ascii: "}")) || (!isObject && b == UInt8(ascii: "]")) else {
                throw JSONError(offset: i, reason: .unexpectedByte(b))
            }
            i += 1
            closeContainer(&stack, end: i)
        }
    }

    @inline(__always)
    private mutating func appendScalar(_ stack: inout [Int], _ kind: JSONNodeKind, _ start: Int, _ end: Int) {
        if let parent = stack.last { nodes[parent].count += 1 }
        nodes.append(JSONNode(kind: kind, escaped: false, start: UInt32(start), end: UInt32(end),
                              next: UInt32(nodes.count + 1), count: 0))
    }

    @inline(__always)
    private mutating func closeContainer(_ stack: inout [Int], end: Int) {
        let open = stack.removeLast()
        nodes[open].end = UInt32(end)
        nodes[open].next = UInt32(nodes.count)
    }

    private func literal(_ buf: Span<UInt8>, at i: Int, _ word: StaticString) throws(JSONError) {
        let len = word.utf8CodeUnitCount
        guard i + len <= buf.count else { throw JSONError(offset: buf.count, reason: .unexpectedEnd) }
        for k in 0..<len where buf[unchecked: i + k] != word.withBytes({ $0[k] }) {
            throw JSONError(offset: i + k, reason: .unexpectedByte(buf[unchecked: i + k]))
        }
    }

    /// Appends a string node for the string starting at the quote at `i`;
    /// returns the index after the closing quote.
    private mutating func parseString(_ buf: Span<UInt8>, at start: Int) throws(JSONError) -> Int {
        let (end, escaped) = try scanString(buf, at: start)
        nodes.append(JSONNode(kind: .string, escaped: escaped, start: UInt32(start + 1), end: UInt32(end - 1),
                              next: UInt32(nodes.count + 1), count: 0))
        return end
    }
}

/// Validates the string whose opening quote is at `start`; returns the index
/// after its closing quote and whether it holds escapes.
@inline(__always)
func scanString(_ buf: Span<UInt8>, at start: Int) throws(JSONError) -> (Int, Bool) {
    let n = buf.count
    var i = start + 1
    var escaped = false
    while i < n {
        i = buf.firstStringSpecial(from: i)
        guard i < n else { break }
        let c = buf[unchecked: i]
        if c == UInt8(ascii: "\"") { return (i + 1, escaped) }
        if c == UInt8(ascii: "\\") {
            escaped = true
            guard i + 1 < n else { throw JSONError(offset: n, reason: .unexpectedEnd) }
            switch buf[unchecked: i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                 UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard i + 6 <= n else { throw JSONError(offset: n, reason: .unexpectedEnd) }
                for k in 2..<6 where hexValue(buf[unchecked: i + k]) == nil {
                    throw JSONError(offset: i + k, reason: .invalidString)
                }
                i += 6
            default:
                throw JSONError(offset: i + 1, reason: .invalidString)
            }
            continue
        }
        if c < 0x20 { throw JSONError(offset: i, reason: .invalidString) }
        i += 1
    }
    throw JSONError(offset: n, reason: .unexpectedEnd)
}

/// JSON number grammar (RFC 8259); returns the index after the number.
func scanNumber(_ buf: Span<UInt8>, at start: Int) throws(JSONError) -> Int {
    let n = buf.count
    var i = start
    @inline(__always) func isDigit(_ j: Int) -> Bool { j < n && buf[unchecked: j] >= 0x30 && buf[unchecked: j] <= 0x39 }
    if i < n && buf[unchecked: i] == UInt8(ascii: "-") { i += 1 }
    guard i < n else { throw JSONError(offset: i, reason: .unexpectedEnd) }
    if buf[unchecked: i] == UInt8(ascii: "0") {
        i += 1
    } else if isDigit(i) {
        while isDigit(i) { i += 1 }
    } else {
        throw JSONError(offset: i, reason: i == start ? .unexpectedByte(buf[unchecked: i]) : .invalidNumber)
    }
    if i < n && buf[unchecked: i] == UInt8(ascii: ".") {
        i += 1
        guard isDigit(i) else { throw JSONError(offset: i, reason: .invalidNumber) }
        while isDigit(i) { i += 1 }
    }
    if i < n && (buf[unchecked: i] == UInt8(ascii: "e") || buf[unchecked: i] == UInt8(ascii: "E")) {
        i += 1
        if i < n && (buf[unchecked: i] == UInt8(ascii: "+") || buf[unchecked: i] == UInt8(ascii: "-")) { i += 1 }
        guard isDigit(i) else { throw JSONError(offset: i, reason: .invalidNumber) }
        while isDigit(i) { i += 1 }
    }
    return i
}
