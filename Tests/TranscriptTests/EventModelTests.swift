import Testing
@testable import Transcript

/// One event-log element, what `Event` it decodes to (written by `shown`) and
/// the warnings decoding raised. `nil` decoded = not an event at all.
struct EventModelRow: Sendable, CustomTestStringConvertible {
    var name: String
    var entry: String
    var decoded: String?
    var warnings: [String] = []
    var testDescription: String { name }
}

let eventModelRows: [EventModelRow] = [
    // First generation (FORMAT.md §3)
    .init(name: "user_message", entry: E("user_message", #"{"text":"hi"}"#, turn: 0), decoded: #"user_message text="hi""#),
    .init(name: "user_message without text", entry: E("user_message", "{}"), decoded: "user_message text=-"),
    .init(name: "user_message with a number for text: kept as written",
          entry: E("user_message", #"{"text":3}"#), decoded: "user_message text=3"),
    .init(name: "run_start takes the payload's timestamp, not the event's",
          entry: E("run_start", #"{"run_id":"r","timestamp":"R1"}"#, ts: js("EV")), decoded: #"run_start at="R1""#),
    .init(name: "run_start without a timestamp", entry: E("run_start", #"{"run_id":"r"}"#), decoded: "run_start at=-"),
    .init(name: "thread_created", entry: E("thread_created", #"{"thread_id":"t1"}"#), decoded: #"thread_created thread="t1""#),
    .init(name: "thread_created with a null thread", entry: E("thread_created", #"{"thread_id":null}"#),
          decoded: "thread_created thread=null"),
    .init(name: "step_thinking announcing a retry",
          entry: E("step_thinking", #"{"agent":"A","status":"Retrying investigation (attempt 2/2)..."}"#),
          decoded: "step_thinking retry=Retrying investigation (attempt 2/2)..."),
    .init(name: "step_thinking with a status that is not a string",
          entry: E("step_thinking", #"{"status":7}"#), decoded: "step_thinking retry=-"),
    .init(name: "step_start is never decoded, even when broken", entry: E("step_start", "{not json"), decoded: "step_start unread"),
    .init(name: "step_response is never decoded, even when broken", entry: E("step_response", raw: "3"), decoded: "step_response unread"),
    .init(name: "step_started keyed by its step number",
          entry: E("step_started", #"{"step":2,"id":"ignored","timestamp":"T2"}"#), decoded: #"step_started key=2 at=T2"#),
    .init(name: "step_started with a non-string timestamp", entry: E("step_started", #"{"step":"2","timestamp":5}"#),
          decoded: "step_started key=2 at=-"),
    .init(name: "step_started without a step", entry: E("step_started", #"{"agent":"A"}"#), decoded: "step_started key=- at=-"),
    .init(name: "step_complete keeps its payload byte for byte (escapes as written)",
          entry: E("step_complete", #"{"step":1,"response":"caf\u00e9","error":true}"#),
          decoded: #"step_complete key=1 at=- raw={"step":1,"response":"caf\u00e9","error":true}"#),
    .init(name: "step_complete given as an object", entry: E("step_complete", raw: #"{"step":3,"timestamp":"T3"}"#),
          decoded: #"step_complete key=3 at=T3 raw={"step":3,"timestamp":"T3"}"#),
    .init(name: "action_executed", entry: E("action_executed", #"{"step":4,"action_name":"dispatch_field_engineer"}"#),
          decoded: "action_executed step=4 action=dispatch_field_engineer"),
    .init(name: "action_executed with wrong types", entry: E("action_executed", #"{"step":"4","action_name":1}"#),
          decoded: "action_executed step=- action=-"),
    .init(name: "message: no id in the first generation", entry: E("message", #"{"text":"D!","id":"m1"}"#),
          decoded: #"message text="D!" id=-"#),
    .init(name: "message without text", entry: E("message", "{}"), decoded: "message text=- id=-"),
    .init(name: "run_complete", entry: E("run_complete", #"{"steps":2,"tokens":10,"time":"4.1s"}"#),
          decoded: #"run_complete steps=2 time=4.1s raw={"steps":2,"tokens":10,"time":"4.1s"}"#),
    .init(name: "error", entry: E("error", #"{"message":"Investigation cancelled by user."}"#),
          decoded: "error text=Investigation cancelled by user."),
    .init(name: "error with a null message", entry: E("error", #"{"message":null}"#), decoded: "error text=-"),
    .init(name: "error with a numeric message", entry: E("error", #"{"message":42}"#), decoded: "error text=42"),
    .init(name: "status_change cancelling", entry: E("status_change", #"{"status":"cancelling","message":"Cancelling..."}"#),
          decoded: "status_change status=cancelling message=Cancelling... cancel=true"),
    .init(name: "status_change of another status", entry: E("status_change", #"{"status":"paused"}"#),
          decoded: "status_change status=paused message=- cancel=false"),
    // Second generation (§9)
    .init(name: "run.start takes the event's timestamp, not the payload's",
          entry: E("run.start", #"{"timestamp":"PAYLOAD"}"#, ts: js("EV")), decoded: #"run.start at="EV""#),
    .init(name: "run.start with a null event timestamp", entry: E("run.start", "{}", ts: "null"), decoded: "run.start at=null"),
    .init(name: "session.created", entry: E("session.created", #"{"thread_id":"t2"}"#), decoded: #"session.created thread="t2""#),
    .init(name: "tool_call.start keyed by its id", entry: E("tool_call.start", #"{"id":"c1","step":1}"#),
          decoded: "tool_call.start key=c1 at=-"),
    .init(name: "tool_call.start without an id falls back to the step", entry: E("tool_call.start", #"{"step":5}"#),
          decoded: "tool_call.start key=5 at=-"),
    .init(name: "tool_call.complete keyed by a numeric id", entry: E("tool_call.complete", #"{"id":9,"step":1,"duration":""}"#),
          decoded: #"tool_call.complete key=9 at=- raw={"id":9,"step":1,"duration":""}"#),
    .init(name: "message.start is never decoded", entry: E("message.start", "[1]"), decoded: "message.start unread"),
    .init(name: "message.delta", entry: E("message.delta", #"{"id":"m1","text":"part"}"#), decoded: "message.delta id=m1 text=part"),
    .init(name: "message.delta without id and with a non-string text", entry: E("message.delta", #"{"text":5}"#),
          decoded: "message.delta id= text="),
    .init(name: "message.complete names the deltas it completes", entry: E("message.complete", #"{"id":"m1","text":"done"}"#),
          decoded: #"message.complete text="done" id=m1"#),
    .init(name: "run.complete with an empty time", entry: E("run.complete", #"{"steps":1,"time":""}"#),
          decoded: #"run.complete steps=1 time= raw={"steps":1,"time":""}"#),
    .init(name: "status cancelling from the cancel endpoint", entry: E("status", #"{"status":"cancelling"}"#),
          decoded: "status message=- cancel=true retry=-"),
    .init(name: "status cancelling from the orchestrator", entry: E("status", #"{"message":"Cancelling investigation"}"#),
          decoded: #"status message="Cancelling investigation" cancel=true retry=-"#),
    .init(name: "status announcing a retry", entry: E("status", #"{"message":"Retrying investigation (attempt 1/2)..."}"#),
          decoded: #"status message="Retrying investigation (attempt 1/2)..." cancel=false retry=Retrying investigation (attempt 1/2)..."#),
    .init(name: "status with a numeric message: a note", entry: E("status", #"{"message":3}"#),
          decoded: "status message=3 cancel=false retry=-"),
    // Unknown names: kept, never decoded.
    .init(name: "an unknown name keeps the event as written", entry: E("mystery", "not json"),
          decoded: #"unknown mystery raw={"event":"mystery","data":"not json"}"#),
    .init(name: "names are case-sensitive", entry: E("Step_Complete", "{}"), decoded: #"unknown Step_Complete raw={"event":"Step_Complete","data":"{}"}"#),
    // Missing or broken data of an event that is read: {} and a warning (§3).
    .init(name: "missing data", entry: E("step_complete"), decoded: "step_complete key=- at=- raw={}",
          warnings: ["non_object_event_data"]),
    .init(name: "data that is not JSON", entry: E("message", "{'text': 1}"), decoded: "message text=- id=-",
          warnings: ["malformed_event_data"]),
    .init(name: "data holding an array", entry: E("run_complete", "[1]"), decoded: "run_complete steps=- time=- raw={}",
          warnings: ["non_object_event_data"]),
    .init(name: "data that is a number", entry: E("error", raw: "3"), decoded: "error text=-", warnings: ["non_object_event_data"]),
    // Not events at all (§3).
    .init(name: "null", entry: "null", decoded: nil, warnings: ["missing_event_type"]),
    .init(name: "an object without event", entry: #"{"data":"{}"}"#, decoded: nil, warnings: ["missing_event_type"]),
    .init(name: "a numeric event name", entry: #"{"event":3}"#, decoded: nil, warnings: ["missing_event_type"]),
]

@Suite("Transcript/Events: each event kind decoded once")
struct EventModelTests {
    @Test(arguments: eventModelRows)
    func decodes(_ row: EventModelRow) throws {
        var warnings: [Problem] = []
        let logged = LoggedEvent(try parseJSON(row.entry), index: 4, warnings: &warnings)
        let event = logged?.decode(warnings: &warnings)
        #expect(event.map(shown) == row.decoded)
        #expect(warnings.map(\.code.rawValue) == row.warnings)
        #expect(warnings.allSatisfy { $0.location.eventIndex == 4 })
        // The shape alone (what validation asks) agrees with the full decode.
        #expect((logged?.unread != nil) == (event?.unread != nil))
    }

    @Test func everyNameRoundTripsAndIsReservedFromRedaction() {
        for type in EventType.allCases {
            #expect(EventType(rawValue: type.rawValue) == type)
            #expect(SessionRedaction.reserved.contains(type.rawValue))
        }
        #expect(EventType.allCases.count == 22)
    }

    @Test func theTopLevelFieldsAreReadButNotDecodedUntilAsked() throws {
        var warnings: [Problem] = []
        let entry = try parseJSON(E("step_complete", "{}", turn: 2, ts: js("T9")))
        let logged = try #require(LoggedEvent(entry, index: 0, warnings: &warnings))
        #expect(logged.turn == 2)
        #expect(logged.timestamp?.string == "T9")
        #expect(logged.name == "step_complete" && logged.type == .stepComplete)
        let odd = try #require(LoggedEvent(try parseJSON(E("step_complete", "{}", ts: "3") .replacingTurn("\"x\"")),
                                           index: 0, warnings: &warnings))
        #expect(odd.turn == nil && odd.turnValue?.string == "x")
        #expect(odd.timestamp?.string == nil && odd.timestamp?.int == 3)
        #expect(warnings.isEmpty)
    }
}

private extension String {
    /// Adds a top-level `turn` written as `raw` JSON text.
    func replacingTurn(_ raw: String) -> String {
        String(dropLast()) + ",\"turn\":" + raw + "}"
    }
}

private func shownValue(_ value: JSONValue?) -> String { compact(value) ?? "-" }
private func shownText(_ value: String?) -> String { value ?? "-" }

/// One line per event: its name and the typed fields the readers use.
func shown(_ event: Event) -> String {
    switch event {
    case .userMessage(let p): return "user_message text=\(shownValue(p.text))"
    case .runStart(let p): return "run_start at=\(shownValue(p.timestamp))"
    case .runStartV2(let p): return "run.start at=\(shownValue(p.timestamp))"
    case .threadCreated(let p): return "thread_created thread=\(shownValue(p.threadID))"
    case .sessionCreated(let p): return "session.created thread=\(shownValue(p.threadID))"
    case .stepThinking(let p): return "step_thinking retry=\(shownText(p.retry))"
    case .stepStart: return "step_start unread"
    case .stepResponse: return "step_response unread"
    case .messageStart: return "message.start unread"
    case .stepStarted(let p): return "step_started key=\(shownText(p.key)) at=\(shownText(p.timestamp))"
    case .toolCallStart(let p): return "tool_call.start key=\(shownText(p.key)) at=\(shownText(p.timestamp))"
    case .stepComplete(let p):
        return "step_complete key=\(shownText(p.key)) at=\(shownText(p.timestamp)) raw=\(shownValue(p.raw))"
    case .toolCallComplete(let p):
        return "tool_call.complete key=\(shownText(p.key)) at=\(shownText(p.timestamp)) raw=\(shownValue(p.raw))"
    case .actionExecuted(let p): return "action_executed step=\(p.step.map(String.init) ?? "-") action=\(shownText(p.actionName))"
    case .message(let p): return "message text=\(shownValue(p.text)) id=\(shownText(p.id))"
    case .messageComplete(let p): return "message.complete text=\(shownValue(p.text)) id=\(shownText(p.id))"
    case .messageDelta(let p): return "message.delta id=\(p.id) text=\(p.text)"
    case .runComplete(let p):
        return "run_complete steps=\(p.steps.map(String.init) ?? "-") time=\(shownText(p.time)) raw=\(shownValue(p.raw))"
    case .runCompleteV2(let p):
        return "run.complete steps=\(p.steps.map(String.init) ?? "-") time=\(shownText(p.time)) raw=\(shownValue(p.raw))"
    case .error(let p): return "error text=\(shownText(p.text))"
    case .statusChange(let p):
        return "status_change status=\(shownText(p.status)) message=\(shownText(p.message)) cancel=\(p.isCancellation)"
    case .status(let p):
        return "status message=\(shownValue(p.message)) cancel=\(p.isCancellation) retry=\(shownText(p.retry))"
    case .unknown(let name, let raw): return "unknown \(name) raw=\(shownValue(raw))"
    }
}
