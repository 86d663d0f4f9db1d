import Foundation
import Testing
@testable import noc_report

/// The progress line as a person sees it: the binary runs under `script`
/// (util-linux), so its standard error is a pseudo-terminal.
/// `NOC_PROGRESS_DELAY=0` drops the one-second wait a test cannot afford.
@Suite("progress on a terminal")
struct ProgressTTYTests {
    /// 40 lines of 1 MB: more than two of the first pass's 16 MiB stretches.
    static let bigExport: URL = {
        let pad = String(repeating: "x", count: 1_000_000)
        let line = #"{"_docType":"padding","pad":"\#(pad)"}"# + "\n"
        let url = CLI.tempDir().appendingPathComponent("big.jsonl")
        FileManager.default.createFile(atPath: url.path, contents: Data(String(repeating: line, count: 40).utf8))
        return url
    }()

    /// What the terminal showed while `shellCommand` ran under `script`.
    static func onATerminal(_ shellCommand: String) throws -> String {
        guard let script = which("script") else { throw TestFailure("script (util-linux) is not installed: make test-deps") }
        let command = "export NOC_PROGRESS_DELAY=0 TERM=xterm; " + shellCommand
        let r = try runProcess(script, ["-qfec", command, "/dev/null"])
        return r.stdout
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

    @Test func standardInputBeingSpooledShowsBytesAndRate() throws {
        let shown = try Self.onATerminal("cat \(Self.quoted(Self.bigExport.path)) | \(Self.quoted(CLI.binary)) validate -")
        #expect(shown.contains("noc-report: reading standard input · "), "\(shown.suffix(600))")
        #expect(shown.contains("MB/s"))
        #expect(shown.contains("\u{1B}[2K"), "each redraw erases the line first")
    }

    @Test func theFirstPassOfALargeFileShowsBytesOfTheTotal() throws {
        let shown = try Self.onATerminal("\(Self.quoted(CLI.binary)) validate \(Self.quoted(Self.bigExport.path)) </dev/null")
        #expect(shown.contains("noc-report: first pass · "), "\(shown.suffix(600))")
        #expect(shown.contains("of 40.0 MB · "))
        #expect(!shown.contains("reading standard input"))
    }

    @Test func nothingWhenStandardErrorIsAPipe() throws {
        let data = try Data(contentsOf: Self.bigExport)
        let env = ["NOC_PROGRESS_DELAY": "0", "TERM": "xterm"]
        for args in [["validate", "-"], ["validate", Self.bigExport.path]] {
            // Standard input only where it is read: a write to a closed pipe would end the test process.
            let r = try runProcess("/usr/bin/env", env.map { "\($0)=\($1)" } + [CLI.binary] + args,
                                   stdin: args.last == "-" ? data : nil)
            #expect(!r.stderr.contains("\u{1B}["), "\(args): \(r.stderr.prefix(300))")
            #expect(!r.stderr.contains("MB/s"))
            #expect(r.stderr.contains("document"), "the closing line is still there: \(r.stderr.suffix(200))")
        }
    }
}

@Suite("the reading progress line")
struct ReadingProgressTests {
    private final class Terminal: @unchecked Sendable {
        let lock = NSLock()
        var now = 0.0
        var writes: [String] = []
        func write(_ s: String) { lock.lock(); writes.append(s); lock.unlock() }
    }

    @Test func spoolingThenTheFirstPassAfterTheDelayThrottled() {
        let term = Terminal()
        let p = ReadingProgress(totalBytes: 40_000_000, clock: { term.now }, sink: { term.write($0) })
        term.now = ProgressLine.delay * 0.5
        p.spooled(total: 1_000_000)
        #expect(term.writes.isEmpty || ProgressLine.delay == 0)
        term.writes = []
        term.now = ProgressLine.delay + 1
        p.spooled(total: 2_000_000)
        term.now += 0.01
        p.spooled(total: 3_000_000)
        #expect(term.writes.count == 1, "ten redraws a second at most")
        #expect(term.writes.first?.hasPrefix("\r\u{1B}[2Knoc-report: reading standard input · 2.0 MB · ") == true)
        term.now += 1
        p.scanned(bytes: 16 << 20)
        #expect(term.writes.last?.hasPrefix("\r\u{1B}[2Knoc-report: first pass · 16.8 MB of 40.0 MB · ") == true)
        p.finish()
        #expect(term.writes.last == "\r\u{1B}[2K")
        term.now += 1
        p.scanned(bytes: 1)
        #expect(term.writes.count == 3, "nothing after finish")
    }
}
