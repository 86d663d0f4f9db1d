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
