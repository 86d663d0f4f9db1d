import Foundation
import Testing

/// Runs the built `noc-report` binary as a user would.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: String {
        _ = scratchRoot
        for config in ["debug", "release"] {
            let path = root.appendingPathComponent(".build/\(config)/noc-report").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root.appendingPathComponent(".build/debug/noc-report").path
    }

    static func run(_ args: [String], stdin: Data? = nil) throws -> (code: Int32, out: String, err: String) {
        let r = try runProcess(binary, args, stdin: stdin, in: root)
        return (r.status, r.stdout, r.stderr)
    }

    /// One folder per test process for every `tempDir()`, removed when the
    /// process exits, so test runs do not pile folders up in /tmp.
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("noc-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: CLI.scratchRoot) }
        // Every child inherits it: the archive's stamp cache stays in the scratch folder, not ~/.cache.
        setenv("XDG_CACHE_HOME", url.appendingPathComponent("cache").path, 1)
        return url
    }()

    static func tempDir() -> URL {
        let url = scratchRoot.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("noc-report command line")
struct CLITests {
    @Test func renderingTheExamplesWritesThreeFilesPerSessionAndTheIndex() throws {
        let out = CLI.tempDir()
        let r = try CLI.run(["render", "examples", "-o", out.path])
        #expect(r.code == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 7 * 3 + 3)
        #expect(files.contains("index.html") && files.contains("index.md") && files.contains("index.json"))
        #expect(r.err.contains("7 rendered, 0 unchanged, 0 pruned"))
    }

    @Test func theSameInputGivesByteIdenticalFolders() throws {
        let a = CLI.tempDir(), b = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", a.path, "--jobs", "2"])
        _ = try CLI.run(["render", "examples", "-o", b.path, "--jobs", "1"])
        for name in try FileManager.default.contentsOfDirectory(atPath: a.path) {
            let x = try Data(contentsOf: a.appendingPathComponent(name))
            let y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(x == y, "\(name) differs between runs")
        }
    }

    @Test(arguments: [
        ("", Int32(2)),                                                     // empty file: nothing readable
        (#"[{"id":"a","status":"completed","event_log":[]}, {"id":"#, 1),    // truncated: the first is rendered
        (#"[{"id":"a","status":"completed","event_log":[]}]"#, 0),
        (#"{"sessions":[{"id":"s","step_count":3}]}"#, 2),                  // summary listing: refused
    ])
    func exitCodesSayWhetherEverythingWasRead(input: String, expected: Int32) throws {
        let r = try CLI.run(["transcript", "-"], stdin: Data(input.utf8))
        #expect(r.code == expected, "stderr: \(r.err)")
    }

    @Test func hostileIdsNeverEscapeTheOutputFolder() throws {
        let out = CLI.tempDir()
        let ids = ["../../evil", "/etc/passwd", ".hidden", "-rf", "CON", "index", "a/b", "ABC", "abc"]
        let docs = ids.map { #"{"id":"\#($0)","status":"completed","event_log":[]}"# }.joined(separator: ",")
        let input = out.appendingPathComponent("in.json")
        try Data("[\(docs)]".utf8).write(to: input)
        let target = out.appendingPathComponent("reports")
        let r = try CLI.run(["render", input.path, "-o", target.path, "--format", "json"])
        #expect(r.code == 0, "stderr: \(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: target.path)
        #expect(files.count == ids.count + 1, "one JSON per id and the manifest (no index pages without md/html): \(files)")
        for f in files {
            #expect(!f.hasPrefix(".") && !f.hasPrefix("-") && !f.contains("/"))
            if f == "index.json" { continue }
            #expect(f.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*\.json$"#, options: .regularExpression) != nil, "\(f)")
        }
        #expect(Set(files.map { $0.lowercased() }).count == files.count, "case-insensitive collision: \(files)")
        #expect(!FileManager.default.fileExists(atPath: out.deletingLastPathComponent().appendingPathComponent("evil.json").path))
    }
}
