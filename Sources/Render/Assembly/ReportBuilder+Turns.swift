import Transcript

/// The parts of a turn decided from one value of the log: its title, notes,
/// failure, diagnosis and run summary; and the document's record of a lost log.
extension ReportBuilder {
    /// Labels from the event's `turn` (0 or absent: the first turn), not
    /// from the position: a capped log's first turn may be a follow-up.
    static func turnTitle(number: Int, loggedTurn: Int?, kind: DocumentKind, capped: Bool) -> String {
        if kind == .interaction { return number == 1 ? "Query" : "Follow-up \(number - 1)" }
        guard let logged = loggedTurn else { return number == 1 ? "Initial alert" : "Follow-up \(number - 1)" }
        if logged >= 1 { return "Follow-up \(logged)" }
        return capped ? "Initial alert (log starts mid-turn)" : "Initial alert"
    }

    /// A `diagnosis` as agent Markdown: text as written, anything else as
    /// its JSON; nil when absent, null or empty.
    static func diagnosis(_ value: ShownValue?) -> ReportModel.AgentMarkdown? {
        guard let d = value, !d.isNull else { return nil }
        let text = d.string ?? MarkdownText.fencedBlock(d.text, info: "json")
        return text.isEmpty ? nil : .init(source: text)
    }

    /// A `run_meta` object's figures as written; nil when it is not an object.
    static func runMeta(_ value: RunMetaRecord?) -> ReportModel.RunMeta? {
        guard let meta = value else { return nil }
        return .init(steps: meta.steps?.shown, tokens: meta.tokens?.int.map(TextForm.grouped) ?? meta.tokens?.shown,
                     time: meta.time?.shown)
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
    static func noteDocumentDiagnosis(_ diagnosis: ShownValue?, turns: inout [ReportModel.Turn]) {
        guard let d = diagnosis?.string, !d.isEmpty,
              let last = turns.lastIndex(where: \.hasRun), turns[last].diagnosis == nil,
              turns[last].unfinishedAnswer == nil else { return }
        let base = turns[last].missingAnswerNote ?? "This turn has no final answer."
        turns[last].missingAnswerNote = base + " The session document's diagnosis is not this turn's answer: it keeps the last answer any turn wrote."
    }

    /// FORMAT.md §6: the document's `steps`, `diagnosis` and `run_meta`
    /// when the log was lost. Anchors `recorded-step-N`.
    static func recordedRun(_ lost: RecordedSteps, steps builder: StepBuilder) -> ReportModel.RecordedRun {
        let steps = lost.steps.enumerated().map { i, record -> ReportModel.Step in
            var step = builder.step(record, position: i + 1, turnNumber: 0, day: nil)
            step.anchor = "recorded-step-\(i + 1)"
            return step
        }
        let diagnosis = Self.diagnosis(lost.diagnosis)
        let runMeta = Self.runMeta(lost.runMeta)
        let explanation = "No event of this session's log survives, so no conversation can be rebuilt. "
            + "The session document still records \(TextForm.plural(steps.count, "step")) of every turn together"
            + (diagnosis != nil ? ", the last diagnosis any turn wrote" : "")
            + (runMeta != nil ? " and the last run summary" : "")
            + "; they are shown here as recorded, without the turns they belonged to."
        return .init(heading: ReportModel.RecordedRun.heading, explanation: explanation, steps: steps,
                     diagnosis: diagnosis, runMeta: runMeta)
    }
}
