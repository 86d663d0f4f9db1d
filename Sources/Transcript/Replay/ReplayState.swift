/// The walk of FORMAT.md §4 (with the §9 differences), one event at a time.
struct ReplayState {
    let createdAt: JSONValue?
    var messages: [Message] = []
    var notes: [TurnNotes] = []
    var current: OrchestratorMessage?
    var currentNotes: TurnNotes?
    var ignored = 0
    var firstIgnoredIndex: Int?
    var unknownTypes: [String: Int] = [:]
    var lastError: ErrorEvidence?
    var cancellations: [CancellationRequest] = []
    var retries: [Retry] = []
    var turnErrors: [TurnError] = []
    /// Started steps not yet completed, keyed by the step's number (or v2 id) as written.
    private var inFlight = PendingByKey<(payload: JSONValue, index: Int)>()
    /// v2 `message.delta` text by message id, until `message.complete`.
    private var deltas = PendingByKey<String>()
    private var lastTurn: Int?
    /// Gaps seen before any run started, shown at the first turn.
    private var pendingGaps: [[Int]] = []

    init(createdAt: JSONValue?) {
        self.createdAt = createdAt
    }

    mutating func apply(_ type: EventType, event: JSONValue, data: JSONValue, index: Int) {
        let eventTurn = event["turn"]?.int
        collectEvidence(type, event: event, data: data, index: index)

        switch type {
        case .userMessage:
            flush()
            let timestamp = nullish(event["timestamp"], else: createdAt)
            messages.append(.user(UserMessage(text: data["text"], timestamp: timestamp)))
            return
        case .runStart, .runStartV2:
            flush()
            // v1 takes the payload's timestamp, v2 the event's (§9).
            let stamp = type == .runStart ? data["timestamp"] : event["timestamp"]
            current = OrchestratorMessage(timestamp: nullish(stamp, else: createdAt))
            let turn = eventTurn ?? (lastTurn.map { $0 + 1 } ?? 0)
            lastTurn = turn
            var notes = TurnNotes(messageIndex: messages.count, turn: turn)
            for gap in pendingGaps { notes.timeline.append(.gap(missingChunks: gap)) }
            pendingGaps = []
            currentNotes = notes
            seeTimestamp(stamp)
            return
        default:
            break
        }

        guard current != nil, currentNotes != nil else {
            ignored += 1
            if firstIgnoredIndex == nil { firstIgnoredIndex = index }
            return
        }

        switch type {
        case .stepComplete, .toolCallComplete:
            current!.steps.append(data)
            currentNotes!.timeline.append(.step(current!.steps.count - 1))
            let key = type == .toolCallComplete ? (data["id"].map(keyText) ?? data["step"].map(keyText)) : data["step"].map(keyText)
            if let key { inFlight.removeFirst(key) }
            seeTimestamp(data["timestamp"])
        case .message, .messageComplete:
            // The last one wins, even when its text is missing (§4).
            current!.diagnosis = data["text"]
            currentNotes!.sawFinalMessage = true
            if type == .messageComplete, let id = data["id"].map(keyText) {
                deltas.removeFirst(id)  // one entry per id: deltas merge
            }
        case .runComplete, .runCompleteV2:
            current!.runMeta = data
            currentNotes!.sawRunComplete = true
        case .error:
            current!.errorMessage = data["message"]
            current!.status = .error
            currentNotes!.timeline.append(.error(data["message"]?.displayText, eventIndex: index))
        case .stepStarted, .toolCallStart:
            let key = type == .toolCallStart ? (data["id"].map(keyText) ?? data["step"].map(keyText)) : data["step"].map(keyText)
            inFlight.append(key ?? "#\(index)", (data, index))
            seeTimestamp(data["timestamp"])
        case .stepThinking:
            if let status = data["status"]?.string, Self.isRetry(status) {
                currentNotes!.timeline.append(.retry(status, eventIndex: index))
            }
        case .statusChange:
            currentNotes!.timeline.append(.statusChange(status: data["status"]?.string,
                                                        message: data["message"]?.string, eventIndex: index))
        case .status:
            // §9: the second generation's cancellation requests and retries
            // go in the timeline as the first generation's do.
            let message = data["message"]
            if Self.isCancellation(data) {
                currentNotes!.timeline.append(.statusChange(status: "cancelling", message: message?.string, eventIndex: index))
            } else if let text = message?.string, Self.isRetry(text) {
                currentNotes!.timeline.append(.retry(text, eventIndex: index))
            } else if let message {
                currentNotes!.timeline.append(.statusNote(message.displayText, eventIndex: index))
            }
        case .threadCreated, .sessionCreated:
            if let thread = data["thread_id"], !thread.isNull {
                currentNotes!.timeline.append(.thread(thread.displayText, eventIndex: index))
            }
        case .messageDelta:
            let id = data["id"].map(keyText) ?? ""
            let text = data["text"]?.string ?? ""
            if !deltas.modifyFirst(id, { $0 += text }) { deltas.append(id, text) }
        default:
            break
        }
        seeTimestamp(event["timestamp"])
    }

    /// §8's evidence, collected anywhere in the log, even outside a run.
    /// `error` and cancellation events carry no `turn` (§3): they belong to
    /// the turn they stand in by position.
    private mutating func collectEvidence(_ type: EventType, event: JSONValue, data: JSONValue, index: Int) {
        let byPosition = currentNotes?.turn ?? event["turn"]?.int
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
        if currentNotes != nil {
            currentNotes!.timeline.append(.gap(missingChunks: missing))
        } else {
            pendingGaps.append(missing)
        }
    }

    mutating func finish() {
        flush()
    }

    private mutating func flush() {
        guard let message = current, var notes = currentNotes else { return }
        for started in inFlight.values {
            notes.stepsInFlight.append(started.payload)
            notes.timeline.append(.stepInFlight(started.payload, eventIndex: started.index))
        }
        inFlight.removeAll()
        let unfinished = deltas.values.filter { !$0.isEmpty }
        if !unfinished.isEmpty { notes.unfinishedAnswer = unfinished.joined(separator: "\n\n") }
        deltas.removeAll()
        notes.messageIndex = messages.count
        messages.append(.orchestrator(message))
        self.notes.append(notes)
        current = nil
        currentNotes = nil
    }

    private mutating func seeTimestamp(_ value: JSONValue?) {
        guard currentNotes != nil, let text = value?.string, Timestamp.parse(text) != nil else { return }
        if currentNotes!.firstTimestamp == nil { currentNotes!.firstTimestamp = text }
        currentNotes!.lastTimestamp = text
    }
}

private func keyText(_ value: JSONValue) -> String {
    value.displayText
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
