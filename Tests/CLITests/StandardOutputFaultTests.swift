import Foundation
import Testing

/// Issue 15 case 6, every command that writes standard output against
/// every way it can fail: full, closed, and a reader gone with SIGPIPE
/// ignored (so the write returns EPIPE instead of killing the process).
@Suite("fault: standard output")
struct StandardOutputFaultTests {
    static let commands = [
        "transcript examples", "summary examples", "validate examples",
        "render examples --session 447709be-1a2f-4bd3-8cdc-17f79652958a -o -",
    ]

    static func sh(_ script: String) throws -> (code: Int32, out: String, err: String) {
        let r = try runProcess("/bin/sh", ["-c", script], in: CLI.root)
        return (r.status, r.stdout, r.stderr)
    }

    @Test(arguments: commands, [">/dev/full", ">&-"])
    func aFullOrClosedStandardOutputIsOneErrorAndExit2(command: String, redirect: String) throws {
        let r = try Self.sh("'\(CLI.binary)' \(command) \(redirect)")
        #expect(r.code == 2, "\(r.code): \(r.err.prefix(400))")
        #expect(r.err.components(separatedBy: "cannot write to standard output").count == 2, "once: \(r.err.prefix(400))")
        #expect(!r.err.contains("Fatal error") && !r.err.contains("Stack dump"), "no crash")
    }

    /// The reader exits first; the tool starts writing 0.3 s later.
    @Test(arguments: commands)
    func aClosedPipeWithSIGPIPEIgnoredEndsQuietlyWith141(command: String) throws {
        let r = try Self.sh("trap '' PIPE; { sleep 0.3; '\(CLI.binary)' \(command); echo \"exit $?\" >&2; } | true")
        #expect(r.err.contains("exit 141"), "\(r.err.prefix(400))")
        #expect(!r.err.contains("error:") && !r.err.contains("Fatal error"), "quiet: \(r.err.prefix(400))")
    }
}
