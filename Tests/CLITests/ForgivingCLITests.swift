import Foundation
import Testing

/// Issue 19: the command line a new user meets (usage, typos, prefixes,
/// filters that match nothing, warnings cut at five).
@Suite("forgiving command line")
struct ForgivingCLITests {
    /// Four sessions abc-0…abc-3, two events without a type each (eight warnings).
    static func export() throws -> URL {
        let docs: [[String: Any]] = (0..<4).map { i in
            ["id": "abc-\(i)", "scenario": "bgp", "status": "completed", "created_at": "2026-01-1\(i)T10:00:00Z",
             "event_log": [["type": "x", "data": [:]], ["type": "y", "data": [:]]]]
        }
        let url = CLI.tempDir().appendingPathComponent("w.json")
        try JSONSerialization.data(withJSONObject: docs).write(to: url)
        return url
    }

    @Test func bareNocReportPrintsUsageAndRendersNothing() throws {
        let dir = CLI.tempDir()
        let r = try runProcess(CLI.binary, [], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("noc-report render export.json -o reports"))
        #expect(r.stdout.contains("noc-report summary") && r.stdout.contains("noc-report validate"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test(arguments: [("rendr", "render"), ("sumary", "summary"), ("valdiate", "validate"), ("transcirpt", "transcript")])
    func aMistypedCommandGetsASuggestionAndExit2(typo: String, command: String) throws {
        let r = try runProcess(CLI.binary, [typo, "x"], in: CLI.tempDir())
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean `\(command)`?"))
    }

    @Test func anExistingPathIsNeverTakenForATypo() throws {
        let dir = CLI.tempDir()
        try Data("[]".utf8).write(to: dir.appendingPathComponent("rendr"))
        let r = try runProcess(CLI.binary, ["rendr", "-o", "o"], in: dir)
        #expect(!r.stderr.contains("did you mean"))
    }

    @Test func aUniquePrefixOfAnIdSelectsThatSession() throws {
        let r = try CLI.run(["render", "examples", "--session", "01f63b7b", "-o", "-", "--format", "json"])
        #expect(r.code == 0)
        #expect(r.out.contains("01f63b7b-f6f1-4a84-a68d-fc8c5dd550e6"))
    }

    @Test func anAmbiguousPrefixListsTheCandidatesAndExits2() throws {
        let r = try CLI.run(["render", try Self.export().path, "--session", "abc", "-o", CLI.tempDir().path])
        #expect(r.code == 2)
        #expect(r.err.contains("abc-0, abc-1, abc-2, abc-3"))
    }

    @Test func aFilterMatchingNothingSaysWhatExistsAndLeavesTheIndex() throws {
        let input = try Self.export().path
        let out = CLI.tempDir()
        // Other formats first: the filtered run then re-renders (not "unchanged").
        _ = try CLI.run(["render", input, "-o", out.path, "-q", "--format", "html,md"])
        let index = out.appendingPathComponent("index.html")
        let before = try Data(contentsOf: index)
        let r = try CLI.run(["render", input, "--scenario", "nope", "-o", out.path])
        #expect(r.code == 1)
        #expect(r.err.contains("scenarios bgp (4)"))
        #expect(r.err.contains("outcomes completed (4)"))
        #expect(r.err.contains("created 2026-01-10 to 2026-01-13"))
        #expect(try Data(contentsOf: index) == before)
    }

    @Test func theFirstFiveWarningsArePrintedThenACount() throws {
        let r = try CLI.run(["render", try Self.export().path, "-o", CLI.tempDir().path])
        let lines = r.err.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.contains("(session abc-") && $0.contains("Data integrity") })
        #expect(r.err.contains("8 warnings"))
        #expect(r.err.contains("… 3 more warnings (-v shows all, validate lists them)"))
        let all = try CLI.run(["render", try Self.export().path, "-v", "-o", CLI.tempDir().path])
        #expect(all.err.split(separator: "\n").filter { $0.hasPrefix("warning: ") }.count == 8)
    }

    @Test(arguments: ["render", "transcript", "summary"])
    func everyCommandCountsWarningsAlike(command: String) throws {
        var args = [command, try Self.export().path]
        if command == "render" { args += ["-o", CLI.tempDir().path] }
        let r = try CLI.run(args)
        #expect(r.err.contains(", 8 warnings"), "\(command): \(r.err)")
    }
}
