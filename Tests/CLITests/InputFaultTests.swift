import Foundation
import Testing

/// Issue 15, the input side: operating-system limits and inputs that change
/// or misbehave while they are read. Each test is named after the behaviour.
@Suite("fault: input")
struct InputFaultTests {
    static func session(_ id: String) -> String {
        #"{"id":"\#(id)","_docType":"session","status":"completed","alert_text":"a","event_log":[{"event":"user_message","data":"{\"text\":\"a\"}","turn":0},{"event":"message","data":"{\"text\":\"done\"}"}]}"#
    }

    static func sh(_ script: String) throws -> (code: Int32, out: String, err: String) {
        let r = try runProcess("/bin/sh", ["-c", script], in: CLI.root)
        return (r.status, r.stdout, r.stderr)
    }

    @Test func manySmallFilesAllRenderUnderALowDescriptorLimit() throws {
        let dir = CLI.tempDir(), input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let count = 3_000
        for i in 0..<count {
            try Data(Self.session("s\(i)").utf8).write(to: input.appendingPathComponent("s\(i).json"))
        }
        // Hard limit 256 too, so raising the soft limit cannot help.
        let r = try Self.sh("ulimit -n 256 && ulimit -Hn 256 && '\(CLI.binary)' transcript '\(input.path)' | wc -l")
        #expect(r.code == 0, "stderr: \(r.err.prefix(500))")
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(count)")
        #expect(!r.err.contains("Too many open files"))
    }

    @Test func aDocumentNested100000DeepIsRejectedAloneAndItsNeighbourRenders() throws {
        let dir = CLI.tempDir(), file = dir.appendingPathComponent("deep.json")
        let deep = #"{"id":"deep","status":"completed","event_log":[],"x":"# + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}"
        try Data("[\(deep),\n\(Self.session("good"))]".utf8).write(to: file)
        let r = try CLI.run(["transcript", file.path])
        #expect(r.code == 1, "stderr: \(r.err)")
        #expect(r.out.contains(#""id":"good""#))
        #expect(r.err.contains("document 0 nests deeper than 512 levels"))
        #expect(r.err.contains("deep.json"))
        #expect(!r.err.contains("nothing could be read"))
    }

    @Test func aFileRewrittenInPlaceWhileReadIsOneFileChanged() throws {
        let dir = CLI.tempDir(), file = dir.appendingPathComponent("big.json")
        let docs = (0..<20_000).map { Self.session("id\($0)") }.joined(separator: ",\n")
        try Data("[\(docs)]".utf8).write(to: file)
        let other = dir.appendingPathComponent("other.json")
        try Data(Self.session("other").utf8).write(to: other)
        // Rewrite the same inode with other bytes while the run reads it.
        let r = try Self.sh("""
            '\(CLI.binary)' transcript --jobs 1 '\(other.path)' '\(file.path)' > '\(dir.path)/out' 2> '\(dir.path)/err' &
            pid=$!; sleep 0.3; python3 -c "
            import sys; f=open(sys.argv[1],'r+b'); d=f.read(); f.seek(0); f.write(d.replace(b'id', b'ID'))" '\(file.path)'
            wait $pid; echo "exit $?"; cat '\(dir.path)/err'
            """)
        let changed = r.out.components(separatedBy: "file_changed").count - 1
            + r.out.components(separatedBy: "the file changed").count - 1
        #expect(!r.out.contains("not valid JSON"), "\(r.out.prefix(800))")
        #expect(!r.out.contains("exit 135"), "no SIGBUS")
        #expect(changed <= 1, "\(r.out.prefix(800))")
        let out = try String(contentsOf: dir.appendingPathComponent("out"), encoding: .utf8)
        #expect(out.contains(#""id":"other""#))
    }

    @Test func standardInputIsSpooledUnderTMPDIRAndRemoved() throws {
        let tmp = CLI.tempDir()
        let r = try Self.sh("printf '%s' '\(Self.session("piped"))' | TMPDIR='\(tmp.path)' '\(CLI.binary)' transcript -")
        #expect(r.out.contains(#""id":"piped""#), "\(r.out.prefix(300)) \(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty, "spool file left behind")
        let missing = try Self.sh("printf '%s' '\(Self.session("piped"))' | TMPDIR=/nonexistent-dir-\(UUID().uuidString) '\(CLI.binary)' transcript -")
        #expect(missing.code != 0 && missing.err.contains("nonexistent-dir"), "TMPDIR is used: \(missing.err)")
    }

    @Test(arguments: [
        (["transcript", "--jobs", "-1", "examples"], "--jobs must be at least 1 (got -1)"),
        (["transcript"], "no input given"),
        (["render"], "no input given"),
    ])
    func inputMistakesSayWhatIsWrong(args: [String], message: String) throws {
        let r = try CLI.run(args)
        #expect(r.code != 0)
        #expect(r.err.contains(message), "stderr: \(r.err)")
        #expect(!r.err.contains("Missing value") && !r.err.contains("examples: cannot be read"))
    }

    @Test func aClosedStandardInputIsNotCalledEmpty() throws {
        let r = try Self.sh("'\(CLI.binary)' transcript - <&-")
        #expect(r.code != 0)
        #expect(r.err.contains("standard input is closed"), "stderr: \(r.err)")
        #expect(!r.err.contains("is empty"))
    }

    @Test func nothingFoundIsNotSuccess() throws {
        let dir = CLI.tempDir()
        let listing = dir.appendingPathComponent("listing.json")
        try Data(#"{"sessions": "not a list"}"#.utf8).write(to: listing)
        let r = try CLI.run(["transcript", listing.path])
        #expect(r.code != 0)
        #expect(r.err.contains(#""sessions" field is not a list"#), "stderr: \(r.err)")
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let e = try CLI.run(["transcript", empty.path])
        #expect(e.code != 0)
        #expect(e.err.contains("holds no .json"), "stderr: \(e.err)")
    }

    @Test(arguments: ["1000", "9223372036854775807"])
    func hugeLimitsNeitherOverflowNorMultiplyThreads(value: String) throws {
        let r = try CLI.run(["transcript", "examples", "--max-document-size", value, "--jobs", value == "1000" ? "1000" : "2"])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(!r.err.contains("-1 MiB"))
    }

    /// Case 7: the first pass reads a memory map; a file truncated under it
    /// must be one `file_changed`, not SIGBUS, and the other inputs go on.
    @Test func anInputTruncatedWhileScannedIsFileChangedNotSIGBUS() throws {
        let dir = CLI.tempDir(), big = dir.appendingPathComponent("big.json")
        let other = dir.appendingPathComponent("a-other.json")
        try Data(Self.session("other").utf8).write(to: other)
        // About 60 MB of dense arrays: slow enough to scan that the watcher
        // below sees the map and truncates the file while it is being read.
        let pad = "[" + String(repeating: "0,", count: 200_000) + "0]"
        let docs = (0..<150).map { #"{"id":"b\#($0)","_docType":"session","status":"completed","event_log":[],"pad":"# + pad + "}" }
        try Data(("[" + docs.joined(separator: ",\n") + "]").utf8).write(to: big)
        let r = try Self.sh("""
            '\(CLI.binary)' transcript --jobs 1 '\(other.path)' '\(big.path)' > '\(dir.path)/out' 2> '\(dir.path)/err' &
            pid=$!
            python3 -c "
            import os, sys, time
            pid, path = sys.argv[1], sys.argv[2]
            while True:
                try:
                    maps = open('/proc/%s/maps' % pid).read()
                except OSError:
                    print('exited before the map'); break
                if path in maps:
                    os.truncate(path, 1000); print('truncated while mapped'); break
                time.sleep(0.0005)
            " $pid '\(big.path)'
            wait $pid; echo "exit $?"
            """)
        let err = (try? String(contentsOf: dir.appendingPathComponent("err"), encoding: .utf8)) ?? ""
        let out = (try? String(contentsOf: dir.appendingPathComponent("out"), encoding: .utf8)) ?? ""
        #expect(r.out.contains("truncated while mapped"), "the truncation came too late to test the map: \(r.out)")
        #expect(r.out.contains("exit 1"), "\(r.out) \(err.prefix(800))")
        #expect(err.contains("file_changed") || err.contains("the file changed"), "\(err.prefix(800))")
        #expect(err.components(separatedBy: "the file changed").count - 1 == 1, "\(err.prefix(800))")
        #expect(out.contains(#""id":"other""#), "the other input's session was not rendered")
    }
}
