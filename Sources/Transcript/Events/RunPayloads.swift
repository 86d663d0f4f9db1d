/// `run_start` (§3) and `run.start` (§9): a turn of the orchestrator begins.
public struct RunStartPayload: Sendable {
    public let raw: JSONValue
    /// The run's own time as written: the payload's in the first generation,
    /// the event's in the second (§9); the message falls back to `created_at`.
    public let timestamp: JSONValue?
    public var runID: String? { raw["run_id"]?.string }

    init(firstGeneration data: JSONValue) {
        raw = data
        timestamp = data["timestamp"]
    }

    init(secondGeneration data: JSONValue, event: LoggedEvent) {
        raw = data
        timestamp = event.timestamp
    }
}

/// `thread_created` (§3) and `session.created` (§9).
public struct ThreadPayload: Sendable {
    public let raw: JSONValue
    /// As written; a null one is no thread.
    public var threadID: JSONValue? { raw["thread_id"] }
}

/// `error` (§3, both generations): the run raised; `message` says why (§8).
public struct ErrorPayload: Sendable {
    public let raw: JSONValue
    /// As written (it becomes `errorMessage`); nil = missing.
    public var message: JSONValue? { raw["message"] }

    /// The message as text; nil when missing or null.
    public var text: String? {
        message.flatMap { $0.isNull ? nil : $0.displayText }
    }
}
