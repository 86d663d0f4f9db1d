import Foundation
import Testing
@testable import Transcript

@Suite("Redaction: user rules") struct RuleFileTests {
    @Test func patternsAndKeyPathsFromAJSONFile() throws {
        let file = #"""
        {"rules": [
          {"name": "customer id", "label": "customer", "pattern": "CUST-[0-9]{6}"},
          {"name": "site contact", "label": "name", "key_path": "site.contact"},
          {"name": "ticket owner", "label": "owner", "pattern": "owner=(?<value>[a-z]+)"}
        ]}
        """#
        let rules = RedactionRules.builtIn.adding(try RuleFile.parse(Array(file.utf8)))
        let text = doc([userMsg("CUST-123456 and CUST-654321, owner=alice;"), runStart(),
                        stepDone(1, #""site":{"contact":"Kai Moana","code":"SYD"},"response":"Kai Moana confirmed CUST-123456""#),
                        dispatchStep(2)])
        let input = SessionInput(document: try parseJSON(text), kind: .session, source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        let out = Redactor(rules: rules).redact(input)
        let json = String(decoding: TranscriptJSON.encode(Replay.run(out)), as: UTF8.self)
        #expect(json.contains("[redacted customer 1] and [redacted customer 2], owner=[redacted owner 1];"))
        // A user label equal to a built-in kind shares its numbering.
        #expect(json.contains("[redacted name 1] confirmed [redacted customer 1]"))
        #expect(json.contains(#""code":"SYD""#))
        #expect(json.contains("Field engineer [redacted name 2] dispatched."))
        #expect(out.redaction?.entries.map { $0.rule }.contains("user:customer id") == true)
    }

    @Test func theYAMLFormReadsLikeTheJSONForm() throws {
        let yaml = """
        # customer data
        rules:
          - name: customer id   # shown in the report
            label: customer
            pattern: 'CUST-\\d{6}'
          - name: "site contact"
            label: name
            key_path: site.contact
          -
            name: it's quoted
            pattern: 'owner=(?<value>[a-z]+)'
            label: owner
        """
        let rules = try RuleFile.parse(Array(yaml.utf8))
        #expect(rules.map(\.id) == ["user:customer id", "user:site contact", "user:it's quoted"])
        #expect(rules.map(\.kind) == ["customer", "name", "owner"])
        let redactor = Redactor(rules: RedactionRules.builtIn.adding(rules))
        #expect(redactor.redactMessage("CUST-123456 owner=alice") == "[redacted customer] owner=[redacted owner]")
        // A bare list works too.
        #expect(try RuleFile.parse(Array("- pattern: x+y\n  label: xy\n".utf8)).map(\.kind) == ["xy"])
    }

    /// Full YAML through Yams: each file gives these rule ids, kinds and patterns.
    @Test(arguments: [
        // Anchors and aliases; a merge key shares fields between rules.
        ("""
         defaults: &cust {label: customer}
         other: &label other
         rules:
           - <<: *cust
             name: id
             pattern: 'CUST-\\d{6}'
           - name: also
             label: *label
             pattern: ACME-[0-9]+
         """, ["user:id:customer:CUST-\\d{6}", "user:also:other:ACME-[0-9]+"]),
        // Flow sequences and mappings.
        ("rules: [{name: a, pattern: 'x+y'}, {key_path: site.contact, label: name, name: b}]",
         ["user:a:value:x+y", "user:b:name:"]),
        // A literal block scalar keeps its newline only when asked to (|-).
        ("""
         rules:
           - name: lit
             pattern: |-
               CUST-[0-9]{6}
           - name: folded
             pattern: >-
               owner=(?<value>[a-z]+)
               ;
         """, ["user:lit:value:CUST-[0-9]{6}", "user:folded:value:owner=(?<value>[a-z]+) ;"]),
        // A bare list, a document marker and comments.
        ("--- # mine\n- pattern: x+y   # xy\n  label: xy\n", ["user:xy:xy:x+y"]),
    ])
    func fullYAML(_ file: String, _ expected: [String]) throws {
        let rules = try RuleFile.parse(Array(file.utf8))
        #expect(rules.map { "\($0.id):\($0.kind):\(Self.pattern($0))" } == expected)
    }

    static func pattern(_ rule: RedactionRule) -> String {
        if case .regex(let p) = rule.matcher { return p.source }
        return ""
    }

    @Test(arguments: [
        ("rules:\n  - pattern: x\n   label: y", "line 3: column 4: not valid YAML: did not find expected '-' indicator"),
        ("rules:\n\t- pattern: x", "line 2: column 1: not valid YAML"),
        ("rules:\n  - pattern: 'open", "not valid YAML: found unexpected end of stream"),
        ("pattern: x", "line 1: expected \"rules:\""),
        ("rules:\n  - label: x", "line 2: rule 1: give \"pattern\" or \"key_path\""),
        ("rules:\n  - label: x\n    pattern: 42", "line 3: rule 1: \"pattern\" must be a string, not a number"),
        ("rules:\n  - label: x\n    pattern: [a, b]", "line 3: rule 1: \"pattern\" must be a string, not a list"),
        ("rules:\n  - label: x\n    pattern: ~", "line 3: rule 1: \"pattern\" must be a string, not null"),
        ("rules:\n  - {pattern: a}\n  - {pattern: b, lable: x}", "line 3: rule 2: unknown field \"lable\""),
        ("rules:\n  - pattern: a\n    pattern: b", "line 2: column 5: not valid YAML: the key \"pattern\" appears twice"),
        ("rules:\n  - pattern: a\n    name: one\n  - pattern: b\n    name: one",
         "line 5: rule 2: the name \"one\" is already rule 1's"),
        ("rules:\n  - pattern: *nowhere", "line 2: column 14: not valid YAML: found undefined alias"),
    ])
    func brokenYAMLSaysWhichLine(_ file: String, _ message: String) {
        expectProblem(file, message)
    }

    /// Aliases make a small file stand for a huge document; such files are
    /// refused before anything walks them, and quickly.
    @Test(arguments: [
        (Self.billionLaughs(levels: 9, asKey: false), "its aliases expand it to more than 100000 values"),
        (Self.billionLaughs(levels: 30, asKey: false), "its aliases expand it to more than 100000 values"),
        (Self.billionLaughs(levels: 9, asKey: true), "line 11: a mapping key that is an alias"),
        ("a: &a [x]\n? [*a, *a]\n: y\nrules: []", "line 2: a mapping key that is an alias or a collection"),
        ("a: " + String(repeating: "[", count: 100_000), "line 1: nested deeper than 64 levels"),
        ("rules:\n" + String(repeating: "- ", count: 70) + "x", "line 2: nested deeper than 64 levels"),
        (Self.aliasChain(70), "nested deeper than 64 levels once its aliases are expanded"),
        (String(repeating: "# padding\n", count: 120_000), "larger than 1 MiB"),
    ])
    func aliasBombsAndDeepNestingAreRefused(_ file: String, _ message: String) {
        expectProblem(file, message)
    }

    /// l1 … lN, each a list holding the one before: shallow text, deep once expanded.
    static func aliasChain(_ n: Int) -> String {
        var lines = ["l0: &l0 [x]"]
        for i in 1...n { lines.append("l\(i): &l\(i) [*l\(i - 1)]") }
        return lines.joined(separator: "\n")
    }

    /// lol0 … lolN, each nine aliases of the one before ("billion laughs").
    static func billionLaughs(levels: Int, asKey: Bool) -> String {
        var lines = ["lol0: &lol0 \"lol\""]
        for n in 1...levels {
            lines.append("lol\(n): &lol\(n) [" + Array(repeating: "*lol\(n - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append(asKey ? "*lol\(levels) : x" : "rules: *lol\(levels)")
        return lines.joined(separator: "\n")
    }

    /// Harmless uses of the same characters are not mistaken for bombs.
    @Test func quotedTextAndBlockScalarsAreNotMistakenForKeys() throws {
        let file = """
        base: &b {label: ticket}
        rules:
          - <<: *b
            pattern: '[*]: x'
          - <<: *b
            name: block
            pattern: |-
              a? [*b]: c
        """
        #expect(try RuleFile.parse(Array(file.utf8)).map(\.id) == ["user:ticket", "user:block"])
    }

    func expectProblem(_ file: String, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try RuleFile.parse(Array(file.utf8))
            Issue.record("accepted \(file.prefix(200))", sourceLocation: sourceLocation)
            return
        } catch {
            #expect(error.description.contains(message), "\(error.description)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        ("{", "not valid JSON"),
        (#"{"rule": []}"#, "expected {\"rules\""),
        (#"[{"label": "x"}]"#, "rule 1: give \"pattern\" or \"key_path\""),
        (#"[{"pattern": "a", "key_path": "b"}]"#, "not both"),
        (#"[{"pattern": "(unclosed"}]"#, "not a valid regular expression"),
        (#"[{"pattern": "x*"}]"#, "matches the empty string"),
        (#"[{"key_path": "a..b"}]"#, "keys separated by dots"),
        (#"[{"pattern": "x", "label": "Bad]Label"}]"#, "\"label\" must be"),
        (#"[{"pattern": "x", "lable": "typo"}]"#, "unknown field \"lable\""),
        (#"[{"pattern": 3}]"#, "rule 1: \"pattern\" must be a string, not a number"),
        (#"[{"pattern": "a", "name": "n"}, {"pattern": "b", "name": "n"}]"#, "rule 2: the name \"n\" is already rule 1's"),
    ])
    func brokenFilesSayWhatIsWrong(_ file: String, _ message: String) {
        do {
            _ = try RuleFile.parse(Array(file.utf8))
            Issue.record("accepted \(file)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}

@Suite("Redaction: the README's rule files") struct ReadmeRuleFileTests {
    /// The ```json and ```yaml examples of README.md's Redaction section parse to the same kind of rules.
    @Test func theReadmeExamplesParse() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = text.components(separatedBy: "--redact-rules FILE").dropFirst().first ?? ""
        let blocks = section.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let yaml = try #require(blocks.first { $0.hasPrefix("yaml\n") }).dropFirst(5)
        let json = try #require(blocks.first { $0.hasPrefix("json\n") }).dropFirst(5)
        let fromYAML = try RuleFile.parse(Array(yaml.utf8))
        let fromJSON = try RuleFile.parse(Array(json.utf8))
        #expect(fromYAML.map(\.id) == ["user:customer id", "user:site contact", "user:ticket owner"])
        #expect(Set(fromYAML.map(\.id)) == Set(fromJSON.map(\.id)))
        #expect(fromYAML.map(\.kind) == ["customer", "name", "name"])
    }
}
