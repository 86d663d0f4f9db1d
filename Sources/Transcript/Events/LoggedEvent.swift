/// One element of the event log that is an event (FORMAT.md §3): its name,
/// its place in the log and the object as written. The fields around `data`
/// are read when asked for, so an event nobody asks about costs nothing more.
public struct LoggedEvent: Sendable {
    /// 0-based position in the (reassembled) event log, as warnings number it.
    public let index: Int
    public let name: String
    /// Nil for a name FORMAT.md does not list.
    public let type: EventType?
    /// The whole event object as written.
    public let raw: JSONValue

    /// An event, or nil (with a `missing_event_type` warning) for an element
    /// that is not an object with a string `event` (§3).
    public init?(_ entry: JSONValue, index: Int, warnings: inout [Problem]) {
        guard entry.isObject, let name = entry["event"]?.string else {
            let what = entry.isObject ? "has no string \"event\" field" : "is \(entry.kind.article), not an object"
            warnings.append(.init(.missingEventType, "event \(index) \(what): ignored", eventIndex: index))
            return nil
        }
        self.index = index
        self.name = name
        self.type = EventType(rawValue: name)
        self.raw = entry
    }

    /// `turn` as written (validation reports a bad one).
    public var turnValue: JSONValue? { raw["turn"] }
    /// `turn` when it is a whole number.
    public var turn: Int? { turnValue?.int }
    /// The top-level `timestamp` as written; no release writes one (§3).
    public var timestamp: JSONValue? { raw["timestamp"] }

    /// The typed event; `data` is decoded only for events whose payload is read.
    public func decode(warnings: inout [Problem]) -> Event {
        guard let type else { return .unknown(name, raw) }
        return Event(type, of: self) { decodeData(warnings: &warnings) }
    }

    /// The payload left undecoded for an event nothing reads; nil for the others.
    public var unread: UnreadPayload? {
        guard let type else { return nil }
        return Event(type, of: self) { .emptyObject }.unread
    }

    /// §3: `data` is a JSON string or an object; anything else is `{}` plus a warning.
    public func decodeData(warnings: inout [Problem]) -> JSONValue {
        guard let data = raw["data"] else {
            warnings.append(.init(.nonObjectEventData, "\(name) event \(index) has no data: treated as {}", eventIndex: index))
            return .emptyObject
        }
        switch data.kind {
        case .object:
            return data
        case .string:
            let bytes = data.unescapedStringBytes ?? []
            do {
                let tape = try JSONTape.parse(bytes)
                if tape.root.isObject { return tape.root }
                warnings.append(.init(.nonObjectEventData, "\(name) event \(index): data is JSON \(tape.root.kind.article), not an object: treated as {}", eventIndex: index))
            } catch {
                warnings.append(.init(.malformedEventData, "\(name) event \(index): data is not valid JSON (\(error)): treated as {}", eventIndex: index))
            }
            return .emptyObject
        default:
            warnings.append(.init(.nonObjectEventData, "\(name) event \(index): data is \(data.kind.article), not an object or a JSON string: treated as {}", eventIndex: index))
            return .emptyObject
        }
    }
}
