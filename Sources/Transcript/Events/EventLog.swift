/// The event log a session's replay walks: the log rebuilt from chunks when
/// there is one (FORMAT.md §6), else the document's own `event_log` (§3).
enum EventLog {
    /// Anything but an array is an empty log, with a `field_type_mismatch` warning.
    static func entries(_ input: SessionInput, header: SessionHeader,
                        warnings: inout [Problem]) -> [LogEntry] {
        if let chunked = input.chunkedLog { return chunked }
        guard let eventLog = header.eventLog else { return [] }
        guard eventLog.isArray else {
            warnings.append(.init(.fieldTypeMismatch, "event_log is \(eventLog.kind.article), not an array: treated as empty"))
            return []
        }
        return eventLog.elements.map { .event($0) }
    }

    /// The log's events without its gaps, numbered as the replay's warnings number them.
    static func events(_ input: SessionInput) -> [JSONValue] {
        var ignored: [Problem] = []
        return entries(input, header: SessionHeader(input.document), warnings: &ignored).compactMap {
            if case .event(let e) = $0 { return e } else { return nil }
        }
    }
}
