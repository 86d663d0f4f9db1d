import Testing
@testable import Transcript

/// FORMAT.md §7: an interaction document and the one-turn conversation it gives.
struct InteractionRow: Sendable, CustomTestStringConvertible {
    var name: String
    var fields: [(String, String?)]
    var messages: String
    var testDescription: String { name }
}

private func interactionDoc(_ fields: [(String, String?)]) -> String {
    var pairs: [(String, String?)] = [
        ("id", js("i1")), ("scenario", js("telco-noc")), ("query", js("Q")),
        ("steps", #"[{"step":1,"agent":"A","response":"r"}]"#), ("diagnosis", js("D")),
        ("run_meta", #"{"steps":1,"time":"2.0s"}"#), ("created_at", js("T0")), ("_docType", js("interaction")),
    ]
    for (key, value) in fields {
        if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value } else { pairs.append((key, value)) }
    }
    return "{" + pairs.compactMap { k, v in v.map { js(k) + ":" + $0 } }.joined(separator: ",") + "}"
}

let interactionRows: [InteractionRow] = [
    InteractionRow(name: "a full interaction is one turn", fields: [],
                   messages: #"[{"role":"user","text":"Q","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","diagnosis":"D","runMeta":{"steps":1,"time":"2.0s"}}]"#),
    InteractionRow(name: "a missing diagnosis stays missing", fields: [("diagnosis", nil)],
                   messages: #"[{"role":"user","text":"Q","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","runMeta":{"steps":1,"time":"2.0s"}}]"#),
    InteractionRow(name: "a null diagnosis stays null", fields: [("diagnosis", "null")],
                   messages: #"[{"role":"user","text":"Q","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","diagnosis":null,"runMeta":{"steps":1,"time":"2.0s"}}]"#),
    InteractionRow(name: "a missing run_meta: runMeta missing", fields: [("run_meta", nil)],
                   messages: #"[{"role":"user","text":"Q","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","diagnosis":"D"}]"#),
    InteractionRow(name: "a null run_meta: runMeta null", fields: [("run_meta", "null")],
                   messages: #"[{"role":"user","text":"Q","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","diagnosis":"D","runMeta":null}]"#),
    InteractionRow(name: "a missing created_at: both timestamps missing", fields: [("created_at", nil)],
                   messages: #"[{"role":"user","text":"Q"},{"role":"orchestrator","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","diagnosis":"D","runMeta":{"steps":1,"time":"2.0s"}}]"#),
    InteractionRow(name: "a missing query: user text missing", fields: [("query", nil)],
                   messages: #"[{"role":"user","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[{"step":1,"agent":"A","response":"r"}],"status":"complete","diagnosis":"D","runMeta":{"steps":1,"time":"2.0s"}}]"#),
    InteractionRow(name: "empty steps", fields: [("steps", "[]")],
                   messages: #"[{"role":"user","text":"Q","timestamp":"T0"},{"role":"orchestrator","timestamp":"T0","steps":[],"status":"complete","diagnosis":"D","runMeta":{"steps":1,"time":"2.0s"}}]"#),
]

@Suite("FORMAT.md §7: interaction documents")
struct InteractionTests {
    @Test(arguments: interactionRows)
    func interaction(_ row: InteractionRow) throws {
        let t = try replay(interactionDoc(row.fields), kind: .interaction)
        #expect(try messagesJSON(t) == row.messages)
        #expect(t.outcome.category == .completed)
        #expect(t.outcome.reason == .none)
        #expect(codes(t) == [])
        #expect(t.notes.map(\.turn) == [0])
        #expect(t.notes.map(\.messageIndex) == [1])
    }

    @Test func theJSONLineSaysInteractionAndCarriesTheQuery() throws {
        let t = try replay(interactionDoc([]), kind: .interaction)
        let root = try encoded(t)
        #expect(root["kind"]?.string == "interaction")
        #expect(root["query"]?.string == "Q")
        #expect(root["status"] == nil)
        #expect(compact(root["outcome"]) == #"{"category":"completed","reason":"none","retries":0,"failed_steps":[]}"#)
    }

    @Test func stepsThatAreNotAnArrayAreAWarning() throws {
        let t = try replay(interactionDoc([("steps", js("oops"))]), kind: .interaction)
        #expect(t.orchestratorMessages.first?.steps.isEmpty == true)
        #expect(codes(t) == ["field_type_mismatch"])
    }
}
