import Foundation
import Testing

/// `--redact-rules` with a YAML file, through the binary: full YAML works,
/// and a broken file is named with its line and rule.
@Suite("noc-report --redact-rules, YAML")
struct YAMLRulesCLITests {
    @Test(arguments: [
        // (rule file, exit status, what stdout or stderr must hold)
        ("base: &c {label: customer}\nrules:\n  - <<: *c\n    pattern: >-\n      CUST-[0-9]{6}\n", 0, "[redacted customer 1] down"),
        ("rules: [{label: customer, pattern: 'CUST-\\d{6}'}]\n", 0, "[redacted customer 1] down"),
        ("rules:\n  - label: customer\n    pattern: 123456\n", 2, ": line 3: rule 1: \"pattern\" must be a string, not a number"),
        ("rules:\n  - label: customer\n   pattern: x\n", 2, ": line 3: column 4: not valid YAML"),
    ])
    func aYAMLRuleFile(_ file: String, _ status: Int32, _ expected: String) throws {
        let dir = CLI.tempDir()
        let rules = dir.appendingPathComponent("rules.yaml")
        try Data(file.utf8).write(to: rules)
        let input = dir.appendingPathComponent("in.json")
        try Data(#"{"id":"s","status":"completed","alert_text":"CUST-123456 down","event_log":[]}"#.utf8).write(to: input)
        let r = try CLI.run(["transcript", input.path, "--redact-rules", rules.path])
        #expect(r.code == status, "stderr: \(r.err)")
        if status == 0 {
            #expect(r.out.contains(expected) && !r.out.contains("CUST-123456"), "\(r.out.prefix(400))")
        } else {
            #expect(r.err.contains("--redact-rules \(rules.path)\(expected)"), "\(r.err)")
        }
    }
}
