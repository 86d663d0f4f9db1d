/// The first and last instants among the timestamps seen, for "first to
/// last" durations. Text that does not parse is passed over.
public struct TimeSpan: Sendable {
    public private(set) var first: Timestamp?
    public private(set) var last: Timestamp?

    public init() {}

    public mutating func see(_ raw: String?) {
        guard let raw, let t = Timestamp.parse(raw) else { return }
        if first.map({ t < $0 }) ?? true { first = t }
        if last.map({ t > $0 }) ?? true { last = t }
    }

    public mutating func see(_ value: JSONValue?) {
        see(value?.string)
    }

    public var seconds: Double? {
        guard let first, let last else { return nil }
        return last.seconds - first.seconds
    }
}

extension Transcript {
    /// First and last instants seen anywhere in the conversation: message
    /// timestamps, run and step timestamps. The report's "duration".
    public var timeSpan: (first: Timestamp, last: Timestamp)? {
        var span = TimeSpan()
        for message in messages {
            switch message {
            case .user(let m): span.see(m.timestamp)
            case .orchestrator(let m):
                span.see(m.timestamp)
                for step in m.steps { span.see(step.timestamp?.string) }
            }
        }
        for n in notes {
            span.see(n.firstTimestamp)
            span.see(n.lastTimestamp)
        }
        guard let first = span.first, let last = span.last else { return nil }
        return (first, last)
    }
}
