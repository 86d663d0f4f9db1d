import Testing
@testable import Transcript

private let finished = [userMsg("a"), runStart("R1"), stepDone(1), answer("d"), runDone()]
private let unfinishedLog = [userMsg("a"), runStart("R1"), stepDone(1)]

let restartText = "Session was in progress when the server restarted. The investigation cannot be resumed."
let cancelText = "Investigation cancelled by user."
let capacityText = "Investigation stopped — Fabric capacity exhausted. 3 steps completed.\n\n[429] Too many requests to capacity F64"
let interruptedText = "Agent run interrupted — A backend query returned an error. 2 steps completed before the error. Retried 2 times.\n\nError detail: [504] Gateway Timeout: the upstream query took longer than 30s"
let noFinalText = "Investigation did not produce a final response after 2 attempts. 4 steps were completed."

/// FORMAT.md §8: a session (status, error_detail, log) and its outcome.
struct OutcomeRow: Sendable, CustomTestStringConvertible {
    var name: String
    var status: String?            // raw JSON; nil = missing
    var errorDetail: String? = js("")  // raw JSON; nil = missing
    var events: [String]
    var category: Outcome.Category
    var reason: Outcome.Reason
    var message: String? = nil
    var innerCode: String? = nil
    var innerDetail: String? = nil
    var warnings: [String] = []
    var turn: Int?? = .none
    var retries = 0
    var testDescription: String { name }
}

let outcomeRows: [OutcomeRow] = [
    // Categories.
    OutcomeRow(name: "completed", status: js("completed"), events: finished, category: .completed, reason: .none),
    OutcomeRow(name: "completed with an error event is still completed/none (rule 1)",
               status: js("completed"), events: finished + [errorEvent("ValueError: x")], category: .completed, reason: .none),
    OutcomeRow(name: "completed with an unfinished log is still completed/none (rule 1)",
               status: js("completed"), events: unfinishedLog, category: .completed, reason: .none),
    OutcomeRow(name: "completed_with_errors (legacy: completed + error_detail)",
               status: js("completed"), errorDetail: js("KeyError: 'x'"), events: finished,
               category: .completedWithErrors, reason: .exception, message: "KeyError: 'x'", warnings: ["status_inconsistent"]),
    OutcomeRow(name: "cancelled", status: js("cancelled"), events: unfinishedLog, category: .cancelled, reason: .cancelledByUser),
    OutcomeRow(name: "cancelled quotes the cancellation error",
               status: js("cancelled"), events: unfinishedLog + [errorEvent(cancelText)],
               category: .cancelled, reason: .cancelledByUser, message: cancelText),
    OutcomeRow(name: "cancelled wins over any error text (rule 2 before rule 3)",
               status: js("cancelled"), errorDetail: js("ValueError: x"), events: unfinishedLog,
               category: .cancelled, reason: .cancelledByUser, message: "ValueError: x"),
    OutcomeRow(name: "failed with an exception", status: js("failed"), errorDetail: js("ValueError: x"), events: unfinishedLog,
               category: .failed, reason: .exception, message: "ValueError: x"),
    OutcomeRow(name: "in_progress, unfinished", status: js("in_progress"), events: unfinishedLog,
               category: .inProgress, reason: .unfinished, warnings: ["status_inconsistent"]),
    OutcomeRow(name: "in_progress with a finished log: rule 6",
               status: js("in_progress"), events: finished, category: .inProgress, reason: .none,
               warnings: ["status_inconsistent", "status_inconsistent"]),
    OutcomeRow(name: "pending, never started", status: js("pending"), events: [], category: .pending, reason: .unfinished),
    OutcomeRow(name: "unknown: missing status", status: nil, events: finished, category: .unknown, reason: .none,
               warnings: ["status_inconsistent", "status_inconsistent"]),
    OutcomeRow(name: "unknown: unrecognised status", status: js("done"), events: unfinishedLog, category: .unknown, reason: .unfinished,
               warnings: ["status_inconsistent"]),
    OutcomeRow(name: "unknown: non-string status", status: "3", events: unfinishedLog, category: .unknown, reason: .unfinished,
               warnings: ["status_inconsistent"]),
    OutcomeRow(name: "unknown: null status", status: "null", events: unfinishedLog, category: .unknown, reason: .unfinished,
               warnings: ["status_inconsistent"]),
    OutcomeRow(name: "status is case-sensitive", status: js("Completed"), events: finished, category: .unknown, reason: .none,
               warnings: ["status_inconsistent", "status_inconsistent"]),

    // Reasons (rule 3 classification and rules 4-6).
    OutcomeRow(name: "server_restart lives in error_detail only",
               status: js("failed"), errorDetail: js(restartText),
               events: [userMsg("a"), runStart("R1"), E("step_started", #"{"step":1,"agent":"A"}"#)],
               category: .failed, reason: .serverRestart, message: restartText),
    OutcomeRow(name: "server_restart must be a prefix",
               status: js("failed"), errorDetail: js("Note: " + restartText), events: unfinishedLog,
               category: .failed, reason: .exception, message: "Note: " + restartText),
    OutcomeRow(name: "cancelled_by_user from the last error event's text",
               status: js("failed"), events: unfinishedLog + [errorEvent(cancelText)],
               category: .failed, reason: .cancelledByUser, message: cancelText),
    OutcomeRow(name: "cancelled_by_user from error_detail's text",
               status: js("failed"), errorDetail: js(cancelText), events: unfinishedLog,
               category: .failed, reason: .cancelledByUser, message: cancelText),
    OutcomeRow(name: "cancelled_by_user from a status_change cancelling with no error text (rule 4)",
               status: js("failed"), events: unfinishedLog + [cancelling("Cancelling investigation...")],
               category: .failed, reason: .cancelledByUser, message: "Cancelling investigation..."),
    OutcomeRow(name: "rule 4 applies to in_progress too",
               status: js("in_progress"), events: unfinishedLog + [cancelling("Stop requested")],
               category: .inProgress, reason: .cancelledByUser, message: "Stop requested", warnings: ["status_inconsistent"]),
    OutcomeRow(name: "a status_change that is not cancelling is no cancellation",
               status: js("failed"), events: unfinishedLog + [E("status_change", #"{"status":"running","message":"m"}"#)],
               category: .failed, reason: .unfinished, warnings: ["status_inconsistent"]),
    OutcomeRow(name: "capacity_exhausted with the inner [code] detail",
               status: js("failed"), errorDetail: js(capacityText), events: unfinishedLog,
               category: .failed, reason: .capacityExhausted, message: capacityText,
               innerCode: "429", innerDetail: "Too many requests to capacity F64"),
    OutcomeRow(name: "run_interrupted with the inner code/detail after 'Error detail: '",
               status: js("failed"), events: unfinishedLog + [errorEvent(interruptedText)],
               category: .failed, reason: .runInterrupted, message: interruptedText,
               innerCode: "504", innerDetail: "Gateway Timeout: the upstream query took longer than 30s"),
    OutcomeRow(name: "run_interrupted without an inner detail",
               status: js("failed"), errorDetail: js("Agent run interrupted — A backend query returned an error."), events: unfinishedLog,
               category: .failed, reason: .runInterrupted, message: "Agent run interrupted — A backend query returned an error."),
    OutcomeRow(name: "no_final_response",
               status: js("failed"), events: unfinishedLog + [errorEvent(noFinalText)],
               category: .failed, reason: .noFinalResponse, message: noFinalText),
    OutcomeRow(name: "exception: any other text",
               status: js("failed"), events: unfinishedLog + [errorEvent("HttpResponseError: (429) quota")],
               category: .failed, reason: .exception, message: "HttpResponseError: (429) quota"),
    OutcomeRow(name: "unfinished: no error text, last turn saw neither message nor run_complete",
               status: js("failed"), events: unfinishedLog, category: .failed, reason: .unfinished, warnings: ["status_inconsistent"]),
    OutcomeRow(name: "unfinished: no orchestrator message at all",
               status: js("failed"), events: [userMsg("a")], category: .failed, reason: .unfinished, warnings: ["status_inconsistent"]),
    OutcomeRow(name: "unfinished looks at the LAST turn only",
               status: js("failed"),
               events: finished + [userMsg("b", turn: 1), runStart("R2", turn: 1), stepDone(1, turn: 1)],
               category: .failed, reason: .unfinished, warnings: ["status_inconsistent"]),
    OutcomeRow(name: "rule 6: a message alone counts as finished",
               status: js("failed"), events: [userMsg("a"), runStart("R1"), answer("d")],
               category: .failed, reason: .none, warnings: ["status_inconsistent", "status_inconsistent"]),
    OutcomeRow(name: "rule 6: a run_complete alone counts as finished",
               status: js("failed"), events: [userMsg("a"), runStart("R1"), runDone()],
               category: .failed, reason: .none, warnings: ["status_inconsistent", "status_inconsistent"]),
    OutcomeRow(name: "rule 6: v2 message.complete counts as finished",
               status: js("failed"), events: [userMsg("a"), E("run.start", "{}"), E("message.complete", #"{"id":"m","text":"d"}"#)],
               category: .failed, reason: .none, warnings: ["status_inconsistent", "status_inconsistent"]),
    OutcomeRow(name: "rule 6: v2 run.complete counts as finished",
               status: js("failed"), events: [userMsg("a"), E("run.start", "{}"), E("run.complete", #"{"steps":0}"#)],
               category: .failed, reason: .none, warnings: ["status_inconsistent", "status_inconsistent"]),

    // Order of the rules.
    OutcomeRow(name: "error_detail wins over the last error event",
               status: js("failed"), errorDetail: js("ValueError: x"), events: unfinishedLog + [errorEvent(interruptedText)],
               category: .failed, reason: .exception, message: "ValueError: x"),
    OutcomeRow(name: "the LAST error event wins over earlier ones",
               status: js("failed"), events: unfinishedLog + [errorEvent(capacityText), errorEvent(noFinalText)],
               category: .failed, reason: .noFinalResponse, message: noFinalText),
    OutcomeRow(name: "an error event before the first run_start counts",
               status: js("failed"), events: [errorEvent("ValueError: early"), userMsg("a"), runStart("R1"), answer("d"), runDone()],
               category: .failed, reason: .exception, message: "ValueError: early",
               warnings: ["truncated_log", "event_before_run_start"]),
    OutcomeRow(name: "an error event outside any run after the last turn counts",
               status: js("failed"), events: finished + [userMsg("b", turn: 1), errorEvent(noFinalText)],
               category: .failed, reason: .noFinalResponse, message: noFinalText, warnings: ["event_before_run_start"]),
    OutcomeRow(name: "rule 3 before rule 4: error text wins over a status_change cancelling",
               status: js("failed"), events: unfinishedLog + [cancelling(), errorEvent("ValueError: x")],
               category: .failed, reason: .exception, message: "ValueError: x"),
    OutcomeRow(name: "failed + error text containing the cancellation sentence is cancelled_by_user",
               status: js("failed"), errorDetail: js("Error: Investigation cancelled by user. (while step 3 ran)"), events: unfinishedLog,
               category: .failed, reason: .cancelledByUser, message: "Error: Investigation cancelled by user. (while step 3 ran)"),
    OutcomeRow(name: "classification order: server restart before cancellation",
               status: js("failed"), errorDetail: js(restartText + " Investigation cancelled by user."), events: unfinishedLog,
               category: .failed, reason: .serverRestart, message: restartText + " Investigation cancelled by user."),
    OutcomeRow(name: "classification order: cancellation before capacity",
               status: js("failed"), errorDetail: js("Investigation cancelled by user. Fabric capacity exhausted"), events: unfinishedLog,
               category: .failed, reason: .cancelledByUser, message: "Investigation cancelled by user. Fabric capacity exhausted"),
    OutcomeRow(name: "classification order: capacity before run interrupted",
               status: js("failed"), errorDetail: js("Agent run interrupted — Fabric capacity exhausted"), events: unfinishedLog,
               category: .failed, reason: .capacityExhausted, message: "Agent run interrupted — Fabric capacity exhausted"),
    OutcomeRow(name: "classification order: run interrupted before no final response",
               status: js("failed"), errorDetail: js("Agent run interrupted; did not produce a final response"), events: unfinishedLog,
               category: .failed, reason: .runInterrupted, message: "Agent run interrupted; did not produce a final response"),
    OutcomeRow(name: "an empty error_detail falls through to the last error event",
               status: js("failed"), errorDetail: js(""), events: unfinishedLog + [errorEvent(capacityText)],
               category: .failed, reason: .capacityExhausted, message: capacityText,
               innerCode: "429", innerDetail: "Too many requests to capacity F64"),
    OutcomeRow(name: "a missing error_detail falls through to the last error event",
               status: js("failed"), errorDetail: nil, events: unfinishedLog + [errorEvent(noFinalText)],
               category: .failed, reason: .noFinalResponse, message: noFinalText),
    OutcomeRow(name: "a null error_detail falls through to the last error event",
               status: js("failed"), errorDetail: "null", events: unfinishedLog + [errorEvent(noFinalText)],
               category: .failed, reason: .noFinalResponse, message: noFinalText),
    OutcomeRow(name: "a non-string error_detail is ignored with a warning",
               status: js("failed"), errorDetail: "3", events: unfinishedLog + [errorEvent("ValueError: x")],
               category: .failed, reason: .exception, message: "ValueError: x", warnings: ["field_type_mismatch"]),
    // Issue 17 items 2 and 6: second-generation cancellation and retries, turns by position.
    OutcomeRow(name: "v2 status {status: cancelling} is a cancellation request (rule 4)",
               status: js("failed"), events: [userMsg("a"), E("run.start", "{}"), E("status", #"{"status":"cancelling"}"#)],
               category: .failed, reason: .cancelledByUser, turn: 0),
    OutcomeRow(name: "v2 status message starting Cancelling is a cancellation request (rule 4)",
               status: js("failed"), events: [userMsg("a"), E("run.start", "{}"), E("status", #"{"message":"Cancelling investigation..."}"#)],
               category: .failed, reason: .cancelledByUser, message: "Cancelling investigation...", turn: 0),
    OutcomeRow(name: "v2 status message that only mentions cancelling is no request",
               status: js("failed"), events: [userMsg("a"), E("run.start", "{}"), E("status", #"{"message":"Not Cancelling"}"#)],
               category: .failed, reason: .unfinished, warnings: ["status_inconsistent"], turn: 0),
    OutcomeRow(name: "rule 3 before rule 4 in v2: error text wins over a status cancelling",
               status: js("failed"), events: [userMsg("a"), E("run.start", "{}"), E("status", #"{"status":"cancelling"}"#),
                                             errorEvent("ValueError: x")],
               category: .failed, reason: .exception, message: "ValueError: x", turn: 0),
    OutcomeRow(name: "v2 retries in status messages count in outcome.retries",
               status: js("failed"), errorDetail: js(noFinalText),
               events: [userMsg("a"), E("run.start", "{}"), E("status", #"{"message":"Retrying investigation (attempt 1/2)..."}"#),
                        E("status", #"{"message":"Retrying investigation (attempt 2/2)..."}"#)],
               category: .failed, reason: .noFinalResponse, message: noFinalText, turn: 0, retries: 2),
    OutcomeRow(name: "v1 and v2 retries count together",
               status: js("failed"), errorDetail: js(noFinalText),
               events: [userMsg("a"), runStart("R1"), E("step_thinking", #"{"agent":"O","status":"Retrying investigation (attempt 2/2)..."}"#),
                        E("status", #"{"message":"Retrying investigation (attempt 2/2)..."}"#)],
               category: .failed, reason: .noFinalResponse, message: noFinalText, turn: 0, retries: 2),
    OutcomeRow(name: "an error event without turn in a follow-up belongs to the follow-up (by position)",
               status: js("failed"), events: finished + [userMsg("b", turn: 1), runStart("R2", turn: 1), errorEvent("ValueError: late")],
               category: .failed, reason: .exception, message: "ValueError: late", turn: 1),
    OutcomeRow(name: "a cancellation without turn in a follow-up belongs to the follow-up (by position)",
               status: js("cancelled"), events: finished + [userMsg("b", turn: 1), runStart("R2", turn: 1), cancelling("Stop")],
               category: .cancelled, reason: .cancelledByUser, message: "Stop", turn: 1),
    OutcomeRow(name: "error_detail describes the last turn: an earlier turn's error event is not the reason",
               status: js("completed"), events: [userMsg("a"), runStart("R1"), errorEvent(interruptedText),
                                                 userMsg("b", turn: 1), runStart("R2", turn: 1), stepDone(1, turn: 1),
                                                 answer("d", turn: 1), runDone(turn: 1)],
               category: .completed, reason: .none),
    OutcomeRow(name: "an error event with a null message is no error text",
               status: js("failed"), events: unfinishedLog + [E("error", #"{"message":null}"#)],
               category: .failed, reason: .unfinished, warnings: ["status_inconsistent"]),
]

@Suite("FORMAT.md §8: outcome and failure reasons")
struct OutcomeTests {
    @Test(arguments: outcomeRows)
    func outcome(_ row: OutcomeRow) throws {
        let t = try session(row.events, [("status", row.status), ("error_detail", row.errorDetail)])
        #expect(t.outcome.category == row.category)
        #expect(t.outcome.reason == row.reason)
        #expect(t.outcome.message == row.message)
        #expect(t.outcome.innerCode == row.innerCode)
        #expect(t.outcome.innerDetail == row.innerDetail)
        #expect(codes(t) == row.warnings)
        if case .some(let turn) = row.turn { #expect(t.outcome.turn == turn) }
        #expect(t.outcome.retries == row.retries)
        // The JSON output carries the same values.
        let o = try #require(try encoded(t)["outcome"])
        #expect(o["category"]?.string == row.category.rawValue)
        #expect(o["reason"]?.string == row.reason.rawValue)
        #expect(o["message"]?.string == row.message)
        #expect(o["inner_code"]?.string == row.innerCode)
    }

    @Test func theTurnOfTheFailureIsRecorded() throws {
        let t = try session(finished + [userMsg("b", turn: 1), runStart("R2", turn: 1), errorEvent(noFinalText, turn: 1)],
                            [("status", js("failed"))])
        #expect(t.outcome.reason == .noFinalResponse)
        #expect(t.outcome.turn == 1)
    }

    /// §2, §3: every error event is kept with the turn it stands in by
    /// position, and classified by rule 3, so an earlier turn's failure is
    /// known although `error_detail` only describes the last turn.
    @Test(arguments: [
        ("first-turn error, follow-up fine", [userMsg("a"), runStart("R1"), errorEvent(interruptedText),
                                              userMsg("b", turn: 1), runStart("R2", turn: 1), answer("d", turn: 1)],
         [0], [Outcome.Reason.runInterrupted]),
        ("errors in both turns, no turn field", [userMsg("a"), runStart("R1"), errorEvent(capacityText),
                                                 userMsg("b", turn: 1), runStart("R2", turn: 1), errorEvent(noFinalText)],
         [0, 1], [.capacityExhausted, .noFinalResponse]),
        ("an error event with a turn field still goes by position", [userMsg("a"), runStart("R1"), errorEvent("ValueError: x", turn: 7)],
         [0], [.exception]),
        ("an error before any run has no turn", [errorEvent(cancelText), userMsg("a"), runStart("R1")],
         [nil], [.cancelledByUser]),
        ("an error without message text", [userMsg("a"), runStart("R1"), E("error", "{}")], [0], [.none]),
    ] as [(String, [String], [Int?], [Outcome.Reason])])
    func errorEventsBelongToTheTurnTheyStandIn(_ name: String, _ events: [String], _ turns: [Int?], _ reasons: [Outcome.Reason]) throws {
        let t = try session(events, [("status", js("failed"))])
        #expect(t.turnErrors.map(\.turn) == turns, "\(name)")
        #expect(t.turnErrors.map(\.reason) == reasons, "\(name)")
    }

    @Test func interactionsAreAlwaysCompleted() throws {
        let t = try replay(#"{"id":"i1","_docType":"interaction","query":"q","status":"failed","error_detail":"ValueError: x","steps":[{"step":1,"agent":"A","error":true,"response":"FAILED: [404] gone"}],"diagnosis":"d","created_at":"T0"}"#,
                           kind: .interaction)
        #expect(t.outcome.category == .completed)
        #expect(t.outcome.reason == .none)
        #expect(t.outcome.message == nil)
        #expect(t.outcome.failedSteps.map(\.kind) == [.notFound])
        #expect(t.outcome.failedSteps.map(\.code) == ["404"])
        #expect(codes(t) == [])
    }
}

// MARK: - Failed steps (the step card's classification)

@Suite("FORMAT.md §8: failed steps")
struct FailedStepTests {
    /// Only the JSON literal `true` marks a failed step (the frontend's `=== true`).
    @Test(arguments: [
        (#""error":true"#, 1), (#""error":"true""#, 0), (#""error":1"#, 0), (#""error":false"#, 0), ("", 0),
        (#""error":null"#, 0), (#""error":[true]"#, 0),
    ])
    func onlyErrorTrueIsAFailure(_ errorField: String, _ expected: Int) throws {
        let extra = (errorField.isEmpty ? "" : errorField + ",") + #""response":"FAILED: [504] timeout""#
        let t = try session([userMsg("a"), runStart("R1"), stepDone(1, extra)])
        #expect(t.outcome.failedSteps.count == expected)
    }

    @Test func failedStepsCarryTurnStepPositionAgentKindAndCode() throws {
        let t = try session([userMsg("a"), runStart("R1"), stepDone(1),
                             E("step_complete", #"{"step":2,"agent":"TelemetryAgent","error":true,"response":"FAILED: [504] Gateway Timeout"}"#),
                             userMsg("b", turn: 1), runStart("R2", turn: 1),
                             E("step_complete", #"{"agent":"GraphExplorerAgent","error":true,"response":"FAILED: [403] Forbidden"}"#, turn: 1)])
        let f = t.outcome.failedSteps
        #expect(f.map(\.turn) == [0, 1])
        #expect(f.map(\.step) == [2, nil])
        #expect(f.map(\.position) == [1, 0])
        #expect(f.map(\.agent) == ["TelemetryAgent", "GraphExplorerAgent"])
        #expect(f.map(\.kind) == [.gatewayTimeout, .auth])
        #expect(f.map(\.code) == ["504", "403"])
        #expect(f[0].response == "FAILED: [504] Gateway Timeout")
        let json = try #require(try encoded(t)["outcome"]?["failed_steps"])
        #expect(compact(json) == #"[{"turn":0,"step":2,"agent":"TelemetryAgent","kind":"gateway_timeout","code":"504","summary":"Gateway timeout — the backend query took too long"},{"turn":1,"step":null,"agent":"GraphExplorerAgent","kind":"auth","code":"403","summary":"Authentication failed"}]"#)
    }
}
