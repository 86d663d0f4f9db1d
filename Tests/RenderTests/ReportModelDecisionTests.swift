import Testing
@testable import Render
import Transcript

/// What a report says is decided in the model, not while the template
/// context is built (issue 16: the context maps `ReportModel` mechanically).
@Suite("report model: decisions the context only maps")
struct ReportModelDecisionTests {
    @Test(arguments: [
        ("completed", "2 turns · 5 steps · 2m 03s · 47,412 tokens"),
        ("failed-interrupted", "1 turn · 4 steps (2 failed) · 4m 25s"),
        ("cancelled", "1 turn · 2 steps · 17.5s"),
        ("followup-failed", "2 turns · 2 steps (1 failed) · 5m 03s · 900 tokens"),
        ("lost-log", "event log lost · 2 steps recorded on the session document (1 failed) · 5,120 tokens"),
    ])
    func theHeadlineIsInTheModel(_ name: String, _ headline: String) throws {
        #expect(try Cases.model(name).headline == headline)
    }

    @Test(arguments: [
        (ReportModel.LogState.events, "its event log is empty."),
        (.empty, "its event log is empty."),
        (.missing, "its event log is missing (every chunk of it is missing from the input), so the log is incomplete."),
        (.incomplete, "its event log is incomplete, and none of its events was exported."),
        (.lost, "its event log was lost. What the session document recorded is shown below."),
    ])
    func theEmptyTimelineSentenceFollowsTheLogState(_ state: ReportModel.LogState, _ ending: String) {
        #expect(ReportBuilder.emptyTimelineText(state) == "The session has no conversation to show: " + ending)
    }

    /// An orchestrator error already shown by the timeline's error note is
    /// not repeated below the turn; without such a note it is kept.
    @Test func aTurnErrorIsShownOnce() throws {
        var withheld = 0
        for name in Cases.names {
            let t = try Cases.transcript(name)
            let model = ReportBuilder.build(t, name: name, options: Cases.options)
            let runs = t.messages.compactMap { m -> OrchestratorMessage? in
                if case .orchestrator(let o) = m { return o } else { return nil }
            }
            for (turn, run) in zip(model.turns.filter(\.hasRun), runs) {
                let noted = turn.entries.contains { if case .note(let n) = $0 { return n.kind == .error } else { return false } }
                let expected = run.status == .error && !noted ? run.shownErrorMessage?.shown : nil
                #expect(turn.errorMessage == expected, "\(name), turn \(turn.number)")
                if noted && run.status == .error && run.errorMessage != nil { withheld += 1 }
            }
        }
        // The golden cases hold turns whose error the timeline already shows.
        #expect(withheld > 0)
    }

    /// A failed step is classified once, in the transcript: every step the
    /// report shows carries its record's card, and the outcome's failed
    /// steps are the same cards.
    @Test func aStepsFailureIsItsRecordsCard() throws {
        var failed = 0
        for name in Cases.names {
            let t = try Cases.transcript(name)
            let model = ReportBuilder.build(t, name: name, options: Cases.options)
            let runs = t.orchestratorMessages
            for (turn, run) in zip(model.turns.filter(\.hasRun), runs) {
                for case .step(let step) in turn.entries {
                    let card = run.steps[step.position - 1].failure
                    #expect(step.failure?.kind == card?.kind, "\(name), \(step.anchor)")
                    #expect(step.failure?.code == card.flatMap { $0.code.isEmpty ? nil : $0.code }, "\(name), \(step.anchor)")
                    #expect(step.failure?.message == card?.response, "\(name), \(step.anchor)")
                    if card != nil { failed += 1 }
                }
            }
            let cards = runs.flatMap { $0.steps.compactMap(\.failure) }
            #expect(t.outcome.failedSteps.map(\.kind) == cards.map(\.kind), "\(name)")
        }
        // The golden cases hold failed steps.
        #expect(failed > 0)
    }

    @Test(arguments: [
        ("critical", "critical"), ("URGENT", "critical"), ("p2", "high"), ("normal", "medium"),
        ("P4", "low"), ("<script>", "other"), (nil, "other"),
    ] as [(String?, String)])
    func theUrgencyChipClassIsAFixedName(_ urgency: String?, _ level: String) {
        #expect(ReportModel.Action(name: "dispatch", urgency: urgency, sensorIDs: []).urgencyLevel == level)
    }

    @Test(arguments: [
        (ReportModel.RunMeta(steps: "4", tokens: "1,234", time: "41.3s"), "4 steps · 1,234 tokens · 41.3s"),
        (.init(steps: "1", tokens: nil, time: nil), "1 step"),
        (.init(steps: "many", tokens: nil, time: "2s"), "many steps · 2s"),
        (.init(steps: nil, tokens: nil, time: nil), "reported, without figures"),
    ])
    func theRunSummaryIsWordedInTheModel(_ meta: ReportModel.RunMeta, _ text: String) {
        #expect(meta.summary == text)
    }
}
