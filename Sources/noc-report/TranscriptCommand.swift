import ArgumentParser
import Foundation
import Transcript

struct TranscriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcript",
        abstract: "Print every session's rebuilt conversation as JSON Lines (FORMAT.md §5).",
        discussion: """
        One JSON object per session on standard output, in input order. A session \
        that appears more than once is printed once, at its first position, with the \
        newest copy's content.

        Examples:
          noc-report transcript export.json > sessions.jsonl
          noc-report transcript archive/ | jq -r 'select(.outcome.category=="failed") | .id'
          cat export.json | noc-report transcript -
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Selection") var selection: Selection
    @OptionGroup(title: "Redaction") var redaction: RedactionOptions

    func run() throws {
        let diagnostics = common.diagnostics()
        let source = try SessionSource.reading(common, selection, redaction, diagnostics: diagnostics)
        var rendered = 0
        var failed = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        orderedParallelMap(count: source.count, jobs: common.effectiveJobs, work: { i -> Result<([UInt8], Transcript?), Problem>? in
            source.transcript(i)?.map { t in (TranscriptJSON.encode(t), t) }
        }, consume: { i, result in
            source.done(i)
            switch result {
            case nil: break
            case .success(let (line, t)):
                if let t { diagnostics.sessionWarnings(t) }
                buffer.append(contentsOf: line)
                rendered += 1
                if buffer.count >= 1 << 20 {
                    diagnostics.output(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            case .failure(let problem):
                failed += 1
                diagnostics.report(problem)
            }
        })
        diagnostics.output(buffer)
        if source.count == 0 && diagnostics.errors == 0 {
            diagnostics.warning("no sessions found in the input")
        }
        diagnostics.summary(rendered, "session", "written", skipped: failed)
        let code = diagnostics.exitCode(rendered: rendered)
        if code != .success { throw ExitCode(code) }
    }
}
