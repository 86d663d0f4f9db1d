import Foundation
import Testing

/// Issue 20 and issue 15 cases 1, 4, 5, 17: an archive folder that stays whole.
@Suite("archive folder")
struct ArchiveTests {
    static func files(_ dir: URL) throws -> [String: Data] {
        var d: [String: Data] = [:]
        for n in try FileManager.default.contentsOfDirectory(atPath: dir.path) { d[n] = try Data(contentsOf: dir.appendingPathComponent(n)) }
        return d
    }

    static func manifest(_ dir: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("index.json"))) as? [String: Any] ?? [:]
    }

    static func sessionsListed(_ dir: URL) throws -> Int { (try manifest(dir)["entries"] as? [Any])?.count ?? -1 }

    @Test func aSecondRunOnTheSameInputRendersNothingAndLeavesEveryFileAsItWas() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let before = try Self.files(out)
        let r = try CLI.run(["render", "examples", "-o", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("0 rendered, 7 unchanged, 0 pruned"), "\(r.err)")
        #expect(try Self.files(out) == before)
        let f = try CLI.run(["render", "examples", "-o", out.path, "--force"])
        #expect(f.err.contains("7 rendered, 0 unchanged"), "\(f.err)")
    }

    @Test func aRunOverOneSessionOrOneOutcomeKeepsEveryEarlierReportListed() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let id = try #require((try Self.manifest(out)["entries"] as? [[String: Any]])?.first?["session"] as? [String: Any])["id"] as? String
        // A new title changes the index, so this run rewrites it.
        let r = try CLI.run(["render", "examples", "-o", out.path, "--session", try #require(id), "--force", "--title", "T"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.sessionsListed(out) == 7)
        let md = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(md.contains("7 sessions (1 rendered in this run)"), "\(md.prefix(300))")
        #expect(md.contains("--session \(id!)"))
        _ = try CLI.run(["render", "examples", "-o", out.path, "--outcome", "failed", "--force", "--title", "U"])
        #expect(try Self.sessionsListed(out) == 7)
    }

    @Test func pruneRemovesExactlyTheSessionsNoLongerInTheInput() throws {
        let out = CLI.tempDir(), input = CLI.tempDir()
        let docs = (1...4).map { #"{"id":"s\#($0)","status":"completed","created_at":"2026-01-0\#($0)T00:00:00Z","event_log":[]}"# }
        try Data("[\(docs.joined(separator: ","))]".utf8).write(to: input.appendingPathComponent("a.json"))
        _ = try CLI.run(["render", input.path, "-o", out.path])
        try Data("[\(docs.prefix(2).joined(separator: ","))]".utf8).write(to: input.appendingPathComponent("a.json"))
        let kept = try CLI.run(["render", input.path, "-o", out.path])
        #expect(try Self.sessionsListed(out) == 4, "without --prune nothing is removed: \(kept.err)")
        let r = try CLI.run(["render", input.path, "-o", out.path, "--prune"])
        #expect(r.err.contains("0 rendered, 2 unchanged, 2 pruned"), "\(r.err)")
        #expect(try Self.sessionsListed(out) == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains { $0.hasPrefix("s3.") || $0.hasPrefix("s4.") }, "\(names)")
        #expect(names.contains("s1.md") && names.contains("s2.html"))
    }

    @Test func theOutputFolderInsideTheInputIsNotReadBack() throws {
        let input = CLI.tempDir()
        for f in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("examples").path) where f.hasSuffix(".json") {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/\(f)"), to: input.appendingPathComponent(f))
        }
        let out = input.appendingPathComponent("out")
        _ = try CLI.run(["render", input.path, "-o", out.path])
        let r = try CLI.run(["render", input.path, "-o", out.path, "--force"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("7 rendered"), "\(r.err)")
        #expect(r.err.components(separatedBy: "is the output folder").count == 2, "said once: \(r.err)")
        #expect(!r.err.contains("duplicate"))
    }

    @Test func aFileTheToolDidNotWriteIsNeverOverwritten() throws {
        let out = CLI.tempDir(), input = CLI.tempDir()
        try Data(#"[{"id":"mine","status":"completed","event_log":[]}]"#.utf8).write(to: input.appendingPathComponent("a.json"))
        try Data("my notes".utf8).write(to: out.appendingPathComponent("mine.md"))
        let r = try CLI.run(["render", input.path, "-o", out.path])
        #expect(r.code != 0)
        #expect(r.err.contains("mine.md exists and was not written by noc-report"), "\(r.err)")
        #expect(try String(contentsOf: out.appendingPathComponent("mine.md"), encoding: .utf8) == "my notes")
    }

    @Test func anotherRunsTemporaryFileAndAUsersLookalikeAreLeftAlone() throws {
        let out = CLI.tempDir()
        let user = out.appendingPathComponent(".noc-report-tmp-my-draft.txt")
        try Data("draft".utf8).write(to: user)
        // A live run holds the folder's lock: its fresh temporary file is not stale.
        let live = out.appendingPathComponent(".noc-report-tmp-1-0123456789abcdef-x.md")
        try Data("half".utf8).write(to: live)
        let fd = open(out.path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_SH) == 0)
        _ = try CLI.run(["render", "examples", "-o", out.path])
        #expect(FileManager.default.fileExists(atPath: user.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        flock(fd, LOCK_UN)
        _ = try CLI.run(["render", "examples", "-o", out.path])
        #expect(!FileManager.default.fileExists(atPath: live.path), "with no run alive, a leftover is removed")
        #expect(FileManager.default.fileExists(atPath: user.path))
    }

    @Test func indexRefusesAShardFileFromAnotherInputAndNamesIt() throws {
        let out = CLI.tempDir(), other = CLI.tempDir(), input = CLI.tempDir()
        try Data(#"[{"id":"z1","status":"completed","event_log":[]},{"id":"z2","status":"failed","event_log":[]}]"#.utf8)
            .write(to: input.appendingPathComponent("b.json"))
        _ = try CLI.run(["render", "examples", "--shard", "1/2", "-o", out.path])
        _ = try CLI.run(["render", input.path, "--shard", "2/2", "-o", other.path])
        try FileManager.default.copyItem(at: other.appendingPathComponent("index-shard-2-of-2.json"), to: out.appendingPathComponent("index-shard-2-of-2.json"))
        let r = try CLI.run(["index", out.path])
        #expect(r.code != 0)
        #expect(r.err.contains("index-shard-2-of-2.json comes from a run over a different input"), "\(r.err)")
    }

    @Test func aDanglingSymlinkOutputSaysWhereItPoints() throws {
        let dir = CLI.tempDir()
        let link = dir.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: dir.appendingPathComponent("gone").path)
        let r = try CLI.run(["render", "examples", "-o", link.path])
        #expect(r.code == 2)
        #expect(r.err.contains("symbolic link to") && r.err.contains("which does not exist"), "\(r.err)")
    }
}
