import Foundation
import Testing

/// Issue 15, cases 2, 10 and 11: bounded descriptors and bounded memory on
/// the input side. Memory is the child's peak resident set (`ru_maxrss`,
/// read by a Python wrapper), compared with a bound or a second run, never
/// a time.
@Suite("fault: input limits")
struct InputLimitFaultTests {
    static func session(_ id: String, text: String = "a") -> String {
        #"{"id":"\#(id)","_docType":"session","status":"completed","alert_text":"\#(text)","event_log":[{"event":"user_message","data":"{\"text\":\"a\"}","turn":0},{"event":"run_start","data":"{}"},{"event":"message","data":"{\"text\":\"done\"}"}]}"#
    }

    /// Peak resident KiB of `noc-report args` (its output thrown away) and its exit status.
    static func peakKiB(_ args: [String], shellPrefix: String = "") throws -> (kib: Int, code: Int32) {
        let quoted = ([CLI.binary] + args).map { "'\($0)'" }.joined(separator: " ")
        let script = """
            \(shellPrefix) python3 -c "
            import resource, subprocess, sys
            code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
            " \(quoted)
            """
        let r = try runProcess("/bin/sh", ["-c", script], in: CLI.root)
        let parts = r.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 2, let kib = Int(parts[0]), let code = Int32(parts[1]) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: ["output": r.stdout + r.stderr])
        }
        return (kib, code)
    }

    /// Case 11: whitespace between documents is passed, not kept resident.
    @Test func aLargeGapBetweenTwoDocumentsDoesNotBecomeResident() throws {
        let dir = CLI.tempDir(), file = dir.appendingPathComponent("gap.json")
        let gap = 400 << 20
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data("[\(Self.session("before")),".utf8))
        let spaces = Data(repeating: 0x20, count: 8 << 20)
        for _ in 0..<(gap / spaces.count) { try handle.write(contentsOf: spaces) }
        try handle.write(contentsOf: Data("\(Self.session("after"))]".utf8))
        try handle.close()
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try Self.peakKiB(["transcript", "--jobs", "1", file.path])
        #expect(r.code == 0)
        // Before: the whole gap (400 MiB) was resident at once.
        #expect(r.kib < 150 << 10, "peak \(r.kib) KiB for a 400 MiB gap")
    }

    /// Case 11: threads are capped by cores, and results in flight by threads.
    @Test func aThousandJobsCostAboutWhatTwoJobsCost() throws {
        let dir = CLI.tempDir(), file = dir.appendingPathComponent("many.json")
        let text = String(repeating: "x", count: 20_000)
        try Data(("[" + (0..<400).map { Self.session("s\($0)", text: text) }.joined(separator: ",\n") + "]").utf8).write(to: file)
        let two = try Self.peakKiB(["transcript", "--jobs", "2", file.path])
        let thousand = try Self.peakKiB(["transcript", "--jobs", "1000", file.path])
        #expect(two.code == 0 && thousand.code == 0)
        #expect(thousand.kib < two.kib + (16 << 10), "--jobs 1000: \(thousand.kib) KiB, --jobs 2: \(two.kib) KiB")
    }

    /// Case 11: under an address-space limit that refuses the memory map, the
    /// run reports the file instead of aborting, and reads the others.
    @Test func aFileThatCannotBeMappedIsReportedNotACrash() throws {
        let dir = CLI.tempDir(), big = dir.appendingPathComponent("b-big.json")
        let small = dir.appendingPathComponent("a-small.json")
        try Data(Self.session("small").utf8).write(to: small)
        // A 3 GiB sparse file: never read, only mapped (or refused).
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        defer { try? FileManager.default.removeItem(at: big) }
        let r = try runProcess("/bin/sh", ["-c", "ulimit -v 2097152 && '\(CLI.binary)' transcript --jobs 1 '\(small.path)' '\(big.path)'"], in: CLI.root)
        #expect(r.status == 1, "exit \(r.status): \(r.stderr.suffix(600))")
        #expect(r.stdout.contains(#""id":"small""#))
        #expect(r.stderr.contains("cannot be mapped"), "\(r.stderr.suffix(600))")
    }

    /// Case 10: the catalogue costs a few hundred bytes per session at most
    /// (it was about 1.1 KB): 60,000 sessions over 2 cost well under 60 MiB more.
    @Test func memoryPerSessionIsSmall() throws {
        let dir = CLI.tempDir()
        let tool = CLI.root.appendingPathComponent("tools/gen-small-sessions.py").path
        for count in [2, 60_000] {
            _ = try runProcess("/bin/sh", ["-c", "python3 '\(tool)' \(count) > '\(dir.path)/s\(count).json'"])
        }
        let few = try Self.peakKiB(["transcript", "-q", "\(dir.path)/s2.json"])
        let many = try Self.peakKiB(["transcript", "-q", "\(dir.path)/s60000.json"])
        #expect(few.code == 0 && many.code == 0)
        // 60,000 × 1.1 KB was 64 MiB; the file's own mapped pages (at most
        // 16 MiB resident at once) are counted too.
        #expect(many.kib - few.kib < 48 << 10, "2 sessions: \(few.kib) KiB, 60,000: \(many.kib) KiB")
    }

    /// Case 2: descriptors stay bounded and the worker pool exists before any
    /// input is opened, with one large file (scanned on all cores) among them.
    @Test func twentyThousandFilesAndALargeOneAllRenderUnderUlimit256() throws {
        let dir = CLI.tempDir(), input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let count = 20_000
        for i in 0..<count {
            try Data(Self.session("s\(i)").utf8).write(to: input.appendingPathComponent(String(format: "s%05d.json", i)))
        }
        // Over the 32 MiB threshold of the parallel first pass.
        let text = String(repeating: "y", count: 9 << 20)
        try Data(("[" + (0..<4).map { Self.session("big\($0)", text: text) }.joined(separator: ",\n") + "]").utf8)
            .write(to: input.appendingPathComponent("zz-large.json"))
        let r = try runProcess("/bin/sh", ["-c", "ulimit -n 256 && ulimit -Hn 256 && '\(CLI.binary)' transcript --jobs 2 '\(input.path)' | wc -l"], in: CLI.root)
        #expect(r.status == 0, "stderr: \(r.stderr.prefix(500))")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(count + 4)")
        #expect(!r.stderr.contains("Too many open files"))
    }
}
