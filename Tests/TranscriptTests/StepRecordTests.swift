import Testing
@testable import Transcript

/// One step payload and what its typed view (`StepRecord`) must read from
/// it; only the fields a row names are checked.
struct StepViewRow: Sendable, CustomTestStringConvertible {
    var why: String
    var payload: String
    var expect: [String: String]
    var testDescription: String { why }
}

let stepViewRows: [StepViewRow] = [
    .init(why: "v1 step_complete, every field", payload: #"""
        {"step":1,"agent":"TelemetryAgent","duration":"3.2s","query":"q","response":"**ok**","timestamp":"2025-01-01T00:00:00Z","reasoning":"why"}
        """#, expect: ["step": "json:1", "agent": "string:TelemetryAgent", "duration": "string:3.2s", "query": "string:q",
                       "response": "string:**ok**", "timestamp": "string:2025-01-01T00:00:00Z", "reasoning": "string:why",
                       "is_action": "false", "failure": "none", "visualizations": "", "action": "none", "sub_steps": ""]),
    .init(why: "v2 tool_call.complete with sub_steps (a non-object item has no fields)", payload: #"""
        {"id":"c1","step":2,"agent":"A","sub_steps":[{"index":1,"query":"q1","result_summary":"r1","agent":"B"},"junk",{"index":2}]}
        """#, expect: ["step": "json:2", "sub_steps": "1/B/q1/r1; -/-/-/-; 2/-/-/-"]),
    .init(why: "an empty payload: everything missing", payload: "{}",
          expect: ["step": "missing", "agent": "missing", "timestamp": "missing", "duration": "missing", "query": "missing",
                   "reasoning": "missing", "response": "missing", "is_action": "false", "failure": "none",
                   "visualizations": "", "action": "none", "sub_steps": ""]),
    .init(why: "wrong types are shown as their JSON", payload: #"""
        {"step":"1","agent":5,"timestamp":17,"duration":null,"query":[1, 2],"reasoning":{"a": 1},"response":{"x":1}}
        """#, expect: ["step": "string:1", "agent": "json:5", "timestamp": "json:17", "duration": "null",
                       "query": "json:[1,2]", "reasoning": #"json:{"a":1}"#, "response": #"json:{"x":1}"#]),
    .init(why: "is_action only as the literal true", payload: #"{"is_action":"true"}"#, expect: ["is_action": "false"]),
    .init(why: "is_action true without an action", payload: #"{"is_action":true}"#, expect: ["is_action": "true", "action": "none"]),
    .init(why: "sub_steps not an array", payload: #"{"sub_steps":{"index":1}}"#, expect: ["sub_steps": ""]),
    .init(why: "action null is no action", payload: #"{"action":null}"#, expect: ["action": "none"]),
    .init(why: "an action that is not an object is kept as written", payload: #"{"action":"sent"}"#,
          expect: ["action": "not-an-object string:sent"]),
    .init(why: "a full dispatch", payload: #"""
        {"is_action":true,"action":{"action_name":"dispatch_field_engineer","status":"sent","dispatch_id":"D-1","dispatch_time":"2025-01-01T00:00:00Z","engineer":{"name":"Ana","email":"a@x","phone":"1"},"destination":{"description":"Site 4","latitude":51.5,"longitude":-0.1,"maps_link":"https://m/1"},"urgency":"high","sensor_ids":["S1",2,null],"email_subject":"s","email_body":"b"}}
        """#, expect: ["action": "dispatch name=dispatch_field_engineer status=sent id=D-1 time=2025-01-01T00:00:00Z engineer=Ana/a@x/1 urgency=high dest=Site 4 at 51.5,-0.1 maps=https://m/1 sensors=S1,2 subject=s body=b raw=-"]),
    .init(why: "engineer and destination as strings, one sensor id, the action's own maps_link", payload: #"""
        {"action":{"action_name":7,"engineer":"Bo","destination":"Depot","sensor_ids":"S9","maps_link":"https://m/2","raw_output":"plain"}}
        """#, expect: ["action": "dispatch name=- status=- id=- time=- engineer=Bo/-/- urgency=- dest=Depot at -,- maps=https://m/2 sensors=S9 subject=- body=- raw=plain"]),
    .init(why: "destination's maps_link wins over the action's", payload: #"""
        {"action":{"destination":{"maps_link":"https://in"},"maps_link":"https://out","engineer":{"name":""}}}
        """#, expect: ["action": "dispatch name=- status=- id=- time=- engineer=-/-/- urgency=- dest=- at -,- maps=https://in sensors= subject=- body=- raw=-"]),
    .init(why: "visualizations, then the legacy visualization", payload: #"""
        {"visualizations":[{"type":"documents","data":{"content":"c"}}],"visualization":{"type":"x","data":1}}
        """#, expect: ["visualizations": #"documents content=string:c agent=missing citations=[] hits=missing index=missing | other type=x value={"type":"x","data":1}"#]),
    .init(why: "visualizations not an array, legacy visualization not an object: none", payload: #"""
        {"visualizations":{"type":"table"},"visualization":"table"}
        """#, expect: ["visualizations": ""]),
    .init(why: "a table's rows, falling back to data; columns as names and objects", payload: #"""
        {"visualizations":[{"type":"table","data":{"columns":["a",{"name":"b","type":"number"},{"type":"x"}],"data":[{"a":1,"b":2},[3,4],"s"],"query":"Q"}}]}
        """#, expect: ["visualizations": #"table cols=a,b:number,{"type":"x"}:x rows=3 first={a=1,b=2};[3,4];"s" query=string:Q"#]),
    .init(why: "a graph's data, falling back to rows; rows not arrays count 0", payload: #"""
        {"visualizations":[{"type":"graph","data":{"data":"no","rows":[{"k":null}]}},{"type":"table","data":{"rows":5}}]}
        """#, expect: ["visualizations": "graph cols= rows=1 first={k=null} query=missing | table cols= rows=0 first= query=missing"]),
    .init(why: "an object row's repeated key: every key listed, the last value read", payload: #"""
        {"visualizations":[{"type":"table","data":{"rows":[{"a":1,"a":2}]}}]}
        """#, expect: ["visualizations": "table cols= rows=1 first={a=2,a=2} query=missing"]),
    .init(why: "documents' citations: URL strings, objects, objects without url or title", payload: #"""
        {"visualizations":[{"type":"documents","data":{"content":"","agent":"D","citations":["https://a",{"url":"https://b","title":"B"},{"title":"T"},{"n":1}],"searchHits":3,"indexName":"idx"}}]}
        """#, expect: ["visualizations": #"documents content=string: agent=string:D citations=[https://a<https://a>, B<https://b>, T<->, {"n":1}<->] hits=json:3 index=string:idx"#]),
    .init(why: "a visualization without a type, and one that is not an object", payload: #"""
        {"visualizations":[{"data":{}},"chart",{"type":"table"}]}
        """#, expect: ["visualizations": #"other type=- value={"data":{}} | other type=- value=chart | table cols= rows=0 first= query=missing"#]),
]

/// A failed step (`error: true`) as the step card reads it, decided once.
struct StepFailureRow: Sendable, CustomTestStringConvertible {
    var payload: String
    /// "kind code response", or "none".
    var failure: String
    var why: String
    var testDescription: String { why }
}

let stepFailureRows: [StepFailureRow] = [
    .init(payload: #"{"error":true,"response":"FAILED: [504] Gateway Timeout"}"#,
          failure: "gateway_timeout 504 FAILED: [504] Gateway Timeout", why: "a failed step"),
    .init(payload: #"{"error":true,"response":"[401] expired"}"#, failure: "auth 401 [401] expired", why: "without FAILED:"),
    .init(payload: #"{"error":"true","response":"FAILED: [504] x"}"#, failure: "none", why: "error as a string is no failure"),
    .init(payload: #"{"error":1,"response":"FAILED: [504] x"}"#, failure: "none", why: "error 1 is no failure"),
    .init(payload: #"{"error":false,"response":"FAILED: [504] x"}"#, failure: "none", why: "error false"),
    .init(payload: #"{"response":"FAILED: [504] x"}"#, failure: "none", why: "no error field"),
    .init(payload: #"{"error":true}"#, failure: "other  ", why: "no response: other, no code, no text"),
    .init(payload: #"{"error":true,"response":null}"#, failure: "other  null", why: "a null response is shown as null"),
    .init(payload: #"{"error":true,"response":{"code":504}}"#, failure: #"other  {"code":504}"#,
          why: "a response that is not a string is never classified"),
    .init(payload: #"{"error":true,"response":""}"#, failure: "other  ", why: "an empty response"),
    .init(payload: #"{"error":false,"response":"x","error":true}"#, failure: "other  x", why: "a repeated key: the last wins"),
]

@Suite("Transcript/Steps: the typed step view")
struct StepRecordTests {
    @Test(arguments: stepViewRows)
    func theViewReadsWhatTheFormatSays(_ row: StepViewRow) throws {
        let summary = Self.summary(StepRecord(try parseJSON(row.payload)))
        for (field, expected) in row.expect.sorted(by: { $0.key < $1.key }) {
            #expect(summary[field] == expected, "\(field)")
        }
    }

    @Test(arguments: stepFailureRows)
    func theFailureIsClassifiedOnce(_ row: StepFailureRow) throws {
        let card = StepRecord(try parseJSON(row.payload)).failure
        #expect(card.map { "\($0.kind.rawValue) \($0.code) \($0.response)" } ?? "none" == row.failure)
    }

    /// The outcome's failed steps are the records' cards, in order, both generations.
    @Test func theOutcomeReadsTheRecordsCards() throws {
        let t = try session([userMsg("a"), runStart("R1"),
                             E("step_complete", #"{"step":1,"agent":"A","error":true,"response":"FAILED: [502] x"}"#),
                             E("step_complete", #"{"step":2,"error":"true","response":"FAILED: [504] x"}"#),
                             E("tool_call.complete", #"{"id":"c","step":3,"agent":"B","error":true,"response":"rate limit"}"#)])
        let steps = try #require(t.orchestratorMessages.first?.steps)
        let cards = steps.compactMap(\.failure)
        #expect(cards.map(\.kind) == [.badGateway, .rateLimited])
        #expect(t.outcome.failedSteps.map(\.kind) == cards.map(\.kind))
        #expect(t.outcome.failedSteps.map(\.code) == cards.map(\.code))
        #expect(t.outcome.failedSteps.map(\.position) == [0, 2])
        #expect(t.outcome.failedSteps.map(\.step) == [1, 3])
        #expect(t.outcome.failedSteps.map(\.agent) == ["A", "B"])
    }

    /// The record keeps the payload as written: `messages` stay byte-exact.
    @Test func theRawPayloadIsKept() throws {
        let text = #"{"step": 1,  "response": "a\u0041", "x": [1, 2]}"#
        let record = StepRecord(try parseJSON(text))
        #expect(String(decoding: record.raw.rawBytes, as: UTF8.self) == text)
        #expect(record.response?.text == "aA")
    }

    // MARK: - Summaries for the rows

    static func summary(_ s: StepRecord) -> [String: String] {
        [
            "step": shown(s.number), "agent": shown(s.agent), "timestamp": shown(s.timestamp),
            "duration": shown(s.duration), "query": shown(s.query), "reasoning": shown(s.reasoning),
            "response": shown(s.response), "is_action": String(s.isAction),
            "failure": s.failure.map { "\($0.kind.rawValue) \($0.code)" } ?? "none",
            "visualizations": s.visualizations.map(visualization).joined(separator: " | "),
            "action": s.action.map(action) ?? "none",
            "sub_steps": s.subSteps.map { [$0.index, $0.agent, $0.query, $0.resultSummary].map { $0?.shown ?? "-" }.joined(separator: "/") }
                .joined(separator: "; "),
        ]
    }

    static func shown(_ v: ShownValue?) -> String {
        guard let v else { return "missing" }
        if v.isNull { return "null" }
        return (v.isString ? "string:" : "json:") + v.text
    }

    static func visualization(_ v: StepVisualization) -> String {
        switch v {
        case .table(let t):
            let cols = t.columns.map { $0.name + ($0.type.map { ":\($0)" } ?? "") }.joined(separator: ",")
            let rows = t.rows(prefix: 3).map(row).joined(separator: ";")
            return "\(t.kind == .table ? "table" : "graph") cols=\(cols) rows=\(t.rowCount) first=\(rows) query=\(shown(t.query))"
        case .documents(let d):
            let citations = d.citations.map { "\($0.title)<\($0.url ?? "-")>" }.joined(separator: ", ")
            return "documents content=\(shown(d.content)) agent=\(shown(d.agent)) citations=[\(citations)] hits=\(shown(d.searchHits)) index=\(shown(d.indexName))"
        case .other(let type, let value):
            return "other type=\(type ?? "-") value=\(value.text)"
        }
    }

    static func row(_ r: StepTableRow) -> String {
        switch r.shape {
        case .object: return "{" + r.keys.map { "\($0)=\(r.cell(named: $0)?.text ?? "?")" }.joined(separator: ",") + "}"
        case .array: return "[" + r.cells(prefix: r.width).map(\.text).joined(separator: ",") + "]"
        case .other: return "\"\(r.value.text)\""
        }
    }

    static func action(_ a: StepAction) -> String {
        switch a {
        case .notAnObject(let v): return "not-an-object " + shown(v)
        case .dispatch(let d):
            func s(_ v: ShownValue?) -> String { v?.shown ?? "-" }
            return "dispatch name=\(d.actionName ?? "-") status=\(s(d.status)) id=\(s(d.dispatchID)) time=\(s(d.dispatchTime)) "
                + "engineer=\(d.engineerName ?? "-")/\(s(d.engineerEmail))/\(s(d.engineerPhone)) urgency=\(s(d.urgency)) "
                + "dest=\(d.destination ?? "-") at \(s(d.latitude)),\(s(d.longitude)) maps=\(d.mapsLink ?? "-") "
                + "sensors=\(d.sensorIDs.joined(separator: ",")) subject=\(s(d.emailSubject)) body=\(s(d.emailBody)) raw=\(s(d.rawOutput))"
        }
    }
}
