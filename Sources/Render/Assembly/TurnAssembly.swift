import Transcript

/// Rebuilds the turns of a session from its messages and the replay's
/// notes, tallying the steps as it goes. FORMAT.md §4: messages alternate,
/// but nothing guarantees it; an orchestrator message answers every user
/// message before it.
struct TurnAssembly {
    private let t: Transcript
    /// The document's `created_at` when a string: the time a user message without its own takes (§4 rule 1).
    private let createdAt: String?
    private let clock: Clock
    private let steps: StepBuilder
    private var notesByMessage: [Int: TurnNotes] = [:]
    /// §3: error events carry no `turn`; the replay placed each in the turn
    /// it stands in, and classified it (§8 rule 3).
    private var errorsByEvent: [Int: TurnError] = [:]
    private var pending: [ReportModel.OperatorMessage] = []
    private(set) var turns: [ReportModel.Turn] = []
    /// The `turn` the log gives each run (its position when it gives none).
    private(set) var loggedTurns: [Int] = []
    /// First to last timestamp seen anywhere in the session.
    private(set) var span = TimeSpan()
    private(set) var tally = StepTally()

    /// Every message of `t`, in order, as turns.
    static func assemble(_ t: Transcript, createdAt: String?, clock: Clock, steps: StepBuilder) -> TurnAssembly {
        var a = TurnAssembly(t: t, createdAt: createdAt, clock: clock, steps: steps)
        for n in t.notes { a.notesByMessage[n.messageIndex] = n }
        for e in t.turnErrors where a.errorsByEvent[e.eventIndex] == nil { a.errorsByEvent[e.eventIndex] = e }
        for (index, message) in t.messages.enumerated() {
            switch message {
            case .user(let m): a.add(m, at: index)
            case .orchestrator(let m): a.add(m, at: index)
            }
        }
        a.closeUnanswered()
        return a
    }

    private init(t: Transcript, createdAt: String?, clock: Clock, steps: StepBuilder) {
        self.t = t
        self.createdAt = createdAt
        self.clock = clock
        self.steps = steps
    }

    private mutating func add(_ m: UserMessage, at index: Int) {
        span.see(m.timestamp)
        let fromAlert = index == 0 && t.synthesisedFirstMessage
        // A follow-up's user_message rarely has its own timestamp, and
        // the replay then gives it created_at (FORMAT.md §4 rule 1):
        // true to the frontend, but misleading as a time, so not shown.
        let timestamp = m.shownTimestamp
        let defaulted = !turns.isEmpty && timestamp?.string != nil && timestamp?.string == createdAt
        pending.append(.init(text: m.shownText?.shown ?? "",
                             timeText: defaulted ? nil : clock.full(timestamp?.shown),
                             fromAlertText: fromAlert))
    }

    private mutating func add(_ m: OrchestratorMessage, at index: Int) {
        let number = turns.count + 1
        // Replay gives every orchestrator message its notes; without
        // them the steps are still shown, in order.
        let notes = notesByMessage[index]
        let timeline = notes?.timeline ?? m.steps.indices.map { TimelineItem.step($0) }
        loggedTurns.append(notes?.turn ?? number - 1)
        var turnSpan = TimeSpan()
        let timestamp = m.shownTimestamp?.string
        for raw in [timestamp, notes?.firstTimestamp, notes?.lastTimestamp] {
            span.see(raw)
            turnSpan.see(raw)
        }
        let startedRaw = timestamp ?? notes?.firstTimestamp
        let entries = self.entries(timeline, of: m, turn: number, day: clock.day(startedRaw), span: &turnSpan)
        let runMeta = m.runMetaRecord
        if let n = runMeta?.tokens?.int { tally.tokens = (tally.tokens ?? 0) + n }
        let diagnosis = ReportBuilder.diagnosis(m.shownDiagnosis)
        let errorNoted = entries.contains { if case .note(let n) = $0 { return n.kind == .error } else { return false } }
        turns.append(.init(
            number: number, anchor: "turn-\(number)",
            title: ReportBuilder.turnTitle(number: number, loggedTurn: notes?.turn, kind: t.input.kind,
                                           capped: t.synthesisedFirstMessage),
            operatorMessages: pending, startedText: clock.full(startedRaw),
            durationText: turnSpan.seconds.map(formatDuration),
            hasRun: true, entries: entries, diagnosis: diagnosis, unfinishedAnswer: notes?.unfinishedAnswer,
            runMeta: ReportBuilder.runMeta(runMeta),
            // The error event is already in the timeline; repeat it only when it is not.
            errorMessage: m.status == .error && !errorNoted ? m.shownErrorMessage?.shown : nil,
            missingAnswerNote: diagnosis == nil ? Self.missingAnswer(notes) : nil,
            failure: ReportBuilder.failure(timeline, errors: errorsByEvent)))
        pending = []
    }

    /// The turn's steps, steps in flight and notes, in the order they happened.
    private mutating func entries(_ timeline: [TimelineItem], of m: OrchestratorMessage, turn number: Int,
                                  day: String?, span turnSpan: inout TimeSpan) -> [ReportModel.TimelineEntry] {
        var entries: [ReportModel.TimelineEntry] = []
        entries.reserveCapacity(timeline.count)
        for item in timeline {
            switch item {
            case .step(let i):
                guard i < m.steps.count else { continue }
                let record = m.steps[i]
                let timestamp = record.timestamp?.string
                span.see(timestamp)
                turnSpan.see(timestamp)
                let step = steps.step(record, position: i + 1, turnNumber: number, day: day)
                tally.add(step)
                entries.append(.step(step))
            case .stepInFlight(let record, let eventIndex):
                let timestamp = record.timestamp?.string
                span.see(timestamp)
                turnSpan.see(timestamp)
                entries.append(.stepInFlight(.init(
                    number: record.number?.shown ?? "?", anchor: "turn-\(number)-running-\(eventIndex)",
                    agent: record.agent?.shown, timeText: clock.time(timestamp, onDay: day),
                    query: record.query?.shown, reasoning: record.reasoning?.shown)))
            default:
                if let note = ReportBuilder.note(item) { entries.append(.note(note)) }
            }
        }
        return entries
    }

    /// Said in place of a diagnosis the turn does not have.
    private static func missingAnswer(_ notes: TurnNotes?) -> String {
        if notes?.unfinishedAnswer != nil {
            return "The orchestrator was still writing its answer when the log ends; the partial text is below."
        }
        if notes?.sawFinalMessage == true { return "The final message of this turn has no text." }
        return "This turn has no final answer."
    }

    /// Operator messages no run answered before the log ends.
    private mutating func closeUnanswered() {
        guard !pending.isEmpty else { return }
        let number = turns.count + 1
        turns.append(.init(number: number, anchor: "turn-\(number)",
                           title: number == 1 ? "Initial alert" : "Follow-up \(number - 1)",
                           operatorMessages: pending, startedText: nil, durationText: nil, hasRun: false,
                           entries: [], diagnosis: nil, unfinishedAnswer: nil, runMeta: nil, errorMessage: nil,
                           missingAnswerNote: "No run started for this message before the log ends."))
        pending = []
    }

    /// The steps the session document recorded when its log was lost (§6) count too.
    mutating func tally(_ run: ReportModel.RecordedRun, runMeta: RunMetaRecord?) {
        run.steps.forEach { tally.add($0) }
        if tally.tokens == nil { tally.tokens = runMeta?.tokens?.int }
    }
}
