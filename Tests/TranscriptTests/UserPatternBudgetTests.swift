import Testing
@testable import Transcript

/// Issue 15 case 9: a user's pattern runs with a step budget per field, so
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

/// The budget is counted in matcher steps, so where a field stops is a
/// property of the field and the pattern, never of the machine's load.
@Suite("Redaction: the pattern budget is deterministic") struct PatternBudgetDeterminismTests {
    /// `(a+)+$` doubles its work with every `a`: somewhere between 10 and 30
    /// the search goes over budget, and always at the same length.
    @Test func theSameFieldAlwaysEndsTheSameWay() throws {
        let p = try UserPattern("(a+)+$")
        func firstOverBudget() -> Int? {
            (10...30).first { p.search(String(repeating: "a", count: $0) + "!") == .overBudget }
        }
        let edge = try #require(firstOverBudget())
        #expect(edge > 10)
        for _ in 0..<5 {
            // Load from other tests running at once must not move the edge.
            #expect(firstOverBudget() == edge)
        }
        #expect(p.search(String(repeating: "a", count: edge - 1) + "!") == .matches([]))
    }

    /// After its strikes a rule gets less: a field the normal budget finishes
    /// can be over the reduced one.
    @Test func theReducedBudgetStopsSooner() throws {
        let p = try UserPattern("(a+)+$")
        let field = String(repeating: "a", count: 16) + "!"
        #expect(p.search(field, budget: .normal) == .matches([]))
        #expect(p.search(field, budget: .reduced) == .overBudget)
    }

    @Test func aLongFieldOfANormalPatternIsWithinBudget() throws {
        let field = String(repeating: "link down on core router ", count: 4_000) + "CUST-123456"
        guard case .matches(let found) = try UserPattern("CUST-[0-9]{6}").search(field) else {
            Issue.record("a linear pattern ran out of budget"); return
        }
        #expect(found.count == 1)
    }
}
