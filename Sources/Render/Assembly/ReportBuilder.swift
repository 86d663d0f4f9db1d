import Transcript

/// Builds the `ReportModel` of one replayed session. Pure: the same
/// transcript and options always give the same model. The steps: the turns
/// (`TurnAssembly`), the document's own record of a lost log, the counts,
/// the outcome, the heading and the facts table (`ReportBuilder+Facts`).
public enum ReportBuilder {
    /// `name` is the output base file name (already sanitised by the caller).
    public static func build(_ t: Transcript, name: String, options: RenderOptions) -> ReportModel {
        let clock = Clock(zone: options.timeZone)
        let steps = StepBuilder(clock: clock, maxTableRows: options.maxTableRows)
        let doc = t.shownDocument
        var assembly = TurnAssembly.assemble(t, createdAt: doc.createdAt?.string, clock: clock, steps: steps)
        var turns = assembly.turns
        noteDocumentDiagnosis(doc.diagnosis, turns: &turns)
        let recorded = t.recordedSteps.map { Self.recordedRun($0, steps: steps) }
        if let recorded { assembly.tally(recorded, runMeta: t.recordedSteps?.runMeta) }
        let logState = Self.logState(t, recorded: recorded != nil)
        let stats = Self.stats(t, doc, tally: assembly.tally, span: assembly.span, turns: turns, clock: clock)
        let status = doc.status?.string
        let outcome = OutcomeNarrative(outcome: t.outcome, kind: t.input.kind, status: status, turns: turns,
                                       loggedTurns: assembly.loggedTurns, stats: stats, logState: logState,
                                       recorded: recorded).summary()
        let heading = ReportHeading(t, doc, turns: turns)
        var model = ReportModel(
            name: name, kind: t.input.kind, id: heading.id, title: heading.title, scenario: heading.scenario,
            alert: heading.alert, shortAlert: heading.shortAlert, status: status, outcome: outcome, facts: [],
            headline: headline(stats, logState: logState), stats: stats, turns: turns,
            emptyTimelineText: emptyTimelineText(logState),
            warnings: t.warnings.map(WarningText.warning), source: sourceText(t.input.source),
            timeZone: options.timeZone, stamp: options.stamp, indexFileName: options.indexFileName,
            redaction: t.input.redaction,
            findings: FindingsBuilder.findings(turns), dispatches: FindingsBuilder.dispatches(turns),
            banner: FindingsBuilder.banner(t), keyEvents: FindingsBuilder.keyEvents(turns),
            logState: logState, recorded: recorded)
        model.facts = Self.facts(model, t, doc)
        return model
    }

    static func stats(_ t: Transcript, _ doc: ShownDocument, tally: StepTally, span: TimeSpan,
                      turns: [ReportModel.Turn], clock: Clock) -> ReportModel.Stats {
        let created = doc.createdAt?.string
        let updated = doc.updatedAt?.string
        return ReportModel.Stats(
            created: created.flatMap(Timestamp.parse), createdText: clock.full(created ?? doc.createdAt?.shown),
            updatedText: clock.full(updated ?? doc.updatedAt?.shown), durationSeconds: span.seconds,
            turnCount: turns.count(where: \.hasRun), stepCount: tally.stepCount, failedStepCount: tally.failedCount,
            tokens: tally.tokens, agents: tally.agents, failingAgents: tally.failingAgents,
            failedKinds: tally.failedKinds, eventCount: t.eventCount, ignoredEvents: t.ignoredEvents)
    }

    static func logState(_ t: Transcript, recorded: Bool) -> ReportModel.LogState {
        guard t.input.kind == .session, t.eventCount == 0 else { return .events }
        if recorded { return .lost }
        if !t.input.missingChunks.isEmpty { return .missing }
        if t.warnings.contains(where: { $0.code == .partialLog || $0.code == .missingChunks }) { return .incomplete }
        return .empty
    }

    /// "1 turn · 4 steps (2 failed) · 4m 25s · 1,234 tokens"; for a log
    /// that is not there, what is known instead.
    static func headline(_ stats: ReportModel.Stats, logState: ReportModel.LogState) -> String {
        let failed = stats.failedStepCount > 0 ? " (\(stats.failedStepCount) failed)" : ""
        var parts = [TextForm.plural(stats.turnCount, "turn"), TextForm.plural(stats.stepCount, "step") + failed]
        switch logState {
        case .events: break
        case .lost: parts = ["event log lost", TextForm.plural(stats.stepCount, "step") + " recorded on the session document" + failed]
        case .missing: parts = ["event log missing"]
        case .incomplete: parts = ["event log incomplete"]
        case .empty: parts = ["event log empty"]
        }
        if let d = stats.durationSeconds { parts.append(formatDuration(d)) }
        if let t = stats.tokens { parts.append("\(TextForm.grouped(t)) tokens") }
        return parts.joined(separator: " · ")
    }

    /// Said in the Timeline when no turn could be rebuilt.
    static func emptyTimelineText(_ state: ReportModel.LogState) -> String {
        switch state {
        case .events, .empty: return "The session has no conversation to show: its event log is empty."
        case .missing: return "The session has no conversation to show: its event log is missing (every chunk of it is missing from the input), so the log is incomplete."
        case .incomplete: return "The session has no conversation to show: its event log is incomplete, and none of its events was exported."
        case .lost: return "The session has no conversation to show: its event log was lost. What the session document recorded is shown below."
        }
    }
}
