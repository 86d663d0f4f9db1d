import Foundation
import Testing

/// Issue 15 cases 4 and 13: an output folder shared by two live runs, and
/// one replaced by a symbolic link while a run writes into it.
@Suite("fault: shared and swapped output folders", .serialized)
struct OutputFolderFaultTests {
    /// The binary started in the background (no shell job control: the
    /// test runner's children inherit a blocked SIGCHLD, which hangs `wait`).
    static func start(_ args: [String], in dir: URL, stderr: URL) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = dir
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: stderr)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// One export file of `count` small sessions named `prefix0`, `prefix1`, ...
    static func export(_ dir: URL, prefix: String, count: Int) throws -> URL {
        let file = dir.appendingPathComponent("\(prefix).json")
        let docs = (0..<count).map { InputFaultTests.session("\(prefix)\($0)") }.joined(separator: ",\n")
        try Data("[\(docs)]".utf8).write(to: file)
        return file
    }

    static func names(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func anOutputFolderSwappedForALinkMidRunGetsEveryFileAndTheLinkNone() throws {
        let dir = CLI.tempDir()
        let input = try Self.export(dir, prefix: "s", count: 1_500)
        let out = dir.appendingPathComponent("out"), elsewhere = dir.appendingPathComponent("elsewhere")
        let err = dir.appendingPathComponent("err")
        let run = try Self.start(["render", input.path, "-o", "out", "--jobs", "1"], in: dir, stderr: err)
        // Once the first report is there, swap the folder for a link elsewhere.
        for _ in 0..<1_200 where !((try? Self.names(out)) ?? []).contains(where: { $0.hasPrefix("s") && $0.hasSuffix(".md") }) {
            usleep(25_000)
        }
        let swappedWhileRunning = run.isRunning
        try FileManager.default.moveItem(at: out, to: dir.appendingPathComponent("out.moved"))
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out, withDestinationURL: elsewhere)
        run.waitUntilExit()
        #expect(swappedWhileRunning, "the run ended before the swap: make it slower")
        #expect(run.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(try Self.names(elsewhere) == [], "nothing is written through the link")
        let moved = try Self.names(dir.appendingPathComponent("out.moved"))
        #expect(moved.filter { $0.hasPrefix("s") && $0.hasSuffix(".md") }.count == 1_500)
        #expect(moved.contains("index.json"))
    }

    @Test func twoRunsIntoOneFolderAtOnceLoseNothingAndTouchNoUserFile() throws {
        let dir = CLI.tempDir(), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let a = try Self.export(dir, prefix: "a", count: 400), b = try Self.export(dir, prefix: "b", count: 400)
        let draft = out.appendingPathComponent(".noc-report-tmp-my-draft.txt"), mine = out.appendingPathComponent("a7.md")
        try Data("draft".utf8).write(to: draft)
        try Data("my notes".utf8).write(to: mine)
        let runA = try Self.start(["render", a.path, "-o", out.path], in: dir, stderr: dir.appendingPathComponent("err-a"))
        let runB = try Self.start(["render", b.path, "-o", out.path], in: dir, stderr: dir.appendingPathComponent("err-b"))
        runA.waitUntilExit()
        runB.waitUntilExit()
        let errA = (try? String(contentsOf: dir.appendingPathComponent("err-a"), encoding: .utf8)) ?? ""
        let errB = (try? String(contentsOf: dir.appendingPathComponent("err-b"), encoding: .utf8)) ?? ""
        #expect(runA.terminationStatus == 1, "a7.md is the user's: that one session is refused. \(errA)")
        #expect(runB.terminationStatus == 0, "\(errB)")
        #expect(errA.contains("a7.md exists and was not written by noc-report"), "\(errA)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes")
        #expect(try String(contentsOf: draft, encoding: .utf8) == "draft")
        let names = try Self.names(out)
        #expect(!names.contains { $0.hasPrefix(".noc-report-tmp-") && $0 != draft.lastPathComponent }, "\(names.filter { $0.hasPrefix(".") })")
        for p in ["a", "b"] {
            for i in 0..<400 where "\(p)\(i)" != "a7" {
                #expect(names.contains("\(p)\(i).md") && names.contains("\(p)\(i).html"), "report \(p)\(i) lost")
            }
        }
        // The manifest, and so the index, lists both runs' reports.
        let listed = try ArchiveTests.sessionsListed(out)
        #expect(listed == 799, "the last run to finish kept the other's entries: \(listed) listed")
        let againErr = dir.appendingPathComponent("err-again")
        let again = try Self.start(["render", a.path, b.path, "-o", out.path], in: dir, stderr: againErr)
        again.waitUntilExit()
        let errAgain = (try? String(contentsOf: againErr, encoding: .utf8)) ?? ""
        #expect(errAgain.components(separatedBy: "was not written by noc-report").count == 2,
                "only the user's a7.md is foreign: \(errAgain.prefix(500))")
    }
}

/// Issue 15 cases 8 and 18 from the command line: hostile user templates
/// are refused at load with the file and line, before anything is read.
@Suite("fault: user templates")
struct TemplateFaultTests {
    @Test(arguments: [
        (["report.md.mustache": "# r\n{{> a.md}}\n", "a.md.mustache": "a\n{{> report.md}}\n"], ".mustache:2: partials include each other"),
        (["report.html.mustache": "<html>\n<body>\n{{> notes.md}}\n</body>\n", "notes.md.mustache": "{{alert}}\n"],
         "/report.html.mustache:3: an HTML template cannot include the Markdown partial"),
    ])
    func aHostileTemplateIsRefusedWithItsFileAndLine(files: [String: String], message: String) throws {
        let templates = CLI.tempDir(), out = CLI.tempDir()
        for (name, text) in files { try Data(text.utf8).write(to: templates.appendingPathComponent(name)) }
        let r = try CLI.run(["render", "examples", "-o", out.path, "--templates", templates.path])
        #expect(r.code == 2, "no crash (SIGSEGV is 139): \(r.code) \(r.err)")
        #expect(r.err.contains(templates.path + "/") && r.err.contains(message), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty, "nothing written")
    }
}
