extension ValidationProblem: CustomStringConvertible {
    /// `export.json: document 3 (byte 1234): error[missing_chunks]: session "abc": chunk 1 of 3 is missing…`
    public var description: String {
        var parts = [escapingControls("\(location)"), "\(severity.rawValue)[\(code.rawValue)]"]
        if let sessionID { parts.append("session \(quoted(sessionID))") }
        if let field { parts.append(escapingControls(field)) }
        parts.append(escapingControls(message))
        return parts.joined(separator: ": ")
    }

    /// One JSON object and a newline, every key always present (null when unknown).
    public var jsonLine: [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.object { w in
            w.key("severity"); w.string(severity.rawValue)
            w.key("code"); w.string(code.rawValue)
            w.key("file"); w.string(location.file)
            w.key("document"); w.int(location.documentIndex)
            w.key("line"); if let line = location.line { w.int(line) } else { w.null() }
            w.key("byte_offset"); w.int(location.byteOffset)
            w.key("session_id"); if let sessionID { w.string(sessionID) } else { w.null() }
            w.key("event_index"); if let eventIndex { w.int(eventIndex) } else { w.null() }
            w.key("field"); if let field { w.string(field) } else { w.null() }
            w.key("message"); w.string(message)
        }
        w.bytes.append(0x0A)
        return w.bytes
    }
}
