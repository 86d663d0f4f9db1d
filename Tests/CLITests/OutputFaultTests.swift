import Foundation
import Testing

/// Issue 15 cases 6 and 12: standard streams and output folders that fail.
@Suite("output faults", .serialized)
struct OutputFaultTests {
    /// Runs the binary through the shell, for redirections such as `>/dev/full`.
    static func sh(_ script: String) throws -> (code: Int32, out: String, err: String) {
        let r = try runProcess("/bin/sh", ["-c", script.replacingOccurrences(of: "BIN", with: "'\(CLI.binary)'")], in: CLI.root)
        return (r.status, r.stdout, r.stderr)
    }

    @Test(arguments: ["transcript examples", "summary examples", "validate examples"])
    func aFullStandardOutputIsReportedOnceWithExit2(command: String) throws {
        let r = try Self.sh("BIN \(command) >/dev/full")
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.components(separatedBy: "cannot write to standard output").count == 2, "once: \(r.err)")
    }

    @Test func aClosedStandardOutputIsAnErrorNotACrash() throws {
        let r = try Self.sh("BIN transcript examples >&-")
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("cannot write to standard output"))
    }

    @Test func aReportOnAFullStandardOutputIsNotSuccess() throws {
        let r = try Self.sh("BIN render examples --session 447709be-1a2f-4bd3-8cdc-17f79652958a -o - >/dev/full")
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("cannot write to standard output"), "\(r.err)")
    }

    @Test func aFailingStandardErrorNeverStopsTheWork() throws {
        let out = CLI.tempDir()
        let r = try Self.sh("BIN render examples -o '\(out.path)' 2>/dev/full")
        #expect(r.code == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.json").path))
    }

    @Test func anUnwritableOutputStopsBeforeReadingWithOneMessage() throws {
        let out = CLI.tempDir()
        guard (try? Self.sh("chattr +i '\(out.path)'"))?.code == 0 else { return }  // needs root and chattr
        defer { _ = try? Self.sh("chattr -i '\(out.path)'") }
        let r = try CLI.run(["render", "examples", "-o", out.path])
        #expect(r.code == 2)
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(r.err.contains("nothing was read or written"))
    }

    @Test func aFullDiskStopsTheRunWithOneMessageAndNoTemporaryFiles() throws {
        let out = CLI.tempDir()
        guard (try? Self.sh("mount -t tmpfs -o size=64k tmpfs '\(out.path)'"))?.code == 0 else { return }  // needs root
        defer { _ = try? Self.sh("umount '\(out.path)'") }
        let r = try CLI.run(["render", "examples", "-o", out.path])
        #expect(r.code == 2, "\(r.err)")
        let lines = r.err.split(separator: "\n").filter { $0.contains("No space left on device") }
        #expect(lines.count == 1, "\(r.err)")
        #expect(lines.first?.contains("report file") == true)
        #expect(!r.err.contains("→"), "the closing line names no file: \(r.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains { $0.hasPrefix(".noc-report-tmp-") }, "\(names)")
    }

    /// A report that cannot be put in place (a folder stands at its name) is
    /// an output problem of that session, with its own code, not an input one.
    @Test func aReportThatCannotBeWrittenHasItsOwnCodeAndExit1() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let name = "01f63b7b-f6f1-4a84-a68d-fc8c5dd550e6.md"
        let report = out.appendingPathComponent(name)
        try FileManager.default.removeItem(at: report)
        try FileManager.default.createDirectory(at: report.appendingPathComponent("x"), withIntermediateDirectories: true)
        let r = try CLI.run(["render", "examples", "-o", out.path, "--force"])
        #expect(r.code == 1, "\(r.err)")
        let lines = r.err.split(separator: "\n").filter { $0.contains("[report_write_failed]") }
        #expect(lines.count == 1, "\(r.err)")
        #expect(lines.first?.hasPrefix("error: examples/noc-export.json: document 2 (byte 83933) (session 01f63b7b-f6f1-4a84-a68d-fc8c5dd550e6): [report_write_failed] \(out.path)/\(name): cannot write: Is a directory; ") == true, "\(r.err)")
        #expect(r.err.contains("1 skipped"), "\(r.err)")
    }

    /// An immutable report (`chattr +i`): every later write would fail too,
    /// so the run stops (output_stopped) with exit 2 and one message.
    @Test func anImmutableReportStopsTheRunWithExit2() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let report = out.appendingPathComponent("01f63b7b-f6f1-4a84-a68d-fc8c5dd550e6.html")
        guard (try? Self.sh("chattr +i '\(report.path)'"))?.code == 0 else { return }  // needs root and chattr
        defer { _ = try? Self.sh("chattr -i '\(report.path)'") }
        let r = try CLI.run(["render", "examples", "-o", out.path, "--force"])
        #expect(r.code == 2, "\(r.err)")
        let lines = r.err.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(lines.count == 1, "\(r.err)")
        #expect(lines.first?.contains("\(report.path): cannot write: Operation not permitted: stopped; ") == true, "\(r.err)")
    }

    @Test func aFileSizeLimitIsReportedNotASilentKill() throws {
        let out = CLI.tempDir()
        let r = try Self.sh("ulimit -f 8; BIN render examples -o '\(out.path)'")
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("File too large"), "\(r.err)")
    }
}
