extension Transcript {
    /// First and last instants seen anywhere in the conversation: message
    /// timestamps, run and step timestamps. The report's "duration".
    public var timeSpan: (first: Timestamp, last: Timestamp)? {
        var first: Timestamp?
        var last: Timestamp?
        func see(_ text: String?) {
            guard let text, let t = Timestamp.parse(text) else { return }
            if first.map({ t < $0 }) ?? true { first = t }
            if last.map({ t > $0 }) ?? true { last = t }
        }
        for message in messages {
            switch message {
            case .user(let m): see(m.timestamp?.string)
            case .orchestrator(let m):
                see(m.timestamp?.string)
                for step in m.steps { see(step["timestamp"]?.string) }
            }
        }
        for n in notes {
            see(n.firstTimestamp)
            see(n.lastTimestamp)
        }
        guard let first, let last else { return nil }
        return (first, last)
    }
}
