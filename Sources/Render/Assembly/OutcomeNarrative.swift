import Transcript

/// FORMAT.md §8 told as one paragraph a person can read: what happened,
/// why, where, after how many retries.
struct OutcomeNarrative {
    let outcome: Outcome
    let kind: DocumentKind
    let status: String?
    let turns: [ReportModel.Turn]
    /// Turn number as logged (`TurnNotes.turn`) for each run turn, in order.
    let loggedTurns: [Int]
    let stats: ReportModel.Stats
    var logState: ReportModel.LogState = .events
    /// The document's record of a lost log (FORMAT.md §6).
    var recorded: ReportModel.RecordedRun? = nil

    static func label(_ c: Outcome.Category) -> String {
        switch c {
        case .completed: return "Completed"
        case .completedWithErrors: return "Completed with errors"
        case .cancelled: return "Cancelled"
        case .failed: return "Failed"
        case .inProgress: return "In progress"
        case .pending: return "Pending"
        case .unknown: return "Unknown"
        }
    }

    static func reasonLabel(_ r: Outcome.Reason) -> String? {
        switch r {
        case .none: return nil
        case .cancelledByUser: return "Cancelled by the operator"
        case .serverRestart: return "Server restarted"
        case .capacityExhausted: return "Fabric capacity exhausted"
        case .runInterrupted: return "Agent run interrupted"
        case .noFinalResponse: return "No final response"
        case .exception: return "Unexpected error"
        case .unfinished: return "Unfinished"
        }
    }

    static func kindLabel(_ k: StepErrorKind) -> String {
        switch k {
        case .gatewayTimeout: return "Gateway timeout"
        case .badGateway: return "Bad gateway"
        case .notFound: return "Not found"
        case .auth: return "Authentication"
        case .rateLimited: return "Rate limited"
        case .other: return "Other error"
        }
    }

    func summary() -> ReportModel.OutcomeSummary {
        var failedRefs: [ReportModel.FailedStepRef] = []
        for turn in turns {
            for case .step(let step) in turn.entries {
                guard let f = step.failure else { continue }
                failedRefs.append(.init(place: "Turn \(turn.number), step \(step.number)", anchor: step.anchor,
                                        agent: step.agent, kind: f.kind, code: f.code, summary: f.summary))
            }
        }
        for step in recorded?.steps ?? [] {
            guard let f = step.failure else { continue }
            failedRefs.append(.init(place: "Recorded step \(step.number)", anchor: step.anchor,
                                    agent: step.agent, kind: f.kind, code: f.code, summary: f.summary))
        }
        return .init(category: outcome.category, reason: outcome.reason, label: Self.label(outcome.category),
                     reasonLabel: Self.reasonLabel(outcome.reason), paragraph: paragraph(failedCount: failedRefs.count),
                     errorText: outcome.message.flatMap { $0.isEmpty ? nil : $0 },
                     countsAsFailed: outcome.category == .completedWithErrors, retries: outcome.retries,
                     failedSteps: failedRefs)
    }

    private func paragraph(failedCount: Int) -> String {
        var s: [String] = []
        let work = "\(TextForm.plural(stats.stepCount, "step")) in \(TextForm.plural(stats.turnCount, "turn"))"
        let took = stats.durationSeconds.map { " over \(formatDuration($0))" } ?? ""
        switch outcome.category {
        case .completed:
            if kind == .interaction {
                s.append("This is a saved single-turn investigation (an interaction record), which counts as completed: the orchestrator answered after \(TextForm.plural(stats.stepCount, "step")).")
            } else if let log = logSentence() {
                s.append("The session is stored as completed, but \(log)")
            } else {
                s.append("The investigation completed: the orchestrator gave its final answer after \(work)\(took).")
            }
            s += earlierFailures(includingLast: true)
            if failedCount > 0 {
                s.append("\(failedCount == 1 ? "One step" : "\(failedCount) steps") failed along the way (listed below), but the run still finished.")
            }
            if outcome.retries > 0 { s.append("The orchestrator retried \(TextForm.plural(outcome.retries, "time")).") }
            return s.joined(separator: " ")
        case .completedWithErrors:
            s.append("The session is stored as completed, but it also recorded an error, so under current rules it counts as failed: \(reasonClause()).")
        case .failed:
            s.append("The investigation failed: \(reasonClause()).")
        case .cancelled:
            s.append("The operator cancelled the investigation.")
        case .inProgress:
            s.append("The session was still marked in progress when it was exported: the export was taken mid-run, or the server stopped before it could mark the session failed.")
            if outcome.reason != .none { s.append("As far as the log shows, \(reasonClause()).") }
        case .pending:
            s.append("The investigation never started (status pending).")
            if outcome.reason != .none && outcome.reason != .unfinished { s.append("The log shows that \(reasonClause()).") }
        case .unknown:
            let shown = status.map { "\u{201C}\($0)\u{201D}" } ?? "missing"
            s.append("The session's status is \(shown), so its outcome cannot be decided from the document.")
            if outcome.reason != .none { s.append("The log shows that \(reasonClause()).") }
        }
        if let place = place() { s.append(place) }
        if let log = logSentence() {
            s.append(log.prefix(1).uppercased() + log.dropFirst())
        } else if turns.last(where: \.hasRun)?.diagnosis != nil {
            s.append("The orchestrator still wrote a final answer (shown in the timeline), after \(work)\(took).")
        } else {
            s.append("Before it stopped, the orchestrator completed \(work)\(took).")
        }
        s += earlierFailures(includingLast: false)
        if outcome.retries > 0 {
            s.append("The orchestrator retried \(TextForm.plural(outcome.retries, "time")) along the way.")
        }
        if failedCount > 0 {
            s.append("\(failedCount == 1 ? "One step" : "\(failedCount) steps") failed (listed below).")
        }
        return s.joined(separator: " ")
    }

    /// For a session without any event: what is known instead of "0 steps".
    private func logSentence() -> String? {
        switch logState {
        case .events: return nil
        case .empty: return "its event log is empty, so nothing shows what the orchestrator did."
        case .missing: return "its event log is missing (every chunk of it is missing from the input), so the log is incomplete and nothing shows what the orchestrator did."
        case .incomplete: return "its event log is incomplete (the exporting API could not read it), and none of its events is here."
        case .lost:
            let n = TextForm.plural(recorded?.steps.count ?? 0, "step")
            let answer = recorded?.diagnosis != nil ? " and the last diagnosis any turn wrote" : ""
            return "its event log was lost: the session document records \(n)\(answer), shown below as recorded."
        }
    }

    /// FORMAT.md §2: `error_detail` describes the last turn only, so an
    /// earlier turn's failure is told from its own error event.
    private func earlierFailures(includingLast: Bool) -> [String] {
        let run = turns.filter(\.hasRun)
        let told = includingLast ? run : Array(run.dropLast())
        return told.compactMap { turn in
            guard let f = turn.failure else { return nil }
            let what = "\(f.reasonLabel) (error event \(f.eventIndex))"
            if includingLast { return "Turn \(turn.number) (\(turn.title)) ended with an error: \(what)." }
            return "Before that, turn \(turn.number) (\(turn.title)) had ended with an error of its own: \(what)."
        }
    }

    private func reasonClause() -> String {
        switch outcome.reason {
        case .none: return "no error message says why"
        case .cancelledByUser: return "the operator cancelled it"
        case .serverRestart: return "the server restarted while the investigation was running, and an interrupted investigation cannot be resumed"
        case .capacityExhausted:
            return "it stopped because the Fabric capacity was exhausted" + inner()
        case .runInterrupted:
            return "the agent run was interrupted because a backend query returned an error" + inner()
        case .noFinalResponse: return "the orchestrator did not produce a final answer, even after retrying"
        case .exception: return "the backend raised an unexpected error"
        case .unfinished: return "the last turn has neither a final answer nor a run summary, and no error explains why, so the run was cut off (or its end is missing from the log)"
        }
    }

    private func inner() -> String {
        switch (outcome.innerCode, outcome.innerDetail) {
        case let (code?, detail?): return " (\(code): \(detail))"
        case let (code?, nil): return " (code \(code))"
        case let (nil, detail?): return " (\(detail))"
        default: return ""
        }
    }

    /// "It happened in turn 1, at step 4 (TelemetryAgent)."
    private func place() -> String? {
        guard let logged = outcome.turn else { return nil }
        guard let index = loggedTurns.lastIndex(of: logged), index < turns.count else {
            return "It happened in turn \(logged + 1) as logged."
        }
        let turn = turns[index]
        var steps: [ReportModel.Step] = []
        var inFlight: [ReportModel.PendingStep] = []
        for entry in turn.entries {
            switch entry {
            case .step(let s): steps.append(s)
            case .stepInFlight(let p): inFlight.append(p)
            case .note: break
            }
        }
        let name: (ReportModel.Step) -> String = { s in
            "step \(s.number)" + (s.agent.map { " (\($0))" } ?? "")
        }
        if outcome.category == .cancelled || outcome.reason == .cancelledByUser {
            if let last = steps.last { return "It happened in turn \(turn.number), after \(name(last))." }
            return "It happened in turn \(turn.number), before any step completed."
        }
        if let failed = steps.last(where: { $0.failure != nil }) {
            return "It happened in turn \(turn.number), at \(name(failed))."
        }
        if let running = inFlight.last {
            return "It happened in turn \(turn.number), while step \(running.number)" + (running.agent.map { " (\($0))" } ?? "") + " was still running."
        }
        if let last = steps.last { return "It happened in turn \(turn.number), after \(name(last))." }
        return "It happened in turn \(turn.number), before any step completed."
    }
}
