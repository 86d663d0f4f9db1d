import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

@main
struct NocReport: ParsableCommand {
    static func main() {
        // Ctrl-C: say so and stop with 130. Reports are written to temporary
        // names and renamed, so nothing half-written is left under a real name.
        signal(SIGINT) { _ in
            let message: StaticString = "\nnoc-report: interrupted; reports already written are complete, run again to finish\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(130)
        }
        Self.main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "noc-report",
        abstract: "Turn exported NOC investigation sessions into postmortem reports.",
        discussion: """
        Reads session documents exported from the Autonomous Network NOC system \
        (Cosmos container exports, listings, single documents, JSON Lines, folders, \
        or standard input), rebuilds each conversation exactly as the NOC web \
        frontend shows it, and writes Markdown, HTML and JSON reports.

        Examples:
          noc-report render export.json -o reports
          noc-report transcript export.json > sessions.jsonl
          noc-report summary archive/ --json
          noc-report validate export.json --json
        """,
        version: version,
        subcommands: [RenderCommand.self, TranscriptCommand.self, SummaryCommand.self, ValidateCommand.self],
        defaultSubcommand: RenderCommand.self)
}
