import Foundation
import Testing

/// Issue 15 case 1: files noc-report wrote are never read back as input,
/// wherever they are (the `-o` folder, another run's folder, a copy).
@Suite("fault: tool-written files in the input")
struct ToolWrittenInputFaultTests {
    /// An input folder holding the examples under a name that sorts after
    /// any output folder (so a copy read back would win a duplicate tie).
    static func inputFolder() throws -> URL {
        let input = CLI.tempDir().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/noc-export.json"),
                                         to: input.appendingPathComponent("zz-export.json"))
        return input
    }

    static func render(_ args: [String], in dir: URL? = nil) throws -> (code: Int32, err: String) {
        let r = try runProcess(CLI.binary, ["render"] + args, in: dir ?? CLI.root)
        return (r.status, r.stderr)
    }

    static func clean(_ r: (code: Int32, err: String)) {
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.err.contains("duplicate") && !r.err.contains("dropped"), "no false duplicate: \(r.err)")
        #expect(!r.err.contains("legacy"), "\(r.err)")
    }

    @Test func anOutputFolderInsideTheInputRenderedTwiceGivesTheSameReports() throws {
        let input = try Self.inputFolder(), out = input.appendingPathComponent("out")
        Self.clean(try Self.render([input.path, "-o", out.path]))
        let first = try ArchiveTests.files(out)
        Self.clean(try Self.render([input.path, "-o", out.path, "--force"]))
        #expect(try ArchiveTests.files(out) == first)
    }

    @Test func renderDotWithTheDefaultOutputFolderGivesTheSameReportsTwice() throws {
        let input = try Self.inputFolder(), out = input.appendingPathComponent("out")
        Self.clean(try Self.render(["."], in: input))
        let first = try ArchiveTests.files(out)
        #expect(first.count > 10, "\(first.keys.sorted())")
        Self.clean(try Self.render([".", "--force"], in: input))
        #expect(try ArchiveTests.files(out) == first)
    }

    /// Another run's folder (not this run's `-o`): known by its manifest.
    @Test func anotherRunsOutputFolderInTheInputIsSkippedAndSaidOnce() throws {
        let input = try Self.inputFolder()
        let a = input.appendingPathComponent("a"), b = input.appendingPathComponent("b")
        Self.clean(try Self.render([input.path, "-o", a.path]))
        let r = try Self.render([input.path, "-o", b.path])
        Self.clean(r)
        #expect(r.err.components(separatedBy: "written by noc-report").count == 2, "said once: \(r.err)")
        #expect(try ArchiveTests.files(b) == ArchiveTests.files(a))
    }

    /// A transcript copied out of a report folder: known by its content.
    @Test func aCopiedTranscriptIsRecognisedByItsContent() throws {
        let input = try Self.inputFolder()
        let a = CLI.tempDir().appendingPathComponent("a"), b = CLI.tempDir().appendingPathComponent("b")
        Self.clean(try Self.render([input.path, "-o", a.path]))
        let transcript = try #require(try FileManager.default.contentsOfDirectory(atPath: a.path)
            .first { $0.hasSuffix(".json") && $0 != "index.json" })
        try FileManager.default.copyItem(at: a.appendingPathComponent(transcript), to: input.appendingPathComponent("zzz-copy.json"))
        let r = try Self.render([input.path, "-o", b.path])
        Self.clean(r)
        #expect(r.err.contains("skipped 1 file written by noc-report"), "\(r.err)")
        #expect(try ArchiveTests.files(b) == ArchiveTests.files(a))
    }
}
