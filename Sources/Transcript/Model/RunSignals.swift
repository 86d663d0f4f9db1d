/// Which release wrote an event (FORMAT.md §3 first generation, §9 second).
public enum EventGeneration: String, Sendable, Codable {
    case first, second
}

/// An operator's request to cancel (FORMAT.md §8 rule 4): a `status_change`
/// with status "cancelling", or a second-generation `status` event with
/// `status: "cancelling"` or a message starting "Cancelling".
public struct CancellationRequest: Sendable, Equatable {
    /// The turn it stands in, by its position in the log (these events carry
    /// no `turn`, §3); nil before any run started.
    public var turn: Int?
    public var eventIndex: Int
    public var message: String?
    public var generation: EventGeneration
}

/// A retry the orchestrator announced: "Retrying investigation (attempt N/2)..."
/// in a `step_thinking` status (first generation) or a `status` message (second).
public struct Retry: Sendable, Equatable {
    public var turn: Int?
    public var eventIndex: Int
    public var text: String
    /// N and the total of "(attempt N/M)", when the text has them.
    public var attempt: Int?
    public var attempts: Int?
    public var generation: EventGeneration

    /// "(attempt 2/2)" → (2, 2).
    static func attempt(in text: String) -> (Int?, Int?) {
        guard let r = text.firstRange(of: "attempt ") else { return (nil, nil) }
        let rest = text[r.upperBound...]
        let first = rest.prefix(while: \.isASCIIDigit)
        guard !first.isEmpty else { return (nil, nil) }
        let afterSlash = rest.dropFirst(first.count)
        guard afterSlash.first == "/" else { return (Int(first), nil) }
        let second = afterSlash.dropFirst().prefix(while: \.isASCIIDigit)
        return (Int(first), Int(second))
    }
}

/// An `error` event, placed in the turn it stands in by position (§3). The
/// document's `error_detail` describes the last turn only (§2): an earlier
/// turn's failure is known from these alone.
public struct TurnError: Sendable, Equatable {
    public var turn: Int?
    public var eventIndex: Int
    /// The event's `message` as text; nil when it has none.
    public var message: String?
    /// §8 rule 3's classification of the message (`exception` for other text,
    /// `none` when there is no text).
    public var reason: Outcome.Reason
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
