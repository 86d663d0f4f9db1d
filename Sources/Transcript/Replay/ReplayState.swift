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

    mutating func apply(_ event: Event, of logged: LoggedEvent) {
        collectEvidence(event, of: logged)
        switch event {
        case .userMessage(let payload):
            flush()
            let timestamp = nullish(logged.timestamp, else: createdAt)
            messages.append(.user(UserMessage(text: payload.text, timestamp: timestamp)))
        case .runStart(let payload), .runStartV2(let payload):
            startRun(payload, turn: logged.turn)
        default:
            guard open != nil else {
                ignored += 1
                if firstIgnoredIndex == nil { firstIgnoredIndex = logged.index }
                return
            }
            // In place: `open` keeps the only reference to the turn's arrays.
            open?.apply(event, of: logged)
        }
    }

    private mutating func startRun(_ run: RunStartPayload, turn written: Int?) {
        flush()
        let turn = written ?? (lastTurn.map { $0 + 1 } ?? 0)
        lastTurn = turn
        var notes = TurnNotes(messageIndex: messages.count, turn: turn)
        for gap in pendingGaps { notes.timeline.append(.gap(missingChunks: gap)) }
        pendingGaps = []
        var started = OpenTurn(message: OrchestratorMessage(timestamp: nullish(run.timestamp, else: createdAt)), notes: notes)
        started.seeTimestamp(run.timestamp?.string)
        open = started
    }

    /// §8's evidence, collected anywhere in the log, even outside a run.
    /// `error` and cancellation events carry no `turn` (§3): they belong to
    /// the turn they stand in by position.
    private mutating func collectEvidence(_ event: Event, of logged: LoggedEvent) {
        let index = logged.index
        let byPosition = open?.notes.turn ?? logged.turn
        switch event {
        case .error(let error):
            lastError = ErrorEvidence(message: error.message, eventIndex: index, turn: byPosition)
            let text = error.text
            turnErrors.append(TurnError(turn: byPosition, eventIndex: index, message: text,
                                        reason: text.map { $0.isEmpty ? .none : OutcomeRules.classify($0) } ?? .none))
        case .statusChange(let change) where change.isCancellation:
            cancellations.append(CancellationRequest(turn: byPosition, eventIndex: index,
                                                     message: change.message, generation: .first))
        case .status(let status) where status.isCancellation:
            cancellations.append(CancellationRequest(turn: byPosition, eventIndex: index,
                                                     message: status.messageText, generation: .second))
        case .stepThinking(let thinking):
            if let text = thinking.retry { retries.append(Retry(announced: text, turn: byPosition, eventIndex: index, .first)) }
        case .status(let status):
            if let text = status.retry { retries.append(Retry(announced: text, turn: byPosition, eventIndex: index, .second)) }
        default: break
        }
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

extension Retry {
    init(announced text: String, turn: Int?, eventIndex: Int, _ generation: EventGeneration) {
        let (attempt, attempts) = Retry.attempt(in: text)
        self.init(turn: turn, eventIndex: eventIndex, text: text, attempt: attempt, attempts: attempts,
                  generation: generation)
    }
}
