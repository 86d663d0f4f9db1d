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

    @Test(arguments: [
        ("rules:\n\t- pattern: x", "line 2: tabs cannot indent"),
        ("rules:\n  - pattern: [a, b]", "line 2: this YAML construct is not supported"),
        ("rules:\n  - pattern: 'open", "line 2: the quoted value does not end"),
        ("pattern: x", "line 1: expected \"rules:\" or a list item"),
        ("rules:\n  - pattern: \"\\d\"", "escape JSON does not know"),
        ("rules:\n  - label: x", "rule 1: give \"pattern\" or \"key_path\""),
    ])
    func brokenYAMLSaysWhichLine(_ file: String, _ message: String) {
        do {
            _ = try RuleFile.parse(Array(file.utf8))
            Issue.record("accepted \(file)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
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
        (#"[{"pattern": 3}]"#, "\"pattern\" must be a string"),
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
