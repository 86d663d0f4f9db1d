import ArgumentParser

@main
struct NocReport: ParsableCommand {
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
        """,
        version: "0.1.0",
        subcommands: [RenderCommand.self, TranscriptCommand.self, SummaryCommand.self],
        defaultSubcommand: RenderCommand.self)
}
