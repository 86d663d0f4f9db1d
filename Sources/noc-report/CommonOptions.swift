import ArgumentParser
import Foundation

struct CommonOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Export files or folders to read; '-' reads standard input.", valueName: "input"))
    var inputs: [String] = []

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("max-document-size"), help: ArgumentHelp("Largest single document to read, in MiB.", valueName: "MiB"))
    var maxDocumentSize: Int = 64

    @Flag(name: .long, help: "Treat warnings as errors (exit 1 when there are any).")
    var strict = false

    @Flag(name: [.short, .long], help: "Print only errors: no warnings, no progress line, no closing summary.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print every warning about every session.")
    var verbose = false

    var effectiveJobs: Int { max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount) }

    var readOptions: ReadOptions {
        ReadOptions(inputs: inputs.isEmpty ? ["examples"] : inputs, maxDocumentSizeMiB: maxDocumentSize, jobs: effectiveJobs)
    }

    func diagnostics() -> Diagnostics {
        Diagnostics(level: quiet ? .quiet : (verbose ? .verbose : .normal), strict: strict)
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxDocumentSize < 1 { throw ValidationError("--max-document-size must be at least 1 (MiB)") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }
}
