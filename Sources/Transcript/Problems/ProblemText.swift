/// How problems read: the one place that turns a `Problem` into the lines
/// people and scripts see (stderr, `validate` text and JSON Lines, the
/// report's Data integrity titles).
extension Problem {
    /// What was wrong and what was done, as one sentence.
    public var fullMessage: String { action.map { message + "; " + $0 } ?? message }

    /// The line `render`, `transcript`, `summary` and `index` print after
    /// "error: " or "warning: ". A problem of one session reads as the
    /// session's warnings do; the others start with their document, if any.
    public var text: String {
        if let id = location.sessionID, let source = location.document { return sessionLine(source: source, sessionID: id) }
        return (location.document.map { "\($0): " } ?? "") + fullMessage
    }

    /// `export.json: document 0 (byte 0) (session abc): event_log[3]: [unknown_event_type] …; the report lists it under Data integrity`
    /// A transcript's warnings take `source` and `sessionID` from the transcript.
    public func sessionLine(source: SourceLocation, sessionID: String) -> String {
        let at = location.eventIndex.map { ": event_log[\($0)]" } ?? ""
        return "\(source) (session \(String(sessionID.prefix(80))))\(at): [\(code.rawValue)] \(message); "
            + (action ?? "the report lists it under Data integrity")
    }
}

extension Problem: CustomStringConvertible {
    /// `validate`'s line: `export.json: document 3 (byte 1234): error[missing_chunks]: session "abc": chunk 1 of 3 is missing…`
    public var description: String {
        var parts = [escapingControls(location.document.map { "\($0)" } ?? ""), "\(severity.rawValue)[\(code.rawValue)]"]
        if let sessionID = location.sessionID { parts.append("session \(quoted(sessionID))") }
        if let field = location.field { parts.append(escapingControls(field)) }
        parts.append(escapingControls(fullMessage))
        return parts.joined(separator: ": ")
    }

    /// `validate --json`: one JSON object and a newline, every key always present (null when unknown).
    public var jsonLine: [UInt8] {
        let document = location.document ?? SourceLocation(file: "", documentIndex: 0, byteOffset: 0)
        var w = JSONWriter(capacity: 256)
        w.object { w in
            w.key("severity"); w.string(severity.rawValue)
            w.key("code"); w.string(code.rawValue)
            w.key("file"); w.string(document.file)
            w.key("document"); w.int(document.documentIndex)
            w.key("line"); if let line = document.line { w.int(line) } else { w.null() }
            w.key("byte_offset"); w.int(document.byteOffset)
            w.key("session_id"); if let sessionID = location.sessionID { w.string(sessionID) } else { w.null() }
            w.key("event_index"); if let eventIndex = location.eventIndex { w.int(eventIndex) } else { w.null() }
            w.key("field"); if let field = location.field { w.string(field) } else { w.null() }
            w.key("message"); w.string(fullMessage)
        }
        w.bytes.append(0x0A)
        return w.bytes
    }
}

extension ProblemCode {
    /// What a warning kept with a transcript means, for the report's Data
    /// integrity section ("The event log is incomplete").
    public var reportTitle: String {
        switch self {
        case .malformedEventData: return "An event's data could not be read"
        case .nonObjectEventData: return "An event carried no usable data"
        case .missingEventType: return "An entry of the event log is not an event"
        case .eventBeforeRunStart: return "Events outside any run were ignored"
        case .unknownEventType: return "Events of a type this tool does not know"
        case .truncatedLog, .partialLog: return "The event log is incomplete"
        case .statusInconsistent: return "The stored status does not match the log"
        case .fieldTypeMismatch: return "A field has an unexpected type"
        case .duplicateSessionDropped: return "Another copy of this session was dropped"
        case .missingChunks: return "Parts of the event log are missing"
        case .orphanChunks: return "Event log chunks without their session"
        case .invalidUTF8: return "The document contained invalid text bytes"
        case .ignoredChunks: return "Event log chunks were ignored"
        case .lostLog: return "The event log was lost"
        // Never kept with a transcript: reported by the reader, `validate` or the writer.
        case .unreadableFile, .notUTF8, .emptyFile, .invalidJSON, .truncated, .tooDeep, .tooLarge, .trailingContent,
             .notAnObject, .missingID, .chunkWithoutSession, .badChunkIndex, .badChunkCount, .summaryListing, .fileChanged,
             .missingField, .unknownDocType, .badTimestamp, .timestampsOutOfOrder, .chunkIDsMismatch, .chunkIDMismatch,
             .duplicateChunk, .outputFolderUnusable, .reportWriteFailed, .pdfFailed, .outputStopped, .indexWriteFailed,
             .standardOutputFailed:
            return "A problem with the input"
        }
    }
}
