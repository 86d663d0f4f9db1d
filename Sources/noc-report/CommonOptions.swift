import ArgumentParser
import Foundation

struct CommonOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Export files or folders to read; '-' reads standard input.", valueName: "input"))
    var inputs: [String] = []

    // Unconditional: "--jobs -1" is a wrong value to explain, not a missing one.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Worker threads (default and most: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("max-document-size"), help: ArgumentHelp("Largest single document to read, in MiB.", valueName: "MiB"))
    var maxDocumentSize: Int = 64

    @Flag(name: .long, help: "Treat warnings as errors (exit 1 when there are any).")
    var strict = false

    @Flag(name: [.short, .long], help: "Print only errors: no warnings, no progress line, no closing summary.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print every warning about every session.")
    var verbose = false

    /// More threads than cores only adds memory (each holds a session in flight).
    var effectiveJobs: Int {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return max(1, min(jobs ?? cores, cores))
    }

    /// The limit in bytes; a huge value means "no limit", never an overflow.
    var maxDocumentBytes: Int { min(maxDocumentSize, Int(Int32.max)) << 20 }

    var readOptions: ReadOptions {
        ReadOptions(inputs: inputs, maxDocumentSizeMiB: maxDocumentSize, jobs: effectiveJobs)
    }

    func diagnostics() -> Diagnostics {
        let diagnostics = Diagnostics(level: quiet ? .quiet : (verbose ? .verbose : .normal), strict: strict)
        ToolWrittenFiles.onSkipped = { diagnostics.info($0) }
        return diagnostics
    }

    func validate() throws {
        if inputs.isEmpty {
            throw ValidationError("no input given: name an export file or folder (e.g. export.json or exports/), or '-' to read standard input")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        if maxDocumentSize < 1 { throw ValidationError("--max-document-size must be at least 1 (MiB)") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }
}
