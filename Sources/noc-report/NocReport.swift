import ArgumentParser
import ByteLevel
import Foundation
import Transcript

@main
struct NocReport: ParsableCommand {
    static func main() {
        AllocatorTuning.apply()
        // Ctrl-C: say so and stop with 130. Reports are written to temporary
        // names and renamed, so nothing half-written is left under a real name.
        ProcessSignals.exitOnInterrupt(
            message: "\nnoc-report: interrupted; reports already written are complete, run again to finish\n", status: ExitStatus.interrupted.rawValue)
        // A write past `ulimit -f` fails with EFBIG (reported, run stopped)
        // instead of killing the process without a word.
        ProcessSignals.ignoreFileSizeLimitSignal()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty {
            // Bare `noc-report` explains itself instead of rendering a default folder.
            print(FirstSteps.usage, terminator: "")
            Foundation.exit(ExitStatus.success.rawValue)
        }
        if let guess = FirstSteps.suggestion(for: arguments[0], subcommands: subcommandNames) {
            FileHandle.standardError.write(Data("error: '\(arguments[0])' is neither a command nor an existing file or folder; did you mean `\(guess)`?\n       (see: noc-report --help)\n".utf8))
            Foundation.exit(ExitStatus.failure.rawValue)
        }
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            // Usage errors exit 2, as the README promises (argument-parser's own code is 64).
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error) + "\n"
                _ = FileIO.writeAll(2, Array(message.utf8))
                ProcessControl.exitNow(ExitStatus.failure.rawValue)
            }
            exit(withError: error)
        }
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
          noc-report render export.json --redact -o reports   (personal data and secrets removed)
          noc-report summary archive/ --json
          noc-report validate export.json --json
        """,
        version: version,
        subcommands: [RenderCommand.self, TranscriptCommand.self, SummaryCommand.self, ValidateCommand.self, IndexCommand.self],
        defaultSubcommand: RenderCommand.self)
}

extension NocReport {
    static var subcommandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }
}
