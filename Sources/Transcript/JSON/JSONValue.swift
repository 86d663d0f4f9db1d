import ByteLevel

/// A read-only view of one value inside a `JSONTape`.
public struct JSONValue: @unchecked Sendable {
    let tape: JSONTape
    let index: Int

    public enum Kind: Sendable, Equatable { case null, bool, number, string, array, object }

    var node: JSONNode { tape.nodes[index] }

    public var kind: Kind {
        switch node.kind {
        case .null: return .null
        case .false, .true: return .bool
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    public var isNull: Bool { node.kind == .null }
    public var isObject: Bool { node.kind == .object }
    public var isArray: Bool { node.kind == .array }
    public var isString: Bool { node.kind == .string }

    /// `true` only for the JSON literal `true` (the frontend's `=== true`).
    public var isTrue: Bool { node.kind == .true }

    public var bool: Bool? {
        switch node.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// The decoded string, or nil when this is not a string.
    public var string: String? {
        let n = node
        guard n.kind == .string else { return nil }
        let bytes = tape.bytes
        let slice = bytes.span.extracting(Int(n.start)..<Int(n.end))
        if !n.escaped { return String(decodingUTF8: slice) }
        return String(decoding: unescapeJSONString(slice), as: UTF8.self)
    }

    /// The raw bytes of a string's content with escapes resolved (used to
    /// parse JSON that is stored inside a string).
    public var unescapedStringBytes: [UInt8]? {
        let n = node
        guard n.kind == .string else { return nil }
        let range = Int(n.start)..<Int(n.end)
        let bytes = tape.bytes
        return n.escaped ? unescapeJSONString(bytes.span.extracting(range), keepLoneSurrogatesEscaped: true) : Array(bytes[range])
    }

    /// The number's source text, as written.
    public var numberText: String? {
        let n = node
        guard n.kind == .number else { return nil }
        return String(decoding: tape.bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)
    }

    public var double: Double? { numberText.flatMap(Double.init) }

    /// An integer when the number is integral and fits.
    public var int: Int? {
        guard let text = numberText else { return nil }
        if let i = Int(text) { return i }
        if let d = Double(text), d.rounded() == d, abs(d) < 9.0e15 { return Int(d) }
        return nil
    }

    public var count: Int {
        let n = node
        switch n.kind {
        case .array: return Int(n.count)
        case .object: return Int(n.count) / 2
        default: return 0
        }
    }

    /// Elements of an array (empty for anything else).
    public var elements: JSONElements { JSONElements(value: self) }

    /// Key/value pairs of an object in document order (empty for anything else).
    public var members: JSONMembers { JSONMembers(value: self) }

    /// The value of `key` in an object; the LAST occurrence wins, as in
    /// JavaScript's `JSON.parse`. Nil when absent or when this is not an object.
    public subscript(key: String) -> JSONValue? {
        let n = node
        guard n.kind == .object, n.count > 0 else { return nil }
        var key = key
        key.makeContiguousUTF8()
        let keyBytes = key.utf8.span
        let bytes = tape.bytes, tapeNodes = tape.nodes
        let buf = bytes.span
        let nodes = tapeNodes.span
        var found: JSONValue? = nil
        var i = index + 1
        let end = Int(n.next)
        while i < end {
            let valueIndex = i + 1
            if Self.keyMatches(nodes[unchecked: i], buf, keyBytes) { found = JSONValue(tape: tape, index: valueIndex) }
            i = Int(nodes[unchecked: valueIndex].next)
        }
        return found
    }

    public func has(_ key: String) -> Bool { self[key] != nil }

    private static func keyMatches(_ k: JSONNode, _ buf: Span<UInt8>, _ key: Span<UInt8>) -> Bool {
        let len = Int(k.end - k.start)
        if !k.escaped {
            guard len == key.count else { return false }
            return buf.extracting(Int(k.start)..<Int(k.end)).bytesEqual(key)
        }
        let decoded = unescapeJSONString(buf.extracting(Int(k.start)..<Int(k.end)))
        return decoded.span.bytesEqual(key)
    }

    /// The exact source bytes of this value.
    public var rawBytes: ArraySlice<UInt8> {
        let n = node
        switch n.kind {
        case .string: return tape.bytes[Int(n.start) - 1..<Int(n.end) + 1]
        default: return tape.bytes[Int(n.start)..<Int(n.end)]
        }
    }

    /// Appends this value as compact JSON (no insignificant whitespace),
    /// copying strings and numbers byte for byte as they were written.
    public func writeCompact(to out: inout [UInt8]) {
        let n = node
        let start = n.kind == .string ? Int(n.start) - 1 : Int(n.start)
        let end = n.kind == .string ? Int(n.end) + 1 : Int(n.end)
        let bytes = tape.bytes
        let buf = bytes.span.extracting(0..<end)
        var i = start
        var runStart = start
        while i < end {
            let c = buf[unchecked: i]
            if c == UInt8(ascii: "\"") {
                // The tape was validated: jump from quote or backslash to the next one.
                i += 1
                while i < end {
                    i = buf.firstStringSpecial(from: i)
                    guard i < end else { break }
                    if buf[unchecked: i] == UInt8(ascii: "\"") { break }
                    i += buf[unchecked: i] == UInt8(ascii: "\\") ? 2 : 1
                }
            } else if isJSONSpace(c) {
                out.append(buf.extracting(runStart..<i))
                runStart = i + 1
            }
            i += 1
        }
        out.append(buf.extracting(runStart..<end))
    }
}

public struct JSONElements: Sequence {
    let value: JSONValue
    public struct Iterator: IteratorProtocol {
        let tape: JSONTape
        var i: Int
        let end: Int
        public mutating func next() -> JSONValue? {
            guard i < end else { return nil }
            let v = JSONValue(tape: tape, index: i)
            i = Int(tape.nodes[i].next)
            return v
        }
    }
    public func makeIterator() -> Iterator {
        let n = value.node
        guard n.kind == .array else { return Iterator(tape: value.tape, i: 0, end: 0) }
        return Iterator(tape: value.tape, i: value.index + 1, end: Int(n.next))
    }
}

public struct JSONMembers: Sequence {
    let value: JSONValue
    public struct Iterator: IteratorProtocol {
        let tape: JSONTape
        var i: Int
        let end: Int
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard i < end else { return nil }
            let key = JSONValue(tape: tape, index: i).string ?? ""
            let v = JSONValue(tape: tape, index: i + 1)
            i = Int(tape.nodes[i + 1].next)
            return (key, v)
        }
    }
    public func makeIterator() -> Iterator {
        let n = value.node
        guard n.kind == .object else { return Iterator(tape: value.tape, i: 0, end: 0) }
        return Iterator(tape: value.tape, i: value.index + 1, end: Int(n.next))
    }
}
