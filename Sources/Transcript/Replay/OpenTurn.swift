/// The run being replayed: its message, its notes and what it left pending,
/// from a run start to the next turn (FORMAT.md §4). One value, so "inside a
/// run" is one optional and the message never exists without its notes.
struct OpenTurn {
    var message: OrchestratorMessage
    var notes: TurnNotes
    /// Started steps not yet completed, keyed by the step's number (or v2 id) as written.
    private var inFlight = PendingByKey<(payload: JSONValue, index: Int)>()
    /// v2 `message.delta` text by message id, until `message.complete`.
    private var deltas = PendingByKey<String>()

    init(message: OrchestratorMessage, notes: TurnNotes) {
        self.message = message
        self.notes = notes
    }

    /// An event inside the run; `index` is its position in the event log.
    mutating func apply(_ type: EventType, event: JSONValue, data: JSONValue, index: Int) {
        switch type {
        case .stepComplete, .toolCallComplete:
            message.steps.append(StepRecord(data))
            notes.timeline.append(.step(message.steps.count - 1))
            if let key = stepKey(type == .toolCallComplete, data) { inFlight.removeFirst(key) }
            seeTimestamp(data["timestamp"])
        case .message, .messageComplete:
            // The last one wins, even when its text is missing (§4).
            message.diagnosis = data["text"]
            notes.sawFinalMessage = true
            if type == .messageComplete, let id = data["id"].map(keyText) {
                deltas.removeFirst(id)  // one entry per id: deltas merge
            }
        case .runComplete, .runCompleteV2:
            message.runMeta = data
            notes.sawRunComplete = true
        case .error:
            message.errorMessage = data["message"]
            message.status = .error
            notes.timeline.append(.error(data["message"]?.displayText, eventIndex: index))
        case .stepStarted, .toolCallStart:
            inFlight.append(stepKey(type == .toolCallStart, data) ?? "#\(index)", (data, index))
            seeTimestamp(data["timestamp"])
        case .messageDelta:
            let id = data["id"].map(keyText) ?? ""
            let text = data["text"]?.string ?? ""
            if !deltas.modifyFirst(id, { $0 += text }) { deltas.append(id, text) }
        default:
            noteInTimeline(type, data: data, index: index)
        }
        seeTimestamp(event["timestamp"])
    }

    /// The events that only add a line to the timeline.
    private mutating func noteInTimeline(_ type: EventType, data: JSONValue, index: Int) {
        switch type {
        case .stepThinking:
            if let status = data["status"]?.string, ReplayState.isRetry(status) {
                notes.timeline.append(.retry(status, eventIndex: index))
            }
        case .statusChange:
            notes.timeline.append(.statusChange(status: data["status"]?.string,
                                                message: data["message"]?.string, eventIndex: index))
        case .status:
            // §9: the second generation's cancellation requests and retries
            // go in the timeline as the first generation's do.
            let message = data["message"]
            if ReplayState.isCancellation(data) {
                notes.timeline.append(.statusChange(status: "cancelling", message: message?.string, eventIndex: index))
            } else if let text = message?.string, ReplayState.isRetry(text) {
                notes.timeline.append(.retry(text, eventIndex: index))
            } else if let message {
                notes.timeline.append(.statusNote(message.displayText, eventIndex: index))
            }
        case .threadCreated, .sessionCreated:
            if let thread = data["thread_id"], !thread.isNull {
                notes.timeline.append(.thread(thread.displayText, eventIndex: index))
            }
        default:
            break
        }
    }

    /// A v2 tool call is keyed by its id, else (like v1) by its step number.
    private func stepKey(_ byID: Bool, _ data: JSONValue) -> String? {
        byID ? (data["id"].map(keyText) ?? data["step"].map(keyText)) : data["step"].map(keyText)
    }

    mutating func seeTimestamp(_ value: JSONValue?) {
        guard let text = value?.string, Timestamp.parse(text) != nil else { return }
        if notes.firstTimestamp == nil { notes.firstTimestamp = text }
        notes.lastTimestamp = text
    }

    /// The finished turn's notes: what was still pending goes in them.
    consuming func close(messageIndex: Int) -> (OrchestratorMessage, TurnNotes) {
        for started in inFlight.values {
            let step = StepRecord(started.payload)
            notes.stepsInFlight.append(step)
            notes.timeline.append(.stepInFlight(step, eventIndex: started.index))
        }
        let unfinished = deltas.values.filter { !$0.isEmpty }
        if !unfinished.isEmpty { notes.unfinishedAnswer = unfinished.joined(separator: "\n\n") }
        notes.messageIndex = messageIndex
        return (message, notes)
    }
}

private func keyText(_ value: JSONValue) -> String {
    value.displayText
}
