import ArgumentParser
import ByteLevel
import Foundation
import Transcript

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Count sessions per outcome, failure reason, failing agent, step error kind, scenario and day.",
        discussion: """
        Examples:
          noc-report summary export.json
          noc-report summary archive/ --json | jq .by_reason
          noc-report summary export.json --csv > summary.csv
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Selection") var selection: Selection
    @OptionGroup(title: "Redaction") var redaction: RedactionOptions

    @Flag(name: .long, help: "Print JSON (by_outcome, by_reason, by_failing_agent, by_step_error_kind, by_scenario, by_day, ...).")
    var json = false

    @Flag(name: .long, help: "Print CSV rows: dimension,value,count.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let diagnostics = common.diagnostics()
        let source = try SessionSource.reading(common, selection, redaction, diagnostics: diagnostics)
        var report = SummaryReport()
        var read = 0
        var failed = 0
        orderedParallelMap(count: source.count, jobs: common.effectiveJobs, work: { i in
            source.transcript(i)?.map { t in (SessionFacts(t), t.warnings.isEmpty ? nil : t) }
        }, consume: { i, result in
            source.done(i)
            switch result {
            case nil: break
            case .success(let (facts, t)):
                if let t { diagnostics.sessionWarnings(t) }  // counted as render counts them
                report.add(facts); read += 1
            case .failure(let problem): failed += 1; diagnostics.report(problem)
            }
        })
        let text = json ? report.json() : csv ? report.csv() : report.table(color: Descriptor.isTerminal(1) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        diagnostics.output(Array(text.utf8))
        diagnostics.summary(read, "session", "counted", skipped: failed)
        let code = diagnostics.exitCode(rendered: read)
        if code != .success { throw ExitCode(code) }
    }
}

extension SessionFacts {
    init(_ t: Transcript) {
        let o = t.outcome
        var agents: [String] = []
        var kinds: [String] = []
        var seen = Set<String>()  // not agents.contains: quadratic on hostile logs
        for step in o.failedSteps {
            let agent = step.agent ?? "(unknown agent)"
            if seen.insert(agent).inserted { agents.append(agent) }
            if !kinds.contains(step.kind.rawValue) { kinds.append(step.kind.rawValue) }
        }
        let span = t.timeSpan
        self.init(category: o.category.rawValue, reason: o.reason.rawValue,
                  scenario: t.header.scenario ?? "(none)",
                  day: t.header.created?.day(),
                  durationSeconds: span.map { $0.last.seconds - $0.first.seconds },
                  failingAgents: agents, stepErrorKinds: kinds, errorMessage: o.reason == .none ? nil : o.message,
                  redaction: t.input.redaction.map { r in r.entries.map { ($0.rule, $0.occurrences) } })
    }
}
