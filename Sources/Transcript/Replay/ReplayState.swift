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
    var cancelling: CancelEvidence?
    var retries = 0
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
        // Evidence for §8 is collected anywhere in the log, even outside a run.
        switch type {
        case .error:
            lastError = ErrorEvidence(message: data["message"], eventIndex: index,
                                      turn: eventTurn ?? currentNotes?.turn)
        case .statusChange where data["status"]?.string == "cancelling":
            if cancelling == nil {
                cancelling = CancelEvidence(message: data["message"]?.string, eventIndex: index,
                                            turn: eventTurn ?? currentNotes?.turn)
            }
        default: break
        }

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
            if let status = data["status"]?.string, status.contains("Retrying") {
                retries += 1
                currentNotes!.timeline.append(.retry(status, eventIndex: index))
            }
        case .statusChange:
            currentNotes!.timeline.append(.statusChange(status: data["status"]?.string,
                                                        message: data["message"]?.string, eventIndex: index))
        case .status:
            if let message = data["message"] {
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

struct CancelEvidence {
    var message: String?
    var eventIndex: Int
    var turn: Int?
}

struct OutcomeEvidence {
    var lastError: ErrorEvidence?
    var cancelling: CancelEvidence?
    var retries: Int
}
