import Testing
@testable import Transcript

/// What the replay keeps beside the conversation (FORMAT.md §4, last paragraph).
struct NotesRow: Sendable, CustomTestStringConvertible {
    var name: String
    var events: [String]
    var turns: [Int]
    var messageIndices: [Int]
    var timelines: [[String]]
    var testDescription: String { name }
}

let notesRows: [NotesRow] = [
    NotesRow(name: "absent turn on the first turn's events is turn 0; follow-ups carry turn N",
             events: [userMsg("a", turn: 0), runStart("R1"), stepDone(1), answer("d1"), runDone(),
                      userMsg("b", turn: 1), runStart("R2", turn: 1), stepDone(1, turn: 1), answer("d2", turn: 1), runDone(turn: 1),
                      userMsg("c", turn: 2), runStart("R3", turn: 2), answer("d3", turn: 2), runDone(turn: 2)],
             turns: [0, 1, 2], messageIndices: [1, 3, 5], timelines: [["step 0"], ["step 0"], []]),
    NotesRow(name: "a capped log that starts in turn 3 numbers it 3",
             events: [stepDone(1, turn: 2), runStart("R3", turn: 3), stepDone(1, turn: 3)],
             turns: [3], messageIndices: [1], timelines: [["step 0"]]),
    NotesRow(name: "retries announced by step_thinking",
             events: [userMsg("a"), runStart("R1"),
                      E("step_thinking", #"{"agent":"Orchestrator","status":"Calling GraphExplorerAgent..."}"#),
                      E("step_thinking", #"{"agent":"Orchestrator","status":"Retrying investigation (attempt 2/2)..."}"#),
                      stepDone(1)],
             turns: [0], messageIndices: [1], timelines: [["retry Retrying investigation (attempt 2/2)... @3", "step 0"]]),
    NotesRow(name: "status_change (cancellation requested) in the timeline",
             events: [userMsg("a"), runStart("R1"), stepDone(1), cancelling("Cancelling investigation...")],
             turns: [0], messageIndices: [1], timelines: [["step 0", "status_change cancelling Cancelling investigation... @3"]]),
    NotesRow(name: "thread_created in the timeline",
             events: [userMsg("a"), runStart("R1"), E("thread_created", #"{"thread_id":"thread_Uz9"}"#)],
             turns: [0], messageIndices: [1], timelines: [["thread thread_Uz9 @2"]]),
    NotesRow(name: "thread_created with a null thread_id is not a thread change",
             events: [userMsg("a"), runStart("R1"), E("thread_created", #"{"thread_id":null}"#)],
             turns: [0], messageIndices: [1], timelines: [[]]),
    NotesRow(name: "error events in the timeline",
             events: [userMsg("a"), runStart("R1"), errorEvent("boom")],
             turns: [0], messageIndices: [1], timelines: [["error boom @2"]]),
    NotesRow(name: "a step_started never completed is in flight; a completed one is not",
             events: [userMsg("a"), runStart("R1"), E("step_started", #"{"step":1,"agent":"A"}"#), stepDone(1),
                      E("step_started", #"{"step":2,"agent":"B","query":"q"}"#)],
             turns: [0], messageIndices: [1], timelines: [["step 0", #"in_flight {"step":2,"agent":"B","query":"q"} @4"#]]),
    NotesRow(name: "steps in flight stay with the turn they started in",
             events: [userMsg("a"), runStart("R1"), E("step_started", #"{"step":1,"agent":"A"}"#),
                      userMsg("b", turn: 1), runStart("R2", turn: 1), stepDone(1, turn: 1)],
             turns: [0, 1], messageIndices: [1, 3], timelines: [[#"in_flight {"step":1,"agent":"A"} @2"#], ["step 0"]]),
]

@Suite("Notes beside the conversation")
struct NotesTests {
    @Test(arguments: notesRows)
    func notes(_ row: NotesRow) throws {
        let t = try session(row.events)
        #expect(t.notes.map(\.turn) == row.turns)
        #expect(t.notes.map(\.messageIndex) == row.messageIndices)
        #expect(t.notes.map(timeline) == row.timelines)
        for n in t.notes {
            guard case .orchestrator = t.messages[n.messageIndex] else {
                Issue.record("notes point at a message that is not an orchestrator message")
                continue
            }
        }
    }

    @Test func retriesAreCountedInTheOutcome() throws {
        let retry = E("step_thinking", #"{"agent":"Orchestrator","status":"Retrying investigation (attempt 2/2)..."}"#)
        let t = try session([userMsg("a"), runStart("R1"), retry, retry, answer("d"), runDone()])
        #expect(t.outcome.retries == 2)
        #expect(compact(try encoded(t)["outcome"]?["retries"]) == "2")
        let none = try session([userMsg("a"), runStart("R1"), E("step_thinking", #"{"status":"Calling TelemetryAgent..."}"#)])
        #expect(none.outcome.retries == 0)
    }

    @Test func stepsInFlightKeepTheirPayload() throws {
        let t = try session([userMsg("a"), runStart("R1"),
                             E("step_started", #"{"step":1,"agent":"TelemetryAgent","query":"q","reasoning":"why"}"#)],
                            [("status", js("failed")),
                             ("error_detail", js("Session was in progress when the server restarted. The investigation cannot be resumed."))])
        #expect(t.notes[0].stepsInFlight.map { compact($0.raw) } == [#"{"step":1,"agent":"TelemetryAgent","query":"q","reasoning":"why"}"#])
        #expect(t.orchestratorMessages[0].steps.isEmpty)
        let turns = Array(try #require(try encoded(t)["turns"]).elements)
        #expect(compact(turns.first?["events"]) == #"[{"type":"step_in_flight","step":{"step":1,"agent":"TelemetryAgent","query":"q","reasoning":"why"},"event_index":2}]"#)
    }

    @Test func sawFinalMessageAndRunCompleteArePerTurn() throws {
        let t = try session([userMsg("a"), runStart("R1"), answer("d"), runDone(),
                             userMsg("b", turn: 1), runStart("R2", turn: 1), stepDone(1, turn: 1)])
        #expect(t.notes.map(\.sawFinalMessage) == [true, false])
        #expect(t.notes.map(\.sawRunComplete) == [true, false])
    }

    @Test func firstAndLastTimestampsOfATurn() throws {
        let t = try session([userMsg("a"), runStart("2026-02-20T10:00:00+00:00"),
                             stepDone(1, #""timestamp":"2026-02-20T10:00:05+00:00""#),
                             stepDone(2, #""timestamp":"not a time""#),
                             stepDone(3, #""timestamp":"2026-02-20T10:00:09+00:00""#)])
        #expect(t.notes[0].firstTimestamp == "2026-02-20T10:00:00+00:00")
        #expect(t.notes[0].lastTimestamp == "2026-02-20T10:00:09+00:00")
    }
}
