/// FORMAT.md §3: the shape of each event, beyond what the replay reports
/// (a missing `event`, bad `data` of the events it reads, unknown types).
enum EventRules {
    static func check(_ log: [JSONValue], at location: SourceLocation, sessionID: String?) -> [Problem] {
        var out: [Problem] = []
        var scratch: [Problem] = []
        for (index, event) in log.enumerated() {
            guard event.isObject, let name = event["event"]?.string else { continue }
            func problem(_ code: ProblemCode, _ field: String, _ message: String) {
                out.append(Problem(code, location, sessionID: sessionID, eventIndex: index,
                                   field: "event_log[\(index)].\(field)", message))
            }
            if let turn = event["turn"], !(turn.kind == .number && (turn.int ?? -1) >= 0) {
                problem(.fieldTypeMismatch, "turn", "\(name) event \(index): turn is \(turn.kind == .number ? turn.displayText : turn.kind.article), not a whole number of at least 0")
            }
            if let stamp = event["timestamp"], !stamp.isNull {
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
            let type = EventType(name: name)
            if type.payloadUnused, !isUnknown(type) {
                scratch.removeAll(keepingCapacity: true)
                _ = Replay.decodeData(event, index: index, name: name, warnings: &scratch)
                for w in scratch where w.code != .nonObjectEventData || event["data"] != nil {
                    problem(w.code, "data", w.message)
                }
            }
        }
        return out
    }

    private static func isUnknown(_ type: EventType) -> Bool {
        if case .unknown = type { return true }
        return false
    }
}
