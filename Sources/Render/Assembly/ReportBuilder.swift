import Transcript

/// Builds the `ReportModel` of one replayed session. Pure: the same
/// transcript and options always give the same model.
public enum ReportBuilder {
    /// `name` is the output base file name (already sanitised by the caller).
    public static func build(_ t: Transcript, name: String, options: RenderOptions) -> ReportModel {
        let clock = Clock(zone: options.timeZone)
        let steps = StepBuilder(clock: clock, maxTableRows: options.maxTableRows)
        let doc = t.document
        var span = TimeSpan()

        // FORMAT.md §4: messages alternate, but nothing guarantees it; an
        // orchestrator message answers every user message before it.
        var notesByMessage: [Int: TurnNotes] = [:]
        for n in t.notes { notesByMessage[n.messageIndex] = n }
        var turns: [ReportModel.Turn] = []
        var loggedTurns: [Int] = []
        var pending: [ReportModel.OperatorMessage] = []
        var agents: [String] = []
        var failingAgents: [String] = []
        // Membership by set: a hostile log with 40 000 distinct agents made the
        // array searches quadratic (9 s for a 5 MB session).
        var seenAgents = Set<String>(), seenFailingAgents = Set<String>()
        var failedKinds: [StepErrorKind] = []
        var stepCount = 0
        var failedCount = 0
        var tokens: Int?
        func tally(_ step: ReportModel.Step) {
            if let agent = step.agent, seenAgents.insert(agent).inserted { agents.append(agent) }
            guard let f = step.failure else { return }
            failedCount += 1
            if let agent = step.agent, seenFailingAgents.insert(agent).inserted { failingAgents.append(agent) }
            if !failedKinds.contains(f.kind) { failedKinds.append(f.kind) }
        }
        // §3: error events carry no `turn`; the replay placed each in the
        // turn it stands in, and classified it (§8 rule 3).
        var errorsByEvent: [Int: TurnError] = [:]
        for e in t.turnErrors where errorsByEvent[e.eventIndex] == nil { errorsByEvent[e.eventIndex] = e }

        for (index, message) in t.messages.enumerated() {
            switch message {
            case .user(let m):
                span.see(m.timestamp)
                let fromAlert = index == 0 && t.synthesisedFirstMessage
                // A follow-up's user_message rarely has its own timestamp, and
                // the replay then gives it created_at (FORMAT.md §4 rule 1):
                // true to the frontend, but misleading as a time, so not shown.
                let defaulted = !turns.isEmpty && m.timestamp?.string != nil && m.timestamp?.string == doc["created_at"]?.string
                pending.append(.init(text: m.text?.shownText ?? "",
                                     timeText: defaulted ? nil : clock.full(m.timestamp?.shownText),
                                     fromAlertText: fromAlert))
            case .orchestrator(let m):
                let number = turns.count + 1
                // Replay gives every orchestrator message its notes; without
                // them the steps are still shown, in order.
                let notes = notesByMessage[index]
                let timeline = notes?.timeline ?? m.steps.indices.map { TimelineItem.step($0) }
                loggedTurns.append(notes?.turn ?? number - 1)
                span.see(m.timestamp)
                span.see(notes?.firstTimestamp)
                span.see(notes?.lastTimestamp)
                var turnSpan = TimeSpan()
                turnSpan.see(m.timestamp)
                turnSpan.see(notes?.firstTimestamp)
                turnSpan.see(notes?.lastTimestamp)
                let startedRaw = m.timestamp?.string ?? notes?.firstTimestamp
                let day = clock.day(startedRaw)

                var entries: [ReportModel.TimelineEntry] = []
                entries.reserveCapacity(timeline.count)
                var stepsInTurn = 0
                for item in timeline {
                    switch item {
                    case .step(let i):
                        guard i < m.steps.count else { continue }
                        let payload = m.steps[i]
                        span.see(payload["timestamp"])
                        turnSpan.see(payload["timestamp"])
                        stepsInTurn += 1
                        let step = steps.step(payload, position: i + 1, turnNumber: number, day: day)
                        tally(step)
                        entries.append(.step(step))
                    case .stepInFlight(let payload, let eventIndex):
                        span.see(payload["timestamp"])
                        turnSpan.see(payload["timestamp"])
                        let number = payload["step"]?.shownText ?? "?"
                        entries.append(.stepInFlight(.init(
                            number: number, anchor: "turn-\(turns.count + 1)-running-\(eventIndex)",
                            agent: payload["agent"]?.shownText, timeText: clock.time(payload["timestamp"]?.string, onDay: day),
                            query: payload["query"]?.shownText, reasoning: payload["reasoning"]?.shownText)))
                    default:
                        if let note = note(item) { entries.append(.note(note)) }
                    }
                }
                stepCount += stepsInTurn

                var runMeta: ReportModel.RunMeta?
                if let meta = m.runMeta, meta.isObject {
                    runMeta = .init(steps: meta["steps"]?.shownText,
                                    tokens: meta["tokens"]?.int.map(TextForm.grouped) ?? meta["tokens"]?.shownText,
                                    time: meta["time"]?.shownText)
                    if let n = meta["tokens"]?.int { tokens = (tokens ?? 0) + n }
                }
                var diagnosis: ReportModel.AgentMarkdown?
                if let d = m.diagnosis, !d.isNull {
                    let text = d.string ?? MarkdownText.fencedBlock(d.displayText, info: "json")
                    if !text.isEmpty { diagnosis = .init(source: text) }
                }
                var missing: String?
                if diagnosis == nil {
                    if notes?.unfinishedAnswer != nil {
                        missing = "The orchestrator was still writing its answer when the log ends; the partial text is below."
                    } else if notes?.sawFinalMessage == true {
                        missing = "The final message of this turn has no text."
                    } else {
                        missing = "This turn has no final answer."
                    }
                }
                let title = Self.turnTitle(number: number, loggedTurn: notes?.turn, kind: t.input.kind,
                                           capped: t.synthesisedFirstMessage)
                turns.append(.init(
                    number: number, anchor: "turn-\(number)", title: title, operatorMessages: pending,
                    startedText: clock.full(startedRaw), durationText: turnSpan.seconds.map(formatDuration),
                    hasRun: true, entries: entries, diagnosis: diagnosis, unfinishedAnswer: notes?.unfinishedAnswer,
                    runMeta: runMeta,
                    errorMessage: m.status == .error ? m.errorMessage?.shownText : nil,
                    missingAnswerNote: missing, failure: Self.failure(timeline, errors: errorsByEvent)))
                pending = []
            }
        }
        if !pending.isEmpty {
            let number = turns.count + 1
            turns.append(.init(number: number, anchor: "turn-\(number)",
                               title: number == 1 ? "Initial alert" : "Follow-up \(number - 1)",
                               operatorMessages: pending, startedText: nil, durationText: nil, hasRun: false,
                               entries: [], diagnosis: nil, unfinishedAnswer: nil, runMeta: nil, errorMessage: nil,
                               missingAnswerNote: "No run started for this message before the log ends."))
        }

        Self.noteDocumentDiagnosis(doc, turns: &turns)
        var recorded: ReportModel.RecordedRun?
        if let lost = t.recordedSteps {
            let run = Self.recordedRun(lost, steps: steps)
            run.steps.forEach(tally)
            stepCount += run.steps.count
            if tokens == nil { tokens = lost.runMeta?["tokens"]?.int }
            recorded = run
        }
        let logState = Self.logState(t, recorded: recorded != nil)

        let created = doc["created_at"]?.string
        let updated = doc["updated_at"]?.string
        let stats = ReportModel.Stats(
            created: created.flatMap(Timestamp.parse), createdText: clock.full(created ?? doc["created_at"]?.shownText),
            updatedText: clock.full(updated ?? doc["updated_at"]?.shownText), durationSeconds: span.seconds,
            turnCount: turns.count(where: \.hasRun), stepCount: stepCount, failedStepCount: failedCount,
            tokens: tokens, agents: agents, failingAgents: failingAgents, failedKinds: failedKinds,
            eventCount: t.eventCount, ignoredEvents: t.ignoredEvents)

        let status = doc["status"]?.string
        let outcome = OutcomeNarrative(outcome: t.outcome, kind: t.input.kind, status: status, turns: turns,
                                       loggedTurns: loggedTurns, stats: stats, logState: logState,
                                       recorded: recorded).summary()

        // The NOC sidebar's title is alert_text; a capped log's first user
        // message is a follow-up question, never the alert.
        let alert: String? = {
            if t.input.kind == .interaction { return doc["query"]?.shownText }
            if let a = doc["alert_text"]?.string, !a.isEmpty { return a }
            if let first = turns.first?.operatorMessages.first, !first.text.isEmpty { return first.text }
            return doc["alert_text"]?.shownText
        }()
        let id = t.input.id ?? ""
        let scenario = doc["scenario"]?.shownText
        let shortAlert = alert.map { TextForm.shortLine($0, limit: 90) } ?? ""
        let head = shortAlert.isEmpty ? (id.isEmpty ? "Session without id" : "Session \(id)") : shortAlert
        let title = scenario.map { "\($0): \(head)" } ?? head

        let source = t.input.source
        let where_ = source.line.map { "line \($0)" } ?? "document \(source.documentIndex)"
        // The file name only: a path given on the command line can name a user.
        let sourceText = "\(Self.fileName(source.file)) (\(where_))"

        var threadID = doc["thread_id"]?.shownText
        if threadID == nil {
            for n in t.notes {
                for case .thread(let id, _) in n.timeline { threadID = id; break }
                if threadID != nil { break }
            }
        }

        var facts: [ReportModel.Fact] = [
            .init(label: t.input.kind == .interaction ? "Interaction ID" : "Session ID", value: id.isEmpty ? "—" : id, isCode: !id.isEmpty),
            .init(label: "Scenario", value: scenario ?? "—", isCode: false),
            .init(label: "Status", value: status ?? (doc["status"]?.shownText.map { "\($0) (not a string)" } ?? "missing"), isCode: false),
            .init(label: "Outcome", value: outcome.label + (outcome.reasonLabel.map { " — \($0)" } ?? ""), isCode: false),
            .init(label: "Created", value: stats.createdText ?? "—", isCode: false),
            .init(label: "Updated", value: stats.updatedText ?? "—", isCode: false),
            .init(label: "Duration", value: stats.durationSeconds.map { "\(formatDuration($0)) (first to last timestamp)" } ?? "—", isCode: false),
            .init(label: "Turns", value: String(stats.turnCount) + (recorded != nil ? " (the event log was lost)" : ""), isCode: false),
            .init(label: "Steps", value: Self.stepsFact(stepCount, failed: failedCount, logState: logState), isCode: false),
            .init(label: "Agents used", value: agents.isEmpty ? "—" : agents.joined(separator: ", "), isCode: false),
            .init(label: "Tokens", value: tokens.map(TextForm.grouped) ?? "—", isCode: false),
            .init(label: "Thread ID", value: threadID ?? "—", isCode: threadID != nil),
            .init(label: "Source file", value: sourceText, isCode: false),
        ]
        if t.input.kind == .session {
            var events = TextForm.plural(t.eventCount, "event")
            if t.ignoredEvents > 0 { events += " (\(t.ignoredEvents) ignored)" }
            if !t.input.missingChunks.isEmpty { events += "; chunks missing: " + t.input.missingChunks.map(String.init).joined(separator: ", ") }
            facts.append(.init(label: "Event log", value: events, isCode: false))
        }

        return ReportModel(
            name: name, kind: t.input.kind, id: id, title: title, scenario: scenario, alert: alert,
            shortAlert: shortAlert, status: status, outcome: outcome, facts: facts, stats: stats, turns: turns,
            warnings: t.warnings.map(WarningText.warning), source: sourceText, timeZone: options.timeZone,
            stamp: options.stamp, indexFileName: options.indexFileName, redaction: t.input.redaction,
            findings: FindingsBuilder.findings(turns), dispatches: FindingsBuilder.dispatches(turns),
            banner: FindingsBuilder.banner(t), keyEvents: FindingsBuilder.keyEvents(turns),
            logState: logState, recorded: recorded)
    }

    /// FORMAT.md §6: the document's `steps`, `diagnosis` and `run_meta`
    /// when the log was lost. Anchors `recorded-step-N`.
    static func recordedRun(_ lost: RecordedSteps, steps builder: StepBuilder) -> ReportModel.RecordedRun {
        let steps = lost.steps.enumerated().map { i, payload -> ReportModel.Step in
            var step = builder.step(payload, position: i + 1, turnNumber: 0, day: nil)
            step.anchor = "recorded-step-\(i + 1)"
            return step
        }
        var diagnosis: ReportModel.AgentMarkdown?
        if let d = lost.diagnosis, !d.isNull {
            let text = d.string ?? MarkdownText.fencedBlock(d.displayText, info: "json")
            if !text.isEmpty { diagnosis = .init(source: text) }
        }
        var runMeta: ReportModel.RunMeta?
        if let meta = lost.runMeta, meta.isObject {
            runMeta = .init(steps: meta["steps"]?.shownText,
                            tokens: meta["tokens"]?.int.map(TextForm.grouped) ?? meta["tokens"]?.shownText,
                            time: meta["time"]?.shownText)
        }
        let explanation = "No event of this session's log survives, so no conversation can be rebuilt. "
            + "The session document still records \(TextForm.plural(steps.count, "step")) of every turn together"
            + (diagnosis != nil ? ", the last diagnosis any turn wrote" : "")
            + (runMeta != nil ? " and the last run summary" : "")
            + "; they are shown here as recorded, without the turns they belonged to."
        return .init(heading: ReportModel.RecordedRun.heading, explanation: explanation, steps: steps,
                     diagnosis: diagnosis, runMeta: runMeta)
    }

    /// "4 (1 failed)"; for a log that is not there, what is known instead.
    static func stepsFact(_ count: Int, failed: Int, logState: ReportModel.LogState) -> String {
        let failures = failed > 0 ? " (\(failed) failed)" : ""
        switch logState {
        case .events, .empty: return String(count) + failures
        case .lost: return "\(count) recorded on the session document" + failures
        case .missing: return "unknown (the event log is missing)"
        case .incomplete: return "unknown (the event log is incomplete)"
        }
    }

    static func logState(_ t: Transcript, recorded: Bool) -> ReportModel.LogState {
        guard t.input.kind == .session, t.eventCount == 0 else { return .events }
        if recorded { return .lost }
        if !t.input.missingChunks.isEmpty { return .missing }
        if t.warnings.contains(where: { $0.code == .partialLog || $0.code == .missingChunks }) { return .incomplete }
        return .empty
    }

    /// The turn's last `error` event, classified (FORMAT.md §2: an earlier
    /// turn's failure is known from its error event alone).
    static func failure(_ timeline: [TimelineItem], errors: [Int: TurnError]) -> ReportModel.TurnFailure? {
        var found: ReportModel.TurnFailure?
        for case .error(_, let i) in timeline {
            let reason = errors[i]?.reason ?? .none
            let label = OutcomeNarrative.reasonLabel(reason) ?? "Error without a message"
            found = .init(reason: reason, reasonLabel: label, eventIndex: i)
        }
        return found
    }

    /// FORMAT.md §2: `diagnosis` holds the last answer ANY turn wrote, so a
    /// last turn without its own `message` must not look answered by it.
    static func noteDocumentDiagnosis(_ doc: JSONValue, turns: inout [ReportModel.Turn]) {
        guard let d = doc["diagnosis"]?.string, !d.isEmpty,
              let last = turns.lastIndex(where: \.hasRun), turns[last].diagnosis == nil,
              turns[last].unfinishedAnswer == nil else { return }
        let base = turns[last].missingAnswerNote ?? "This turn has no final answer."
        turns[last].missingAnswerNote = base + " The session document's diagnosis is not this turn's answer: it keeps the last answer any turn wrote."
    }

    static func fileName(_ path: String) -> String {
        if path == "-" { return "standard input" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Labels from the event's `turn` (0 or absent: the first turn), not
    /// from the position: a capped log's first turn may be a follow-up.
    static func turnTitle(number: Int, loggedTurn: Int?, kind: DocumentKind, capped: Bool) -> String {
        if kind == .interaction { return number == 1 ? "Query" : "Follow-up \(number - 1)" }
        guard let logged = loggedTurn else { return number == 1 ? "Initial alert" : "Follow-up \(number - 1)" }
        if logged >= 1 { return "Follow-up \(logged)" }
        return capped ? "Initial alert (log starts mid-turn)" : "Initial alert"
    }

    /// Timeline items other than steps (FORMAT.md §4, last paragraph).
    static func note(_ item: TimelineItem) -> ReportModel.Note? {
        switch item {
        case .retry(let text, let i):
            return .init(kind: .retry, title: "Retry", text: text, eventIndex: i)
        case .statusChange(let status, let message, let i):
            if status == "cancelling" {
                return .init(kind: .cancelRequested, title: "Cancellation requested",
                             text: message ?? "The operator asked to cancel the investigation.", eventIndex: i)
            }
            return .init(kind: .status, title: "Status changed" + (status.map { " to \($0)" } ?? ""),
                         text: message ?? "", eventIndex: i)
        case .statusNote(let text, let i):
            return .init(kind: .status, title: "Status", text: text, eventIndex: i)
        case .thread(let id, let i):
            return .init(kind: .thread, title: "Agent thread", text: id, eventIndex: i)
        case .error(let text, let i):
            let shown = text ?? "(the error event has no message)"
            return .init(kind: .error, title: "Error", text: shown, eventIndex: i)
        case .gap(let missing):
            let list = TextForm.list(missing.map(String.init))
            return .init(kind: .gap, title: "Missing part of the log",
                         text: "Chunk\(missing.count == 1 ? "" : "s") \(list) of the event log \(missing.count == 1 ? "is" : "are") missing here: whatever happened in between is unknown.",
                         eventIndex: nil)
        case .step, .stepInFlight:
            return nil
        }
    }
}
