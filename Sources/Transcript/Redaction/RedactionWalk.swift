import ByteLevel

/// Walking a session's JSON for `SessionRedaction`: every string (object
/// keys included) and, inside an event's `data` string, the JSON it holds.
/// In pass 2 it writes compact JSON: untouched strings and numbers are
/// copied byte for byte, changed strings are escaped again, and a `data`
/// string whose JSON changed is re-serialised and stored back as a string.
enum WalkRole {
    case plain, document, eventLog, event, eventData
}

extension SessionRedaction {
    /// Values the replay decides by (event types, statuses, document types):
    /// a user's pattern that happens to match one must not break the replay.
    /// Every event name comes from `EventType`, so a new event is reserved too.
    static let reserved: Set<String> = Set(EventType.allCases.map(\.rawValue)).union([
        "pending", "in_progress", "completed", "failed", "cancelled", "cancelling", "complete", "dispatched",
        "session", "session_chunk", "interaction", "graph", "table", "documents",
    ])

    mutating func walk(_ v: JSONValue, path: inout [String], whole: Int?, role: WalkRole, out: inout [UInt8]) {
        switch v.node.kind {
        case .object:
            walkObject(v, path: &path, whole: whole, role: role, out: &out)
        case .array:
            if writing { out.append(UInt8(ascii: "[")) }
            var first = true
            for element in v.elements {
                if writing {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                }
                walk(element, path: &path, whole: whole, role: role == .eventLog ? .event : .plain, out: &out)
            }
            if writing { out.append(UInt8(ascii: "]")) }
        case .string:
            if role == .eventData, let tape = nestedJSON(v) {
                walkNested(v, tape, path: &path, whole: whole, out: &out)
                return
            }
            let bytes = v.decodedStringBytes
            writeString(v, bytes, whole: whole ?? hexKeyFieldRule(path, bytes), isKey: false, out: &out)
        case .number:
            guard let rule = whole else {
                if writing { out.append(contentsOf: v.rawBytes) }
                return
            }
            let text = Array(v.rawBytes)
            let found = ranges(in: text, whole: rule, isKey: false, walking: true)
            if writing { appendJSONString(String(decoding: replacing(text, found), as: UTF8.self), to: &out) }
        case .null, .true, .false:
            if writing { out.append(contentsOf: v.rawBytes) }
        }
    }

    private mutating func walkObject(_ v: JSONValue, path: inout [String], whole: Int?, role: WalkRole,
                                     out: inout [UInt8]) {
        if writing { out.append(UInt8(ascii: "{")) }
        var i = v.index + 1
        let end = Int(v.node.next)
        var first = true
        while i < end {
            let keyValue = JSONValue(tape: v.tape, index: i)
            let valueIndex = i + 1
            let keyBytes = keyValue.decodedStringBytes
            if writing {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
            }
            writeString(keyValue, keyBytes, whole: nil, isKey: true, out: &out)
            if writing { out.append(UInt8(ascii: ":")) }
            let key = String(decoding: keyBytes, as: UTF8.self)
            path.append(key)
            let childRole: WalkRole
            switch role {
            case .document where key == "event_log": childRole = .eventLog
            case .event where key == "data": childRole = .eventData
            default: childRole = .plain
            }
            walk(JSONValue(tape: v.tape, index: valueIndex), path: &path,
                 whole: whole ?? wholeValueRule(path), role: childRole, out: &out)
            path.removeLast()
            i = Int(v.tape.nodes[valueIndex].next)
        }
        if writing { out.append(UInt8(ascii: "}")) }
    }

    /// An event's `data` string holding JSON: walked as JSON, and written
    /// back as the original string unless something inside it changed.
    private mutating func walkNested(_ v: JSONValue, _ tape: JSONTape, path: inout [String], whole: Int?,
                                     out: inout [UInt8]) {
        var buffer: [UInt8] = []
        let before = changes
        walk(tape.root, path: &path, whole: whole, role: .plain, out: &buffer)
        guard writing else { return }
        if changes == before {
            out.append(contentsOf: v.rawBytes)
        } else {
            appendJSONString(String(decoding: buffer, as: UTF8.self), to: &out)
        }
    }

    /// The JSON inside an event's `data` string; pass 2 reuses pass 1's parse.
    private mutating func nestedJSON(_ v: JSONValue) -> JSONTape? {
        if writing && nestedReused < nestedInPass1.count {
            defer { nestedReused += 1 }
            return nestedInPass1[nestedReused]
        }
        let tape = v.unescapedStringBytes.flatMap { try? JSONTape.parse($0) }
        if !writing { nestedInPass1.append(tape) }
        return tape
    }

    private mutating func writeString(_ v: JSONValue, _ bytes: [UInt8], whole: Int?, isKey: Bool, out: inout [UInt8]) {
        if !isKey && bytes.count <= 24 && Self.reserved.contains(String(decoding: bytes, as: UTF8.self)) {
            if writing { out.append(contentsOf: v.rawBytes) }
            return
        }
        let found = ranges(in: bytes, whole: whole, isKey: isKey, walking: true)
        guard writing else { return }
        if found.isEmpty {
            out.append(contentsOf: v.rawBytes)
        } else {
            appendJSONString(String(decoding: replacing(bytes, found), as: UTF8.self), to: &out)
        }
    }
}

extension JSONValue {
    /// A string's content with escapes resolved (lone surrogates become
    /// U+FFFD, as in `string`); empty for anything else.
    var decodedStringBytes: [UInt8] {
        let n = node
        guard n.kind == .string else { return [] }
        let range = Int(n.start)..<Int(n.end)
        let bytes = tape.bytes
        return n.escaped ? unescapeJSONString(bytes.span.extracting(range)) : Array(bytes[range])
    }
}
