import Foundation
import Testing

/// Issue 15 case 9 from the command line: catastrophic `--redact-rules`
/// patterns finish, are named once, and leak nothing.
@Suite("fault: rule patterns")
struct RulePatternFaultTests {
    /// `timeout` turns a hang into a failure instead of a stuck suite.
    static func sh(_ script: String) throws -> (code: Int32, out: String, err: String) {
        let r = try runProcess("/bin/sh", ["-c", script], in: CLI.root)
        return (r.status, r.stdout, r.stderr)
    }

    @Test(arguments: [
        ("alert", #"(a+)+$"#, "transcript"),
        ("corp", #"(\\w+\\s?)+@corp"#, "transcript"),
        ("corp", #"(\\w+\\s?)+@corp"#, "render"),
    ])
    func aCatastrophicPatternNeverHangsTheRunAndIsNamedOnce(name: String, pattern: String, command: String) throws {
        let dir = CLI.tempDir()
        let rules = dir.appendingPathComponent("rules.json")
        try Data(#"{"rules":[{"name":"\#(name)","label":"x","pattern":"\#(pattern)"}]}"#.utf8).write(to: rules)
        let alert = String(repeating: "a", count: 25) + "!"
        try Data(#"{"id":"slow-alert","status":"completed","alert_text":"\#(alert)","event_log":[]}"#.utf8)
            .write(to: dir.appendingPathComponent("alert.json"))
        let out = command == "render" ? "-o '\(dir.path)/out'" : "> '\(dir.path)/stdout'"
        let r = try Self.sh("timeout 300 '\(CLI.binary)' \(command) examples '\(dir.path)/alert.json' --redact-rules '\(rules.path)' \(out)")
        #expect(r.code != 124, "the run hung")
        #expect(r.code == 0, "stderr: \(r.err.prefix(600))")
        let said = r.err.components(separatedBy: "redaction rule user:\(name) ran out of its step budget").count - 1
        #expect(said == 1, "\(r.err.prefix(600))")
        if command == "transcript" {
            let json = try String(contentsOf: dir.appendingPathComponent("stdout"), encoding: .utf8)
            #expect(!json.contains(alert), "a field the pattern could not finish is never shown")
        }
    }
}
