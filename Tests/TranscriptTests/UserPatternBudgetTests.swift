import Testing
@testable import Transcript

/// Issue 15 case 9: a user's pattern runs with a time budget per field, so
/// a catastrophic pattern never hangs a run, and a field it could not
/// finish is redacted whole rather than shown.
@Suite("Redaction: user pattern budget") struct UserPatternBudgetTests {
    /// Normal patterns find what they found with Swift Regex.
    @Test(arguments: [
        ("CUST-[0-9]{6}", "order CUST-004211 and CUST-99 and CUST-123456.", ["CUST-004211", "CUST-123456"]),
        ("owner=(?<value>[a-z]+)", "ticket owner=mia; owner=Bob", ["mia"]),
        (#"\b[A-Z]{3}-\d{2}\b"#, "sites SPL-03, spl-04 and GLB-17x", ["SPL-03"]),
        ("é+", "café and caféé", ["é", "éé"]),
        (#"(\w+\s?)+@corp"#, "write to ops team@corp today", ["write to ops team@corp"]),
        ("[0-9]+", "no digits here", []),
    ])
    func normalPatternsMatchAsBefore(pattern: String, text: String, expected: [String]) throws {
        let p = try UserPattern(pattern)
        guard case .matches(let ranges) = p.search(text) else {
            Issue.record("\(pattern) ran out of budget on \(text)"); return
        }
        let bytes = Array(text.utf8)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == expected)
    }

    /// Exponential backtracking (without a budget each takes minutes to years).
    @Test(arguments: [
        ("(a+)+$", String(repeating: "a", count: 25) + "!"),
        (#"(\w+\s?)+@corp"#, "Link down on core router 3 since the maintenance window ended and nobody has answered the page yet"),
        ("(x+x+)+y", String(repeating: "x", count: 40)),
    ])
    func catastrophicPatternsStopAtTheirBudget(pattern: String, text: String) throws {
        #expect(try UserPattern(pattern).search(text) == .overBudget)
    }

    /// The field the pattern could not finish is redacted whole and the rule
    /// is named; the fields it finished keep their text.
    @Test func aFieldOverBudgetIsRedactedWholeAndTheRuleNamed() throws {
        let rules = RedactionRules.builtIn.adding(try RuleFile.parse(Array(#"[{"name":"slow","pattern":"(a+)+$","label":"slow"}]"#.utf8)))
        let alert = String(repeating: "a", count: 25) + "!"
        let text = #"{"id":"s1","status":"completed","alert_text":"\#(alert)","scenario":"short"}"#
        let input = SessionInput(document: try parseJSON(text), kind: .session,
                                 source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        let out = Redactor(rules: rules).redact(input)
        #expect(out.redaction?.rulesOverBudget == ["user:slow"])
        #expect(out.document["alert_text"]?.string == "[redacted slow 1]")
        #expect(out.document["scenario"]?.string == "short")
    }

    @Test func aRunWithoutSlowPatternsNamesNoRule() throws {
        let rules = RedactionRules.builtIn.adding(try RuleFile.parse(Array(#"[{"pattern":"CUST-[0-9]{6}","label":"customer"}]"#.utf8)))
        let input = SessionInput(document: try parseJSON(#"{"id":"s1","status":"completed","alert_text":"CUST-123456 down"}"#), kind: .session,
                                 source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        let out = Redactor(rules: rules).redact(input)
        #expect(out.redaction?.rulesOverBudget == [])
        #expect(out.document["alert_text"]?.string == "[redacted customer 1] down")
    }
}
