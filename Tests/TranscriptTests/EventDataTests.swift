import Testing
@testable import Transcript

/// FORMAT.md §3: one `step_complete` event with some `data`, and the step
/// payload the replay appends (the step shows what `data` was decoded to).
struct DataRow: Sendable, CustomTestStringConvertible {
    var name: String
    var event: String
    var steps: String
    var warnings: [String]
    var testDescription: String { name }
}

let dataRows: [DataRow] = [
    DataRow(name: "a string holding JSON", event: E("step_complete", #"{"step":1}"#), steps: #"[{"step":1}]"#, warnings: []),
    DataRow(name: "an already-decoded object", event: E("step_complete", raw: #"{"step":1}"#), steps: #"[{"step":1}]"#, warnings: []),
    DataRow(name: "a JSON string with whitespace around the object",
            event: E("step_complete", " \n{\"step\": 1}\t "), steps: #"[{"step":1}]"#, warnings: []),
    DataRow(name: "an invalid JSON string", event: E("step_complete", #"{"step":1"#), steps: "[{}]", warnings: ["malformed_event_data"]),
    DataRow(name: "an empty string", event: E("step_complete", ""), steps: "[{}]", warnings: ["malformed_event_data"]),
    DataRow(name: "a JSON string with trailing garbage", event: E("step_complete", #"{"step":1} x"#), steps: "[{}]", warnings: ["malformed_event_data"]),
    DataRow(name: "a Python repr, not JSON", event: E("step_complete", "{'step': 1}"), steps: "[{}]", warnings: ["malformed_event_data"]),
    DataRow(name: "a JSON string holding an array", event: E("step_complete", "[1]"), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "a JSON string holding a number", event: E("step_complete", "3"), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "a JSON string holding a string", event: E("step_complete", #""x""#), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "a JSON string holding null", event: E("step_complete", "null"), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "data is a number", event: E("step_complete", raw: "3"), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "data is an array", event: E("step_complete", raw: "[1]"), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "data is null", event: E("step_complete", raw: "null"), steps: "[{}]", warnings: ["non_object_event_data"]),
    DataRow(name: "data is true", event: E("step_complete", raw: "true"), steps: "[{}]", warnings: ["non_object_event_data"]),
    // FORMAT.md: "A missing data is {}". The library also warns (non_object_event_data).
    DataRow(name: "data is missing", event: E("step_complete"), steps: "[{}]", warnings: ["non_object_event_data"]),
]

/// Elements of `event_log` that are not events.
let notEventRows: [(String, String)] = [
    ("null", "null"), ("a number", "3"), ("a string", js("x")), ("an array", "[]"), ("a boolean", "false"),
    ("an object without event", #"{"data":"{}"}"#), ("an object with a numeric event", #"{"event":3,"data":"{}"}"#),
    ("an object with a null event", #"{"event":null}"#), ("an object with an array event", #"{"event":["message"]}"#),
]

/// `message` data (JSON text, or with `raw` the data value as is) and the diagnosis it gives.
struct TextRow: Sendable, CustomTestStringConvertible {
    var name: String
    var event: String
    var diagnosis: String?
    var warnings: [String] = []
    var testDescription: String { name }
}

let textRows: [TextRow] = [
    TextRow(name: "duplicate keys: the last one wins, as in JSON.parse",
            event: E("message", #"{"text":"a","text":"b"}"#), diagnosis: "b"),
    TextRow(name: "duplicate keys in an object data: the last one wins",
            event: E("message", raw: #"{"text":"a","other":1,"text":"c"}"#), diagnosis: "c"),
    TextRow(name: "a key written with an escape matches",
            event: E("message", #"{"t\u0065xt":"esc"}"#), diagnosis: "esc"),
    TextRow(name: "inner \\u escape (BMP)", event: E("message", #"{"text":"caf\u00e9"}"#), diagnosis: "café"),
    TextRow(name: "inner surrogate pair", event: E("message", #"{"text":"\ud83d\ude00!"}"#), diagnosis: "😀!"),
    TextRow(name: "inner lone surrogate becomes U+FFFD", event: E("message", #"{"text":"a\ud800b"}"#), diagnosis: "a\u{FFFD}b"),
    TextRow(name: "outer \\u escape (BMP)", event: E("message", raw: #""{\"text\":\"caf\u00e9\"}""#), diagnosis: "café"),
    TextRow(name: "outer surrogate pair", event: E("message", raw: #""{\"text\":\"\ud83d\ude00\"}""#), diagnosis: "😀"),
    TextRow(name: "outer lone surrogate becomes U+FFFD, data still valid",
            event: E("message", raw: #""{\"text\":\"a\udc00b\"}""#), diagnosis: "a\u{FFFD}b"),
    TextRow(name: "raw UTF-8", event: E("message", #"{"text":"日本 ✓"}"#), diagnosis: "日本 ✓"),
    TextRow(name: "inner escaped newline, quote, backslash and solidus",
            event: E("message", #"{"text":"a\nb \"q\" \\ \/"}"#), diagnosis: "a\nb \"q\" \\ /"),
    TextRow(name: "an outer \\n puts a raw newline inside the inner string: invalid, like JSON.parse",
            event: E("message", raw: #""{\"text\":\"a\nb\"}""#), diagnosis: nil, warnings: ["malformed_event_data"]),
    TextRow(name: "an outer \\u0000 puts a raw NUL inside the inner string: invalid",
            event: E("message", raw: #""{\"text\":\"a\u0000b\"}""#), diagnosis: nil, warnings: ["malformed_event_data"]),
    TextRow(name: "an outer \\n between inner tokens is whitespace: valid",
            event: E("message", raw: #""{\n\"text\":\n\"ok\"}""#), diagnosis: "ok"),
]

@Suite("FORMAT.md §3: events and their data")
struct EventDataTests {
    @Test(arguments: dataRows)
    func data(_ row: DataRow) throws {
        let t = try session([userMsg("a"), runStart("R1"), row.event])
        let steps = t.orchestratorMessages.first?.steps.map { compact($0.raw) ?? "" } ?? []
        #expect("[" + steps.joined(separator: ",") + "]" == row.steps)
        #expect(codes(t) == row.warnings)
        #expect(t.warnings.allSatisfy { $0.location.eventIndex == 2 })
    }

    @Test(arguments: notEventRows)
    func elementThatIsNotAnEventIsIgnored(_ name: String, _ element: String) throws {
        let t = try session([userMsg("a"), runStart("R1"), element, stepDone(1)])
        #expect(try messagesJSON(t) == #"[{"role":"user","text":"a","timestamp":"T0"},{"role":"orchestrator","timestamp":"R1","steps":[{"step":1,"agent":"A"}],"status":"complete"}]"#)
        #expect(codes(t) == ["missing_event_type"])
        #expect(t.warnings.first?.location.eventIndex == 2)
        // Not an event: not counted among the events ignored outside a run.
        #expect(t.ignoredEvents == 0)
        #expect(t.eventCount == 4)
    }

    @Test func unknownEventTypeHasNoEffectAndIsCounted() throws {
        let t = try session([userMsg("a"), runStart("R1"), stepDone(1),
                             E("mystery", #"{"text":"zzz","message":"boom"}"#), E("mystery", "not json"), E("other.thing")])
        #expect(try messagesJSON(t) == #"[{"role":"user","text":"a","timestamp":"T0"},{"role":"orchestrator","timestamp":"R1","steps":[{"step":1,"agent":"A"}],"status":"complete"}]"#)
        #expect(t.unknownEventTypes == ["mystery": 2, "other.thing": 1])
        // One warning per unknown name, sorted by name; their data is never decoded.
        #expect(codes(t) == ["unknown_event_type", "unknown_event_type"])
        #expect(t.warnings[0].message.contains("\"mystery\""))
        #expect(t.warnings[1].message.contains("\"other.thing\""))
    }

    @Test(arguments: textRows)
    func text(_ row: TextRow) throws {
        let t = try session([userMsg("a"), runStart("R1"), row.event])
        let diagnosis = t.orchestratorMessages.first?.diagnosis
        #expect(diagnosis?.string == row.diagnosis)
        if row.diagnosis == nil { #expect(diagnosis == nil) }
        #expect(codes(t) == row.warnings)
    }

    /// The output line is valid JSON whatever the escapes, and reads back to the same text.
    @Test func escapedTextSurvivesTheJSONOutput() throws {
        let t = try session([userMsg("a"), runStart("R1"), E("message", raw: #""{\"text\":\"\ud83d\ude00 \u2028 \\\"q\\\" \\u00e9\"}""#)])
        let root = try encoded(t)
        let messages = Array(try #require(root["messages"]).elements)
        #expect(messages.count == 2)
        #expect(messages.last?["diagnosis"]?.string == "😀 \u{2028} \"q\" é")
    }

    /// Duplicate keys inside a step payload: lookups see the last value.
    @Test func duplicateKeysInAStepPayloadReadTheLastValue() throws {
        let t = try session([userMsg("a"), runStart("R1"),
                             E("step_complete", #"{"step":1,"error":false,"response":"FAILED: [504] x","error":true}"#)])
        let step = try #require(t.orchestratorMessages.first?.steps.first)
        #expect(step.raw["error"]?.isTrue == true)
        #expect(step.failure?.kind == .gatewayTimeout)
        #expect(t.outcome.failedSteps.map(\.kind) == [.gatewayTimeout])
    }
}
