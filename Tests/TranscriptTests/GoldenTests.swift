import Foundation
import Testing
@testable import Transcript

/// The example export through the whole pipeline (scanner → catalog → loader
/// → replay → TranscriptJSON), compared byte for byte with the golden file.
/// `NOC_RECORD=1 swift test ...` rewrites the golden file in the source tree.
@Suite("Golden: examples/noc-export.json")
struct GoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func examplesTranscript() throws {
        let input = Self.fixtures.appendingPathComponent("examples-export.json")
        let golden = Self.fixtures.appendingPathComponent("examples.transcript.jsonl")
        let bytes = Array(try Data(contentsOf: input))
        let p = try pipeline([("examples-export.json", bytes)])
        #expect(p.scans.map(\.shape) == [.array])
        #expect(p.scans.flatMap(\.problems).isEmpty)
        #expect(p.catalog.problems.isEmpty)
        #expect(p.loadProblems.isEmpty)
        #expect(p.transcripts.count == 7)
        let output = p.jsonLines
        if ProcessInfo.processInfo.environment["NOC_RECORD"] == "1" {
            try Data(output).write(to: golden)
            Issue.record("recorded \(golden.path); run again without NOC_RECORD to compare")
            return
        }
        let expected = Array(try Data(contentsOf: golden))
        let got = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("line \(i + 1) differs from the golden file")
        }
        #expect(output == expected)
    }

    /// What the golden file must say about each example session (FORMAT.md
    /// §8), checked independently of the recorded bytes.
    @Test func examplesOutcomes() throws {
        let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("examples-export.json")))
        let p = try pipeline([("examples-export.json", bytes)])
        let summary = p.transcripts.map { "\($0.input.kind.rawValue) \($0.outcome.category.rawValue) \($0.outcome.reason.rawValue)" }
        #expect(summary == [
            "session completed none",
            "session completed none",
            "session failed run_interrupted",
            "session cancelled cancelled_by_user",
            "session failed server_restart",
            "session completed_with_errors run_interrupted",
            "interaction completed none",
        ])
    }
}
