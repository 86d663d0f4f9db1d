/// FORMAT.md §3: the shape of each event, beyond what the replay reports
/// (a missing `event`, bad `data` of the events it reads, unknown types).
enum EventRules {
    static func check(_ log: [JSONValue], at location: SourceLocation, sessionID: String?) -> [Problem] {
        var out: [Problem] = []
        var scratch: [Problem] = []
        for (index, entry) in log.enumerated() {
            // Not an event: the replay's warning says so already.
            guard let event = LoggedEvent(entry, index: index, warnings: &scratch) else { continue }
            func problem(_ code: ProblemCode, _ field: String, _ message: String) {
                out.append(Problem(code, location, sessionID: sessionID, eventIndex: index,
                                             field: "event_log[\(index)].\(field)", message))
            }
            let name = event.name
            if let turn = event.turnValue, !(turn.kind == .number && (turn.int ?? -1) >= 0) {
                problem(.fieldTypeMismatch, "turn", "\(name) event \(index): turn is \(turn.kind == .number ? turn.displayText : turn.kind.article), not a whole number of at least 0")
            }
            if let stamp = event.timestamp, !stamp.isNull {
                if let text = stamp.string {
                    if Timestamp.parse(text) == nil {
                        problem(.badTimestamp, "timestamp", "\(name) event \(index): timestamp \(quoted(text)) is not an ISO-8601 date-time")
                    }
                } else {
                    problem(.fieldTypeMismatch, "timestamp", "\(name) event \(index): timestamp is \(stamp.kind.article), not a string")
                }
            }
            // The replay never decodes these payloads (nothing reads them), so
            // a broken one would go unnoticed without this.
            if let unread = event.unread {
                scratch.removeAll(keepingCapacity: true)
                _ = unread.decode(warnings: &scratch)
                for w in scratch where w.code != .nonObjectEventData || entry["data"] != nil {
                    problem(w.code, "data", w.message)
                }
            }
        }
        return out
    }
}
