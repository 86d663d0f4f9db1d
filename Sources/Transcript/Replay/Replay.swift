/// FORMAT.md §4 and §9: rebuilds the conversation exactly as the NOC frontend
/// does, and records beside it what the frontend does not show.
public enum Replay {
    /// Logs are capped at these lengths by the backend (FORMAT.md §3).
    static let knownCaps: Set<Int> = [500, 2000]

    public static func run(_ input: SessionInput) -> Transcript {
        switch input.kind {
        case .interaction: return interaction(input)
        case .session: return session(input)
        }
    }

    // MARK: - Sessions

    private static func session(_ input: SessionInput) -> Transcript {
        let header = SessionHeader(input.document)
        var warnings = input.warnings
        let log = EventLog.entries(input, header: header, warnings: &warnings)
        var state = ReplayState(createdAt: header.createdAt)
        let eventCount = replay(log, into: &state, warnings: &warnings)
        warnings += walkWarnings(state, eventCount: eventCount)

        var messages = state.messages
        var notes = state.notes
        var synthesised = false
        if let first = messages.first, case .orchestrator = first {
            messages.insert(.user(UserMessage(text: header.alertText, timestamp: header.createdAt)), at: 0)
            for i in notes.indices { notes[i].messageIndex += 1 }
            synthesised = true
        }

        var transcript = Transcript(input: input, header: header, messages: messages, notes: notes,
                                    ignoredEvents: state.ignored, eventCount: eventCount,
                                    unknownEventTypes: state.unknownTypes,
                                    outcome: Outcome(category: .unknown, reason: .none), warnings: warnings,
                                    synthesisedFirstMessage: synthesised)
        if header.partial {
            transcript.warnings.append(.init(.partialLog, "the exporting API marked this document \"partial\": it could not read every chunk of the event log, so the transcript is incomplete"))
        }
        transcript.recordedSteps = lostLog(input, header: header, eventCount: eventCount)
        if let lost = transcript.recordedSteps {
            transcript.warnings.append(.init(.lostLog, lost.why))
        }
        transcript.cancellationRequests = state.cancellations
        transcript.retries = state.retries
        transcript.turnErrors = state.turnErrors
        let evidence = OutcomeEvidence(lastError: state.lastError, cancelling: state.cancellations.first,
                                       retries: state.retries.count)
        let decision = OutcomeRules.decide(transcript, evidence: evidence)
        transcript.outcome = decision.outcome
        transcript.warnings += decision.warnings
        return transcript
    }

    /// Walks the log through `state`; returns the number of events (gaps are not events).
    private static func replay(_ log: [LogEntry], into state: inout ReplayState,
                               warnings: inout [Problem]) -> Int {
        var eventIndex = -1
        var firstEventSeen = false
        for entry in log {
            switch entry {
            case .gap(let missing):
                state.gap(missing)
            case .event(let entry):
                eventIndex += 1
                guard let logged = LoggedEvent(entry, index: eventIndex, warnings: &warnings) else { continue }
                if !firstEventSeen {
                    firstEventSeen = true
                    if let warning = midTurnStart(logged) { warnings.append(warning) }
                }
                if logged.type == nil { state.unknownTypes[logged.name, default: 0] += 1 }
                state.apply(logged.decode(warnings: &warnings), of: logged)
            }
        }
        state.finish()
        return eventIndex + 1
    }

    /// A log whose first event does not open a turn lost its oldest events.
    private static func midTurnStart(_ first: LoggedEvent) -> Problem? {
        if first.type?.opensTurn == true { return nil }
        return .init(.truncatedLog, "the event log starts in the middle of a turn (first event: \(first.name)): older events were dropped", eventIndex: first.index)
    }

    /// What the walk as a whole says: a capped log, ignored events, unknown types.
    private static func walkWarnings(_ state: ReplayState, eventCount: Int) -> [Problem] {
        var warnings: [Problem] = []
        if knownCaps.contains(eventCount) {
            warnings.append(.init(.truncatedLog, "the event log holds exactly \(eventCount) events, the backend's cap: older events were probably dropped"))
        }
        if state.ignored > 0 {
            warnings.append(.init(.eventBeforeRunStart, "\(state.ignored) event\(state.ignored == 1 ? "" : "s") outside any run (before a run start) were ignored, as the frontend ignores them", eventIndex: state.firstIgnoredIndex))
        }
        for (name, count) in state.unknownTypes.sorted(by: { $0.key < $1.key }) {
            warnings.append(.init(.unknownEventType, "\(count) event\(count == 1 ? "" : "s") of unknown type \"\(name)\" had no effect"))
        }
        return warnings
    }

    /// FORMAT.md §6: an empty rebuilt log (or every chunk missing) beside a
    /// non-empty `steps` array means the log was lost, not that nothing ran.
    static func lostLog(_ input: SessionInput, header: SessionHeader, eventCount: Int) -> RecordedSteps? {
        guard eventCount == 0, let steps = header.steps, steps.isArray, steps.count > 0 else { return nil }
        let n = steps.count == 1 ? "1 step" : "\(steps.count) steps"
        let why: String
        if input.chunkedLog != nil && !input.missingChunks.isEmpty {
            why = "every event log chunk found is empty or missing, but the document records \(n): the log was lost (or not exported); the recorded steps are shown instead"
        } else if input.chunkedLog != nil {
            why = "the event log stored in chunks is empty, but the document records \(n): restart recovery rewrites a chunked session's log empty, so the recorded steps are shown instead"
        } else {
            why = "the event log is empty, but the document records \(n): the log was lost, so the recorded steps are shown instead"
        }
        return RecordedSteps(steps: steps.elements.map(StepRecord.init), diagnosis: header.diagnosis.map(ShownValue.init),
                             runMeta: RunMetaRecord(header.runMeta), why: why)
    }

    // MARK: - Interactions (§7)

    private static func interaction(_ input: SessionInput) -> Transcript {
        let header = SessionHeader(input.document)
        let createdAt = header.createdAt
        var warnings = input.warnings
        var orchestrator = OrchestratorMessage(timestamp: createdAt)
        if let steps = header.steps {
            if steps.isArray {
                orchestrator.steps = steps.elements.map(StepRecord.init)
            } else {
                orchestrator.stepsAsWritten = .other(steps)
                warnings.append(.init(.fieldTypeMismatch, "steps is \(steps.kind.article), not an array: no steps shown"))
            }
        } else {
            orchestrator.stepsAsWritten = .missing
        }
        orchestrator.diagnosis = header.diagnosis
        orchestrator.runMeta = header.runMeta
        var notes = TurnNotes(messageIndex: 1, turn: 0)
        notes.sawFinalMessage = orchestrator.diagnosis != nil
        notes.sawRunComplete = orchestrator.runMeta != nil
        notes.timeline = orchestrator.steps.indices.map { .step($0) }
        let messages: [Message] = [.user(UserMessage(text: header.query, timestamp: createdAt)), .orchestrator(orchestrator)]
        var transcript = Transcript(input: input, header: header, messages: messages, notes: [notes], ignoredEvents: 0, eventCount: 0,
                                    unknownEventTypes: [:], outcome: Outcome(category: .completed, reason: .none),
                                    warnings: warnings, synthesisedFirstMessage: false)
        transcript.outcome.failedSteps = OutcomeRules.failedSteps(transcript)
        return transcript
    }
}

extension JSONValue.Kind {
    /// "an object", "a string", ... for messages.
    public var article: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONValue {
    /// The `{}` that malformed or missing event data stands for.
    public static let emptyObject: JSONValue = {
        let tape = JSONTape(bytes: Array("{}".utf8),
                            nodes: [JSONNode(kind: .object, escaped: false, start: 0, end: 2, next: 1, count: 0)])
        return tape.root
    }()

    /// The decoded string, or the JSON text of any other value (for display).
    public var displayText: String {
        if let s = string { return s }
        var out: [UInt8] = []
        writeCompact(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

func nullish(_ value: JSONValue?, else fallback: JSONValue?) -> JSONValue? {
    guard let value, !value.isNull else { return fallback }
    return value
}
