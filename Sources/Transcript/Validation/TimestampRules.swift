/// FORMAT.md §2–§3: the event log is oldest first, so the instants the
/// conversation carries (each run's start, each step) never go backwards.
/// Fallbacks to `created_at` are not instants of their own and are skipped.
enum TimestampRules {
    static func check(_ t: Transcript, at location: SourceLocation, sessionID: String?) -> [Problem] {
        var out: [Problem] = []
        let createdAt = t.header.createdAt?.string
        var previous: (stamp: Timestamp, text: String, what: String)?
        var turnNumber = 0
        for (m, message) in t.messages.enumerated() {
            guard case .orchestrator(let o) = message else { continue }
            turnNumber += 1
            var stamps: [(text: String, what: String, field: String)] = []
            if let text = o.timestamp?.string, text != createdAt {
                stamps.append((text, "turn \(turnNumber)'s run start", "messages[\(m)].timestamp"))
            }
            for (s, step) in o.steps.enumerated() {
                guard let value = step.timestamp, !value.isNull else { continue }
                guard let text = value.string else {
                    out.append(Problem(.fieldTypeMismatch, location, sessionID: sessionID,
                                       field: "messages[\(m)].steps[\(s)].timestamp",
                                       "step \(s + 1) of turn \(turnNumber): timestamp is \(value.kind.article), not a string"))
                    continue
                }
                stamps.append((text, "step \(s + 1) of turn \(turnNumber)", "messages[\(m)].steps[\(s)].timestamp"))
            }
            for (text, what, field) in stamps {
                guard let stamp = Timestamp.parse(text) else {
                    out.append(Problem(.badTimestamp, location, sessionID: sessionID, field: field,
                                       "\(what): timestamp \(quoted(text)) is not an ISO-8601 date-time"))
                    continue
                }
                if let p = previous, stamp < p.stamp {
                    out.append(Problem(.timestampsOutOfOrder, location, sessionID: sessionID, field: field,
                                       "\(what) is stamped \(quoted(text)), before \(p.what) (\(quoted(p.text)))"))
                }
                previous = (stamp, text, what)
            }
        }
        return out
    }
}
