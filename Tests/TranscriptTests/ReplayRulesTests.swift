import Testing
@testable import Transcript

/// One row of FORMAT.md §4: a log, and the exact `messages` array the
/// frontend would build from it (compact, keys in the writer's order:
/// role,text,timestamp / role,timestamp,steps,status,diagnosis,runMeta,errorMessage).
struct ReplayRow: Sendable, CustomTestStringConvertible {
    var name: String
    var events: [String]
    var fields: [(String, String?)] = []
    var messages: String
    var warnings: [String] = []
    var ignored = 0
    var testDescription: String { name }

    /// Replays the row's log and checks the messages, warnings and ignored count.
    func check() throws {
        let t = try session(events, fields)
        #expect(try messagesJSON(t) == messages)
        #expect(codes(t) == warnings)
        #expect(t.ignoredEvents == ignored)
    }
}

private let orchR1 = #"{"role":"orchestrator","timestamp":"R1","steps":[],"status":"complete"}"#
private let userA = #"{"role":"user","text":"a","timestamp":"T0"}"#
private let alertUser = #"{"role":"user","text":"ALERT","timestamp":"T0"}"#
private let step1 = #"{"step":1,"agent":"A"}"#

let replayRows: [ReplayRow] = [
    // Rule 1: user_message.
    ReplayRow(name: "1: user_message appends a user message stamped created_at",
              events: [userMsg("hi")], messages: #"[{"role":"user","text":"hi","timestamp":"T0"}]"#),
    ReplayRow(name: "1: the event's own timestamp wins over created_at",
              events: [userMsg("hi", ts: js("T9"))], messages: #"[{"role":"user","text":"hi","timestamp":"T9"}]"#),
    ReplayRow(name: "1: an explicit null event timestamp falls back to created_at",
              events: [userMsg("hi", ts: "null")], messages: #"[{"role":"user","text":"hi","timestamp":"T0"}]"#),
    ReplayRow(name: "1: created_at missing: the timestamp stays missing",
              events: [userMsg("hi")], fields: [("created_at", nil)], messages: #"[{"role":"user","text":"hi"}]"#),
    ReplayRow(name: "1: created_at null: the timestamp is null",
              events: [userMsg("hi")], fields: [("created_at", "null")], messages: #"[{"role":"user","text":"hi","timestamp":null}]"#),
    ReplayRow(name: "1: created_at null, event timestamp null: null",
              events: [userMsg("hi", ts: "null")], fields: [("created_at", "null")], messages: #"[{"role":"user","text":"hi","timestamp":null}]"#),
    ReplayRow(name: "1: a non-string event timestamp is passed through",
              events: [userMsg("hi", ts: "17")], messages: #"[{"role":"user","text":"hi","timestamp":17}]"#),
    ReplayRow(name: "1: text missing stays missing",
              events: [E("user_message", "{}", turn: 0)], messages: #"[{"role":"user","timestamp":"T0"}]"#),
    ReplayRow(name: "1: text null stays null",
              events: [E("user_message", #"{"text":null}"#, turn: 0)], messages: #"[{"role":"user","text":null,"timestamp":"T0"}]"#),
    ReplayRow(name: "1: user_message flushes the current orchestrator message",
              events: [userMsg("a"), runStart("R1"), stepDone(1), userMsg("b", turn: 1)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[\(step1)],\"status\":\"complete\"},{\"role\":\"user\",\"text\":\"b\",\"timestamp\":\"T0\"}]"),
    ReplayRow(name: "1: two user messages in a row are both kept",
              events: [userMsg("a"), userMsg("b", turn: 1)],
              messages: "[\(userA),{\"role\":\"user\",\"text\":\"b\",\"timestamp\":\"T0\"}]"),

    // Rule 2: run_start.
    ReplayRow(name: "2: run_start takes data.timestamp",
              events: [userMsg("a"), runStart("R1")], messages: "[\(userA),\(orchR1)]"),
    ReplayRow(name: "2: run_start without data.timestamp takes created_at",
              events: [userMsg("a"), runStart(nil)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"T0\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "2: run_start with data.timestamp null takes created_at",
              events: [userMsg("a"), E("run_start", #"{"timestamp":null}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"T0\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "2: v1 run_start ignores the event's top-level timestamp",
              events: [userMsg("a"), E("run_start", "{}", ts: js("E1"))],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"T0\",\"steps\":[],\"status\":\"complete\"}]"),
    ReplayRow(name: "2: no data.timestamp and no created_at: timestamp missing",
              events: [userMsg("a"), runStart(nil)], fields: [("created_at", nil)],
              messages: #"[{"role":"user","text":"a"},{"role":"orchestrator","steps":[],"status":"complete"}]"#),
    ReplayRow(name: "2: no data.timestamp and created_at null: timestamp null",
              events: [userMsg("a"), runStart(nil)], fields: [("created_at", "null")],
              messages: #"[{"role":"user","text":"a","timestamp":null},{"role":"orchestrator","timestamp":null,"steps":[],"status":"complete"}]"#),
    ReplayRow(name: "2: run_start flushes the previous message and starts a new one",
              events: [userMsg("a"), runStart("R1"), stepDone(1), runStart("R2"), stepDone(2)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[\(step1)],\"status\":\"complete\"},{\"role\":\"orchestrator\",\"timestamp\":\"R2\",\"steps\":[{\"step\":2,\"agent\":\"A\"}],\"status\":\"complete\"}]"),

    // Rule 3: events outside a run.
    ReplayRow(name: "3: events before the first run_start are ignored",
              events: [userMsg("a"), stepDone(1), answer("early"), runDone(), runStart("R1")],
              messages: "[\(userA),\(orchR1)]", warnings: ["event_before_run_start"], ignored: 3),
    ReplayRow(name: "3: events after a user_message flushed the run are ignored",
              events: [userMsg("a"), runStart("R1"), userMsg("b", turn: 1), answer("late"), errorEvent("late error")],
              messages: "[\(userA),\(orchR1),{\"role\":\"user\",\"text\":\"b\",\"timestamp\":\"T0\"}]",
              warnings: ["event_before_run_start"], ignored: 2),
    ReplayRow(name: "3: a log of ignored events only is an empty conversation",
              events: [stepDone(1), answer("x")], messages: "[]",
              warnings: ["truncated_log", "event_before_run_start"], ignored: 2),

    // Rule 4: while a message is current.
    ReplayRow(name: "4: step_complete appends payloads as they are, with no merging by step",
              events: [userMsg("a"), runStart("R1"),
                       E("step_started", #"{"step":1,"agent":"A","query":"q"}"#),
                       E("step_response", #"{"step":1,"agent":"A","response":"r0"}"#),
                       stepDone(1, #""response":"first""#), stepDone(1, #""response":"second","error":true"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[{\"step\":1,\"agent\":\"A\",\"response\":\"first\"},{\"step\":1,\"agent\":\"A\",\"response\":\"second\",\"error\":true}],\"status\":\"complete\"}]"),
    ReplayRow(name: "4: step_started and step_response alone add no step",
              events: [userMsg("a"), runStart("R1"), E("step_started", #"{"step":1}"#), E("step_response", #"{"step":1}"#)],
              messages: "[\(userA),\(orchR1)]"),
    ReplayRow(name: "4: a payload keeps its keys, order and nested values (whitespace compacted)",
              events: [userMsg("a"), runStart("R1"),
                       E("step_complete", #"{ "z" : 1 , "a" : { "v" : [ "x  y" , null ] } , "step" : 3 }"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[{\"z\":1,\"a\":{\"v\":[\"x  y\",null]},\"step\":3}],\"status\":\"complete\"}]"),
    ReplayRow(name: "4: message sets the diagnosis",
              events: [userMsg("a"), runStart("R1"), answer("d")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"complete\",\"diagnosis\":\"d\"}]"),
    ReplayRow(name: "4: the last message wins",
              events: [userMsg("a"), runStart("R1"), answer("first"), answer("second")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"complete\",\"diagnosis\":\"second\"}]"),
    ReplayRow(name: "4: a last message without text makes the diagnosis missing",
              events: [userMsg("a"), runStart("R1"), answer("first"), E("message", "{}")],
              messages: "[\(userA),\(orchR1)]"),
    ReplayRow(name: "4: a message with text null makes the diagnosis null",
              events: [userMsg("a"), runStart("R1"), answer("first"), E("message", #"{"text":null}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"complete\",\"diagnosis\":null}]"),
    ReplayRow(name: "4: run_complete sets runMeta to the whole payload",
              events: [userMsg("a"), runStart("R1"), runDone()],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"complete\",\"runMeta\":{\"steps\":1,\"tokens\":10,\"time\":\"1.0s\"}}]"),
    ReplayRow(name: "4: the last run_complete wins",
              events: [userMsg("a"), runStart("R1"), E("run_complete", #"{"steps":1}"#), E("run_complete", #"{"steps":2}"#)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"complete\",\"runMeta\":{\"steps\":2}}]"),
    ReplayRow(name: "4: error sets errorMessage and status error",
              events: [userMsg("a"), runStart("R1"), errorEvent("boom")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"error\",\"errorMessage\":\"boom\"}]"),
    ReplayRow(name: "4: error without message: status error, errorMessage missing",
              events: [userMsg("a"), runStart("R1"), E("error", "{}")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"error\"}]"),
    ReplayRow(name: "4: the last error's message wins; the status stays error",
              events: [userMsg("a"), runStart("R1"), errorEvent("one"), answer("d"), errorEvent("two")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[],\"status\":\"error\",\"diagnosis\":\"d\",\"errorMessage\":\"two\"}]"),
    ReplayRow(name: "4: all fields at once, in the writer's key order",
              events: [userMsg("a"), runStart("R1"), errorEvent("e"), runDone(), stepDone(1), answer("d")],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[\(step1)],\"status\":\"error\",\"diagnosis\":\"d\",\"runMeta\":{\"steps\":1,\"tokens\":10,\"time\":\"1.0s\"},\"errorMessage\":\"e\"}]"),
    ReplayRow(name: "4: every other event changes nothing",
              events: [userMsg("a"), runStart("R1"),
                       E("thread_created", #"{"thread_id":"th"}"#),
                       E("step_thinking", #"{"agent":"Orchestrator","status":"Calling X..."}"#),
                       E("step_start", #"{"agent":"X"}"#),
                       E("step_started", #"{"step":1,"agent":"X"}"#),
                       E("step_response", #"{"step":1,"agent":"X"}"#),
                       E("action_executed", #"{"step":2,"action_name":"dispatch_field_engineer"}"#),
                       E("status_change", #"{"status":"cancelling","message":"m"}"#)],
              messages: "[\(userA),\(orchR1)]"),

    // Rules 5 and 6.
    ReplayRow(name: "5: the current message is appended at the end of the log",
              events: [userMsg("a"), runStart("R1"), stepDone(1)],
              messages: "[\(userA),{\"role\":\"orchestrator\",\"timestamp\":\"R1\",\"steps\":[\(step1)],\"status\":\"complete\"}]"),
    ReplayRow(name: "6: no user message first: the alert is inserted",
              events: [runStart("R1")], messages: "[\(alertUser),\(orchR1)]"),
    ReplayRow(name: "6: alert_text missing: the inserted text is missing",
              events: [runStart("R1")], fields: [("alert_text", nil)],
              messages: "[{\"role\":\"user\",\"timestamp\":\"T0\"},\(orchR1)]"),
    ReplayRow(name: "6: alert_text null: the inserted text is null",
              events: [runStart("R1")], fields: [("alert_text", "null")],
              messages: "[{\"role\":\"user\",\"text\":null,\"timestamp\":\"T0\"},\(orchR1)]"),
    ReplayRow(name: "6: created_at missing: the inserted timestamp is missing",
              events: [runStart("R1")], fields: [("created_at", nil)],
              messages: "[{\"role\":\"user\",\"text\":\"ALERT\"},\(orchR1)]"),
    ReplayRow(name: "6: a capped log that starts mid-turn gets the alert first",
              events: [stepDone(1), answer("x"), runStart("R2"), stepDone(2)],
              messages: "[\(alertUser),{\"role\":\"orchestrator\",\"timestamp\":\"R2\",\"steps\":[{\"step\":2,\"agent\":\"A\"}],\"status\":\"complete\"}]",
              warnings: ["truncated_log", "event_before_run_start"], ignored: 2),
    ReplayRow(name: "6: an empty log gives an empty conversation", events: [], messages: "[]"),
    ReplayRow(name: "6: a missing event_log gives an empty conversation",
              events: [], fields: [("event_log", nil)], messages: "[]"),
    ReplayRow(name: "6: an event_log that is an object: empty, field_type_mismatch",
              events: [], fields: [("event_log", #"{"event":"run_start"}"#)], messages: "[]", warnings: ["field_type_mismatch"]),
    ReplayRow(name: "6: an event_log that is a string: empty, field_type_mismatch",
              events: [], fields: [("event_log", js("[]"))], messages: "[]", warnings: ["field_type_mismatch"]),
    ReplayRow(name: "6: an event_log that is null: empty, field_type_mismatch",
              events: [], fields: [("event_log", "null")], messages: "[]", warnings: ["field_type_mismatch"]),
    // FORMAT.md §6 (issue 17 items 3 and 4): the API's partial flag, and a lost log.
    ReplayRow(name: "§6: \"partial\": true gives partial_log; the replay is unchanged",
              events: [userMsg("a")], fields: [("partial", "true")], messages: "[\(userA)]", warnings: ["partial_log"]),
    ReplayRow(name: "§6: \"partial\": false or a string is no partial_log",
              events: [userMsg("a")], fields: [("partial", js("true"))], messages: "[\(userA)]"),
    ReplayRow(name: "§6: an empty log beside a non-empty steps array is a lost log; messages stay the empty replay",
              events: [], fields: [("steps", "[\(step1)]")], messages: "[]", warnings: ["lost_log"]),
    ReplayRow(name: "§6: a missing event_log beside steps is a lost log",
              events: [], fields: [("event_log", nil), ("steps", "[\(step1),\(step1)]")], messages: "[]", warnings: ["lost_log"]),
    ReplayRow(name: "§6: an empty steps array is no lost log",
              events: [], fields: [("steps", "[]")], messages: "[]"),
    ReplayRow(name: "§6: steps that are not an array are no lost log",
              events: [], fields: [("steps", "{}")], messages: "[]"),
    ReplayRow(name: "§6: steps beside a non-empty log are no lost log",
              events: [userMsg("a")], fields: [("steps", "[\(step1)]")], messages: "[\(userA)]"),
    ReplayRow(name: "§6: a log of ignored entries only still has events: no lost log",
              events: ["null"], fields: [("steps", "[\(step1)]")], messages: "[]", warnings: ["missing_event_type"]),
    ReplayRow(name: "§6: partial and lost together",
              events: [], fields: [("partial", "true"), ("steps", "[\(step1)]")], messages: "[]", warnings: ["partial_log", "lost_log"]),
]

@Suite("FORMAT.md §4: rebuilding the conversation")
struct ReplayRulesTests {
    @Test(arguments: replayRows)
    func rule(_ row: ReplayRow) throws { try row.check() }

    @Test func synthesisedFirstMessageIsFlaggedAndNotesPointPastIt() throws {
        let t = try session([runStart("R1"), stepDone(1)])
        #expect(t.synthesisedFirstMessage)
        #expect(t.notes.map(\.messageIndex) == [1])
        let u = try session([userMsg("a"), runStart("R1")])
        #expect(!u.synthesisedFirstMessage)
        #expect(u.notes.map(\.messageIndex) == [1])
    }

    @Test func ignoredEventsWarningNamesTheFirstIgnoredEvent() throws {
        let t = try session([userMsg("a"), E("step_thinking", #"{"status":"x"}"#), stepDone(1), runStart("R1")])
        let w = try #require(t.warnings.first { $0.code == .eventBeforeRunStart })
        #expect(w.location.eventIndex == 1)
        #expect(w.message.hasPrefix("2 events"))
        #expect(t.eventCount == 4)
    }

    @Test func logAtTheBackendCapIsFlaggedAsTruncated() throws {
        let events = [userMsg("a"), runStart("R1")] + Array(repeating: E("step_start", #"{"agent":"A"}"#), count: 498)
        let t = try session(events)
        #expect(t.eventCount == 500)
        #expect(codes(t) == ["truncated_log"])
        let shorter = try session(Array(events.dropLast()))
        #expect(codes(shorter) == [])
    }

    /// Top-level fields of the JSON line keep missing versus null too.
    @Test func topLevelFieldsKeepMissingVersusNull() throws {
        let t = try session([], [("thread_id", "null"), ("turn_count", "2"), ("updated_at", nil)])
        let root = try encoded(t)
        #expect(root["thread_id"]?.isNull == true)
        #expect(root["turn_count"]?.int == 2)
        #expect(root["updated_at"] == nil)
        #expect(root["id"]?.string == "s1")
        #expect(root["kind"]?.string == "session")
        #expect(compact(root["outcome"]) == #"{"category":"completed","reason":"none","retries":0,"failed_steps":[]}"#)
        #expect(compact(root["warnings"]) == "[]")
        #expect(root["ignored_events"]?.int == 0)
    }

    @Test func warningsAreWrittenWithCodeMessageAndEventIndex() throws {
        let t = try session([userMsg("a"), runStart("R1"), E("step_complete", "{oops")])
        let root = try encoded(t)
        let warnings = Array(try #require(root["warnings"]).elements)
        #expect(warnings.count == 1)
        #expect(warnings.first?["code"]?.string == "malformed_event_data")
        #expect(warnings.first?["event_index"]?.int == 2)
        #expect(warnings.first?["message"]?.string?.isEmpty == false)
    }
}
