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

    /// An event inside the run, at its place in the event log.
    mutating func apply(_ event: Event, of logged: LoggedEvent) {
        let index = logged.index
        switch event {
        case .stepComplete(let step), .toolCallComplete(let step):
            message.steps.append(StepRecord(step.raw))
            notes.timeline.append(.step(message.steps.count - 1))
            if let key = step.key { inFlight.removeFirst(key) }
            seeTimestamp(step.timestamp)
        case .message(let final), .messageComplete(let final):
            // The last one wins, even when its text is missing (§4).
            message.diagnosis = final.text
            notes.sawFinalMessage = true
            if let id = final.id { deltas.removeFirst(id) }  // one entry per id: deltas merge
        case .runComplete(let run), .runCompleteV2(let run):
            message.runMeta = run.raw
            notes.sawRunComplete = true
        case .error(let error):
            message.errorMessage = error.message
            message.status = .error
            notes.timeline.append(.error(error.message?.displayText, eventIndex: index))
        case .stepStarted(let step), .toolCallStart(let step):
            inFlight.append(step.key ?? "#\(index)", (step.raw, index))
            seeTimestamp(step.timestamp)
        case .messageDelta(let delta):
            let (id, text) = (delta.id, delta.text)  // views of the payload: read once
            if !deltas.modifyFirst(id, { $0 += text }) { deltas.append(id, text) }
        default:
            noteInTimeline(event, index: index)
        }
        seeTimestamp(logged.timestamp?.string)
    }

    /// The events that only add a line to the timeline.
    private mutating func noteInTimeline(_ event: Event, index: Int) {
        switch event {
        case .stepThinking(let thinking):
            if let retry = thinking.retry { notes.timeline.append(.retry(retry, eventIndex: index)) }
        case .statusChange(let change):
            notes.timeline.append(.statusChange(status: change.status, message: change.message, eventIndex: index))
        case .status(let status):
            // §9: the second generation's cancellation requests and retries
            // go in the timeline as the first generation's do.
            if status.isCancellation {
                notes.timeline.append(.statusChange(status: "cancelling", message: status.messageText, eventIndex: index))
            } else if let retry = status.retry {
                notes.timeline.append(.retry(retry, eventIndex: index))
            } else if let message = status.message {
                notes.timeline.append(.statusNote(message.displayText, eventIndex: index))
            }
        case .threadCreated(let thread), .sessionCreated(let thread):
            if let id = thread.threadID, !id.isNull {
                notes.timeline.append(.thread(id.displayText, eventIndex: index))
            }
        default:
            break
        }
    }

    mutating func seeTimestamp(_ text: String?) {
        guard let text, Timestamp.parse(text) != nil else { return }
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
