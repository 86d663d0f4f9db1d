/// The walk of FORMAT.md §4 (with the §9 differences), one event at a time.
struct ReplayState {
    let createdAt: JSONValue?
    var messages: [Message] = []
    var notes: [TurnNotes] = []
    /// The run being replayed; nil outside any run.
    var open: OpenTurn?
    var ignored = 0
    var firstIgnoredIndex: Int?
    var unknownTypes: [String: Int] = [:]
    var lastError: ErrorEvidence?
    var cancellations: [CancellationRequest] = []
    var retries: [Retry] = []
    var turnErrors: [TurnError] = []
    private var lastTurn: Int?
    /// Gaps seen before any run started, shown at the first turn.
    private var pendingGaps: [[Int]] = []

    init(createdAt: JSONValue?) {
        self.createdAt = createdAt
    }

    mutating func apply(_ type: EventType, event: JSONValue, data: JSONValue, index: Int) {
        collectEvidence(type, event: event, data: data, index: index)
        switch type {
        case .userMessage:
            flush()
            let timestamp = nullish(event["timestamp"], else: createdAt)
            messages.append(.user(UserMessage(text: data["text"], timestamp: timestamp)))
        case .runStart, .runStartV2:
            startRun(type, event: event, data: data)
        default:
            guard open != nil else {
                ignored += 1
                if firstIgnoredIndex == nil { firstIgnoredIndex = index }
                return
            }
            // In place: `open` keeps the only reference to the turn's arrays.
            open?.apply(type, event: event, data: data, index: index)
        }
    }

    private mutating func startRun(_ type: EventType, event: JSONValue, data: JSONValue) {
        flush()
        // v1 takes the payload's timestamp, v2 the event's (§9).
        let stamp = type == .runStart ? data["timestamp"] : event["timestamp"]
        let turn = event["turn"]?.int ?? (lastTurn.map { $0 + 1 } ?? 0)
        lastTurn = turn
        var notes = TurnNotes(messageIndex: messages.count, turn: turn)
        for gap in pendingGaps { notes.timeline.append(.gap(missingChunks: gap)) }
        pendingGaps = []
        var started = OpenTurn(message: OrchestratorMessage(timestamp: nullish(stamp, else: createdAt)), notes: notes)
        started.seeTimestamp(stamp)
        open = started
    }

    /// §8's evidence, collected anywhere in the log, even outside a run.
    /// `error` and cancellation events carry no `turn` (§3): they belong to
    /// the turn they stand in by position.
    private mutating func collectEvidence(_ type: EventType, event: JSONValue, data: JSONValue, index: Int) {
        let byPosition = open?.notes.turn ?? event["turn"]?.int
        switch type {
        case .error:
            let message = data["message"]
            lastError = ErrorEvidence(message: message, eventIndex: index, turn: byPosition)
            let text = message.flatMap { $0.isNull ? nil : $0.displayText }
            turnErrors.append(TurnError(turn: byPosition, eventIndex: index, message: text,
                                        reason: text.map { $0.isEmpty ? .none : OutcomeRules.classify($0) } ?? .none))
        case .statusChange where data["status"]?.string == "cancelling":
            cancellations.append(CancellationRequest(turn: byPosition, eventIndex: index,
                                                     message: data["message"]?.string, generation: .first))
        case .status where Self.isCancellation(data):
            cancellations.append(CancellationRequest(turn: byPosition, eventIndex: index,
                                                     message: data["message"]?.string, generation: .second))
        case .stepThinking, .status:
            let text = (type == .status ? data["message"] : data["status"])?.string
            if let text, Self.isRetry(text) {
                let (attempt, attempts) = Retry.attempt(in: text)
                retries.append(Retry(turn: byPosition, eventIndex: index, text: text, attempt: attempt, attempts: attempts,
                                     generation: type == .status ? .second : .first))
            }
        default: break
        }
    }

    /// A second-generation cancellation request (§8 rule 4).
    static func isCancellation(_ data: JSONValue) -> Bool {
        data["status"]?.string == "cancelling" || data["message"]?.string?.hasPrefix("Cancelling") == true
    }

    /// "Retrying investigation (attempt N/2)..." (§3 `step_thinking`, §9 `status`).
    static func isRetry(_ text: String) -> Bool {
        text.contains("Retrying")
    }

    mutating func gap(_ missing: [Int]) {
        if open != nil {
            open?.notes.timeline.append(.gap(missingChunks: missing))
        } else {
            pendingGaps.append(missing)
        }
    }

    mutating func finish() {
        flush()
    }

    private mutating func flush() {
        guard let turn = open.take() else { return }
        let (message, notes) = turn.close(messageIndex: messages.count)
        messages.append(.orchestrator(message))
        self.notes.append(notes)
    }
}

struct ErrorEvidence {
    var message: JSONValue?
    var eventIndex: Int
    var turn: Int?
}

struct OutcomeEvidence {
    var lastError: ErrorEvidence?
    /// The first cancellation request in the log.
    var cancelling: CancellationRequest?
    var retries: Int
}
