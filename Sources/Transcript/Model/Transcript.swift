public enum DocumentKind: String, Sendable, Codable {
    case session, interaction
}

/// One entry of a rebuilt event log: an event, or the place where missing
/// chunks (FORMAT.md §6) would have been.
public enum LogEntry: Sendable {
    case event(JSONValue)
    case gap(missingChunks: [Int])
}

/// A session or interaction document ready to be replayed.
public struct SessionInput: Sendable {
    public var document: JSONValue
    public var kind: DocumentKind
    public var source: SourceLocation
    /// The event log rebuilt from chunks; nil means the document's own `event_log`.
    public var chunkedLog: [LogEntry]?
    /// Chunk indices named by `chunk_count` that were not found.
    public var missingChunks: [Int]
    /// Problems found before the replay (reading, duplicates, chunks).
    public var warnings: [Problem]
    /// Set when the session went through `Redactor` (`--redact`).
    public var redaction: RedactionReport?

    public init(document: JSONValue, kind: DocumentKind, source: SourceLocation,
                chunkedLog: [LogEntry]? = nil, missingChunks: [Int] = [], warnings: [Problem] = []) {
        self.document = document
        self.kind = kind
        self.source = source
        self.chunkedLog = chunkedLog
        self.missingChunks = missingChunks
        self.warnings = warnings
    }

    public var id: String? { document["id"]?.string }
}

/// FORMAT.md §4: `{role: "user", text, timestamp}`. Nil = the field is missing.
public struct UserMessage: Sendable {
    public var text: JSONValue?
    public var timestamp: JSONValue?
}

/// FORMAT.md §4: the orchestrator message exactly as the frontend builds it.
public struct OrchestratorMessage: Sendable {
    public enum Status: String, Sendable { case complete, error }
    public var timestamp: JSONValue?
    public var steps: [StepRecord] = []
    /// For interactions (§7), where `steps` is copied from the document: the
    /// value as written when it is missing or not an array (it stays so).
    public var stepsAsWritten: StepsField = .list
    public var status: Status = .complete
    public var diagnosis: JSONValue?
    public var runMeta: JSONValue?
    public var errorMessage: JSONValue?
}

public enum StepsField: Sendable {
    case list
    case missing
    case other(JSONValue)
}

public enum Message: Sendable {
    case user(UserMessage)
    case orchestrator(OrchestratorMessage)
}

/// What happened around an orchestrator message that the frontend does not
/// show but a postmortem must (FORMAT.md §4, last paragraph). Kept beside the
/// messages, never inside them.
public struct TurnNotes: Sendable {
    /// Index into `Transcript.messages` of the orchestrator message.
    public var messageIndex: Int
    public var turn: Int
    public var sawFinalMessage = false
    public var sawRunComplete = false
    /// Everything in the order it happened, steps included.
    public var timeline: [TimelineItem] = []
    /// `step_started` / `tool_call.start` payloads never completed.
    public var stepsInFlight: [StepRecord] = []
    /// `message.delta` text of answers that never completed (v2).
    public var unfinishedAnswer: String?
    public var firstTimestamp: String?
    public var lastTimestamp: String?
}

public enum TimelineItem: Sendable {
    /// Index into the orchestrator message's `steps`.
    case step(Int)
    case retry(String, eventIndex: Int)
    case statusChange(status: String?, message: String?, eventIndex: Int)
    case statusNote(String, eventIndex: Int)
    case thread(String, eventIndex: Int)
    case error(String?, eventIndex: Int)
    case stepInFlight(StepRecord, eventIndex: Int)
    case gap(missingChunks: [Int])
}

/// A replayed session: the conversation, what surrounds it, and its outcome.
public struct Transcript: Sendable {
    public var input: SessionInput
    /// The document's fields the replay and its readers use, decoded once.
    public var header: SessionHeader
    public var messages: [Message]
    public var notes: [TurnNotes]
    public var ignoredEvents: Int
    public var eventCount: Int
    public var unknownEventTypes: [String: Int]
    public var outcome: Outcome
    public var warnings: [Problem]
    /// Whether the first user message was synthesised from `alert_text`.
    public var synthesisedFirstMessage: Bool
    /// Every cancellation request in the log, both generations (§8 rule 4, §9).
    public var cancellationRequests: [CancellationRequest] = []
    /// Every retry announced, both generations; `outcome.retries` counts them.
    public var retries: [Retry] = []
    /// Every `error` event, with the turn it stands in (§2, §3).
    public var turnErrors: [TurnError] = []
    /// Set when the event log was lost and the document's `steps` are the
    /// only record (§6); nil otherwise.
    public var recordedSteps: RecordedSteps? = nil

    public var document: JSONValue { input.document }
    public var id: String { header.id ?? "" }

    public var orchestratorMessages: [OrchestratorMessage] {
        messages.compactMap { if case .orchestrator(let m) = $0 { return m } else { return nil } }
    }
}
