import Testing
@testable import Transcript

private let userA = #"{"role":"user","text":"a","timestamp":"T0"}"#

let v2Rows: [ReplayRow] = [
    ReplayRow(name: "run.start takes the EVENT's timestamp, not the payload's",
              events: [userMsg("a"), E("run.start", #"{"timestamp":"P1"}"#, ts: js("E1"))],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "run.start without an event timestamp takes created_at even if the payload has one",
              events: [userMsg("a"), E("run.start", #"{"timestamp":"P1"}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"T0\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "run.start with an explicit null event timestamp takes created_at",
              events: [userMsg("a"), E("run.start", "{}", ts: "null")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"T0\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "run.start with no timestamp at all and no created_at: missing",
              events: [userMsg("a"), E("run.start", "{}")], fields: [("created_at", nil)],
              messages: #"[{"role":"user","text":"a"},{"role":"orchestrator","steps":[],"status":"complete"}]"#),
    ReplayRow(name: "tool_call.complete appends its payload; tool_call.start does not",
              events: [userMsg("a"), E("run.start", "{}", ts: js("E1")),
                       E("tool_call.start", #"{"id":"c1","step":1,"agent":"A"}"#),
                       E("tool_call.complete", #"{"id":"c1","step":1,"agent":"A","sub_steps":[{"index":0,"query":"q","result_summary":"r"}]}"#),
                       E("tool_call.complete", #"{"id":"c1","step":1,"agent":"A","response":"again"}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[{\"id\":\"c1\",\"step\":1,\"agent\":\"A\",\"sub_steps\":[{\"index\":0,\"query\":\"q\",\"result_summary\":\"r\"}]},{\"id\":\"c1\",\"step\":1,\"agent\":\"A\",\"response\":\"again\"}],\"status\":\"complete\"}]"),
    ReplayRow(name: "message.complete sets the diagnosis, the last one wins",
              events: [userMsg("a"), E("run.start", "{}", ts: js("E1")),
                       E("message.complete", #"{"id":"m1","text":"first"}"#), E("message.complete", #"{"id":"m2","text":"second"}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"complete\",\"diagnosis\":\"second\"}]"),
    ReplayRow(name: "message.complete without text makes the diagnosis missing",
              events: [userMsg("a"), E("run.start", "{}", ts: js("E1")),
                       E("message.complete", #"{"id":"m1","text":"first"}"#), E("message.complete", #"{"id":"m2"}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "run.complete sets runMeta",
              events: [userMsg("a"), E("run.start", "{}", ts: js("E1")), E("run.complete", #"{"steps":2,"time":"9.9s"}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"complete\",\"runMeta\":{\"steps\":2,\"time\":\"9.9s\"}}]"),
    ReplayRow(name: "error in a v2 run",
              events: [userMsg("a"), E("run.start", "{}", ts: js("E1")), errorEvent("boom")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"error\",\"errorMessage\":\"boom\"}]"),
    ReplayRow(name: "message.start, message.delta, tool_call.start, status and session.created change nothing",
              events: [userMsg("a"), E("run.start", "{}", ts: js("E1")),
                       E("session.created", #"{"thread_id":"th"}"#), E("status", #"{"message":"Thinking"}"#),
                       E("tool_call.start", #"{"id":"c1","step":1}"#), E("message.start", #"{"id":"m1"}"#),
                       E("message.delta", #"{"id":"m1","text":"par"}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "v2 events before run.start are ignored",
              events: [userMsg("a"), E("tool_call.complete", #"{"id":"c0"}"#), E("message.complete", #"{"text":"x"}"#),
                       E("run.start", "{}", ts: js("E1"))],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"E1\",\"steps\":[],\"status\":\"complete\"}]",
              warnings: ["event_before_run_start"], ignored: 2),
    ReplayRow(name: "no user message before run.start: the alert is inserted",
              events: [E("run.start", "{}", ts: js("E1"))],
              messages: #"[{"role":"user","text":"ALERT","timestamp":"T0"},{"role":"orchestrator","timestamp":"E1","steps":[],"status":"complete"}]"#),
    ReplayRow(name: "a mixed v1/v2 log is one walk",
              events: [userMsg("a"), runStart("R1"), stepDone(1),
                       E("tool_call.complete", #"{"id":"c2","step":2}"#),
                       E("message.complete", #"{"id":"m1","text":"v2 answer"}"#), answer("v1 answer"),
                       E("run.complete", #"{"steps":2}"#),
                       userMsg("b", turn: 1), E("run.start", "{}", turn: 1, ts: js("E2")), stepDone(3, turn: 1),
                       E("message.complete", #"{"id":"m2","text":"second"}"#, turn: 1), runDone(turn: 1)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[{\"step\":1,\"agent\":\"A\"},{\"id\":\"c2\",\"step\":2}],\"status\":\"complete\",\"diagnosis\":\"v1 answer\",\"runMeta\":{\"steps\":2}},{\"role\":\"user\",\"text\":\"b\",\"timestamp\":\"T0\"},{\"role\":\"orchestrator\",\"timestamp\":\"E2\",\"steps\":[{\"step\":3,\"agent\":\"A\"}],\"status\":\"complete\",\"diagnosis\":\"second\",\"runMeta\":{\"steps\":1,\"tokens\":10,\"time\":\"1.0s\"}}]"),
]

@Suite("FORMAT.md §9: second-generation events")
struct SecondGenerationTests {
    @Test(arguments: v2Rows)
    func rule(_ row: ReplayRow) throws { try row.check() }

    @Test func messageDeltaWithoutCompletionIsAnUnfinishedAnswer() throws {
        let t = try session([userMsg("a"), E("run.start", "{}", ts: js("E1")), E("message.start", #"{"id":"m1"}"#),
                             E("message.delta", #"{"id":"m1","text":"The link "}"#),
                             E("message.delta", #"{"id":"m1","text":"is down"}"#)], [("status", js("in_progress"))])
        #expect(t.notes.count == 1)
        #expect(t.notes[0].unfinishedAnswer == "The link is down")
        #expect(t.orchestratorMessages[0].diagnosis == nil)
        #expect(t.outcome.reason == .unfinished)
        let root = try encoded(t)
        #expect(root["turns"]?.elements.first { _ in true }?["unfinished_answer"]?.string == "The link is down")
    }

    @Test func messageDeltaFollowedByCompletionIsNotUnfinished() throws {
        let t = try session([userMsg("a"), E("run.start", "{}"),
                             E("message.delta", #"{"id":"m1","text":"The link "}"#),
                             E("message.complete", #"{"id":"m1","text":"The link is down."}"#)])
        #expect(t.notes[0].unfinishedAnswer == nil)
        #expect(t.notes[0].sawFinalMessage)
        #expect(t.orchestratorMessages[0].diagnosis?.string == "The link is down.")
    }

    @Test func unfinishedAnswerStaysWithItsTurn() throws {
        let t = try session([userMsg("a"), E("run.start", "{}"), E("message.delta", #"{"id":"m1","text":"half"}"#),
                             userMsg("b", turn: 1), E("run.start", "{}", turn: 1),
                             E("message.complete", #"{"id":"m2","text":"done"}"#, turn: 1)])
        #expect(t.notes.map(\.unfinishedAnswer) == ["half", nil])
        #expect(t.notes.map(\.turn) == [0, 1])
    }

    @Test func toolCallStartWithoutCompletionIsInFlight() throws {
        let t = try session([userMsg("a"), E("run.start", "{}"),
                             E("tool_call.start", #"{"id":"c1","step":1,"agent":"A"}"#),
                             E("tool_call.start", #"{"id":"c2","step":2,"agent":"B"}"#),
                             E("tool_call.complete", #"{"id":"c1","step":1,"agent":"A","response":"ok"}"#)])
        #expect(t.notes[0].stepsInFlight.map { compact($0.raw) } == [#"{"id":"c2","step":2,"agent":"B"}"#])
        #expect(timeline(t.notes[0]) == ["step 0", #"in_flight {"id":"c2","step":2,"agent":"B"} @3"#])
    }

    /// §9: a `status` event carries what `status_change` and `step_thinking`
    /// carried; in the timeline like their first-generation counterparts.
    @Test(arguments: [
        (#"{"status":"cancelling"}"#, "status_change cancelling - @2", 1, 0),
        (#"{"message":"Cancelling investigation..."}"#, "status_change cancelling Cancelling investigation... @2", 1, 0),
        (#"{"status":"cancelling","message":"Stop"}"#, "status_change cancelling Stop @2", 1, 0),
        (#"{"message":"Retrying investigation (attempt 2/2)..."}"#, "retry Retrying investigation (attempt 2/2)... @2", 0, 1),
        (#"{"message":"cancelling soon"}"#, "status cancelling soon @2", 0, 0),
        (#"{"status":"running","message":"Querying"}"#, "status Querying @2", 0, 0),
    ])
    func statusEventsCarryCancellationsAndRetries(_ data: String, _ item: String, _ cancels: Int, _ retries: Int) throws {
        let t = try session([userMsg("a"), E("run.start", "{}"), E("status", data)], [("status", js("failed"))])
        #expect(timeline(t.notes[0]) == [item])
        #expect(t.cancellationRequests.count == cancels)
        #expect(t.cancellationRequests.allSatisfy { $0.generation == .second && $0.turn == 0 && $0.eventIndex == 2 })
        #expect(t.retries.count == retries)
        #expect(t.outcome.retries == retries)
        #expect(t.retries.allSatisfy { $0.generation == .second && $0.attempt == 2 && $0.attempts == 2 })
    }

    @Test func statusAndSessionCreatedGoToTheTimeline() throws {
        let t = try session([userMsg("a"), E("run.start", "{}"), E("session.created", #"{"thread_id":"thread_9"}"#),
                             E("status", #"{"message":"Querying telemetry"}"#)])
        #expect(timeline(t.notes[0]) == ["thread thread_9 @2", "status Querying telemetry @3"])
    }
}
