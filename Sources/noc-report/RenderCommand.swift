import ArgumentParser
import ByteLevel
import Foundation
import Render
import Transcript

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a Markdown, HTML and JSON postmortem per session, plus an index.",
        discussion: """
        Examples:
          noc-report render export.json -o reports
          noc-report render archive/ --format html -o /srv/postmortems
          noc-report render export.json --templates my-templates/ -o out
          noc-report render export.json --session ID -o - > report.html
          noc-report render archive.json --shard 3/8 -o /shared/reports
          noc-report index /shared/reports      (once all 8 shards are done)
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Selection") var selection: Selection
    @OptionGroup(title: "Redaction") var redaction: RedactionOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder; '-' writes one session's report to standard output.", valueName: "dir"))
    var output: String = "out"

    @Option(name: .long, help: ArgumentHelp("Formats to write, comma-separated: \(ReportFormat.helpList) (default: md, html, json; with -o -, html).", valueName: "list"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Render only shard K of N (sessions split by the SHA-256 of their id) and write index-shard-K-of-N.json for 'noc-report index'.", valueName: "K/N"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("Largest size of a brief (--format brief), in bytes of UTF-8 (default 16384, at least 2048).", valueName: "bytes"))
    var briefLimit: Int = BriefWriter.defaultLimit

    @Option(name: .long, help: ArgumentHelp("Chromium (or Chrome) for --format pdf (default: chromium on PATH; Debian package 'chromium').", valueName: "path"))
    var chromium: String?

    @OptionGroup(title: "Pages") var pages: PageOptions

    @Option(name: .long, help: ArgumentHelp("Time zone for displayed times: UTC (default), an offset such as +10:00, or an IANA zone such as Australia/Sydney (offset and abbreviation as in force at each instant). The JSON keeps ISO 8601.", valueName: "zone"))
    var timezone: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("Rows shown per table or graph visualization before \"N more rows\".", valueName: "n"))
    var maxTableRows: Int = 50

    @Flag(name: .long, help: "Print the generation time in reports and index (off by default, so output is reproducible).")
    var stamp = false

    @Flag(name: .long, help: "Render every session again, even those whose reports in the folder are up to date.")
    var force = false

    @Flag(name: .long, help: "Remove the reports of sessions that are no longer in the input (and their index entries).")
    var prune = false

    var toStandardOutput: Bool { output == "-" }

    var formatNames: [String] {
        (format ?? (toStandardOutput ? "html" : "md,html,json")).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    var formats: Set<ReportFormat> { Set(formatNames.compactMap(ReportFormat.init(rawValue:))) }

    func validate() throws {
        let names = formatNames
        for n in names where ReportFormat(rawValue: n) == nil {
            throw ValidationError("unknown format '\(n)' in --format (use \(ReportFormat.listed.map(\.rawValue).joined(separator: ", ")))")
        }
        if names.isEmpty { throw ValidationError("--format needs at least one of md, html, json, brief, pdf") }
        if toStandardOutput && formats.count != 1 {
            throw ValidationError("-o - writes one report: give one format (--format html, md, json, brief or pdf)")
        }
        if briefLimit < BriefWriter.minimumLimit || briefLimit > 64 << 20 {
            throw ValidationError("--brief-limit \(briefLimit) is not between \(BriefWriter.minimumLimit) and \(64 << 20) bytes (a brief always holds the title, the outcome line and the report names: 16384, the default, fits a Jira or GitHub comment)")
        }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard '\(shard)' is not K/N with 1 ≤ K ≤ N (for example 3/8)")
        }
        if shard != nil && toStandardOutput { throw ValidationError("--shard writes a folder: it cannot be used with -o -") }
        if DisplayTimeZone(parsing: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not UTC, an offset like +10:00 or -05:30, or an IANA zone like Australia/Sydney or Europe/Berlin")
        }
        if maxTableRows < 1 { throw ValidationError("--max-table-rows must be at least 1") }
    }

    func run() throws {
        let diagnostics = common.diagnostics()
        let templateSet = try pages.loadTemplates()
        // The folder is opened, and checked writable, before anything is read.
        let opened = toStandardOutput ? nil : try openOutputFolder(diagnostics)
        let (formats, printer) = try printFormats(diagnostics)
        let source = try SessionSource.reading(common, selection, redaction, diagnostics: diagnostics)
        let renderer = ReportRenderer(templates: templateSet)
        let stampText = stamp ? Self.now() : nil
        let options = RenderOptions(timeZone: DisplayTimeZone(parsing: timezone) ?? .utc, maxTableRows: maxTableRows,
                                    stamp: stampText,
                                    indexFileName: formats.contains(.html) && !toStandardOutput ? "index.html" : nil,
                                    briefLimit: briefLimit)
        if toStandardOutput {
            try writeOneToStandardOutput(source, renderer: renderer, options: options, printer: printer, diagnostics: diagnostics)
            return
        }
        guard let outputDir = opened else { throw ExitCode(.failure) }
        let job = try folderJob(outputDir, source: source, renderer: renderer, options: options, formats: formats,
                                printer: printer, diagnostics: diagnostics)
        var tally = RenderTally(archive: job.render.archive, expected: job.positions.count)
        orderedParallelMap(count: job.positions.count, jobs: common.effectiveJobs,
                           work: { i in job.render.render(Int(job.positions[i])) },
                           consume: { i, result in
            source.done(Int(job.positions[i]))
            tally.add(result, diagnostics: diagnostics)
        })
        try finish(job, tally: tally, outputDir: outputDir, templates: templateSet, formats: formats, diagnostics: diagnostics)
    }

    /// `-o DIR`, opened and checked writable; the input walk is told to pass over it.
    private func openOutputFolder(_ diagnostics: Diagnostics) throws -> OutputDirectory {
        do {
            let dir = try OutputDirectory(path: output)
            try dir.checkWritable()
            if let st = FileStatus.of(descriptor: dir.fd) { InputSet.skippedFolders = [st.identity] }
            let shownPath = output
            InputSet.onSkippedFolder = { path in
                diagnostics.info("note: \(path) is the output folder (-o \(shownPath)): not read as input")
                InputSet.onSkippedFolder = nil
            }
            return dir
        } catch {
            diagnostics.report(Problem(writing: output, .outputFolderUnusable, "\(error)", action: "nothing was read or written"))
            throw ExitCode(.failure)
        }
    }

    /// A render into a folder: the sessions of this run (this shard's), their
    /// report names, and the archive they are written into.
    private struct FolderJob: Sendable {
        var render: RenderJob
        /// 32-bit: 4 bytes a session.
        var positions: [Int32]
        var shard: Shard?
    }

    private func folderJob(_ outputDir: OutputDirectory, source: SessionSource, renderer: ReportRenderer,
                           options: RenderOptions, formats: Set<ReportFormat>, printer: ChromiumPrinter?,
                           diagnostics: Diagnostics) throws -> FolderJob {
        let shard = self.shard.flatMap(Shard.init(parsing:))
        // Names are allocated in input order over the whole input, so that
        // every run (and every shard) picks the same ones.
        var allocator = OutputNameAllocator()
        allocator.reserve(source.catalog.items.count * (source.redactor == nil ? 1 : 2))
        let names = ReportNames(source.catalog.items.lazy.map { allocator.name(for: $0.document.header.id ?? "") })
        // Under --redact, a session whose id the redactor changed is written
        // under a neutral name, so the file name never shows the real id.
        let redactedNames = ReportNames(source.redactor == nil ? [] : source.catalog.items.indices.lazy.map {
            allocator.name(for: "redacted-session-\($0 + 1)")
        })
        let positions = shard.map { s in (0..<Int32(source.count)).filter { s.contains(id: source.item(Int($0)).document.header.id ?? "") } }
            ?? Array(0..<Int32(source.count))
        if shard != nil { source.narrowProgress(to: positions) }

        let candidates = CandidateFiles(bases: source.redactor == nil ? [names] : [names, redactedNames],
                                        slots: positions.map { source.indices[Int($0)] }, suffixes: formats.map(\.fileSuffix).sorted())
        let archive: Archive
        do {
            archive = try Archive(dir: outputDir, manifestName: shard.map(ShardIndex.fileName) ?? Manifest.fileName,
                                  options: outputOptions(options.stamp, formats: formats), force: force, candidates: candidates)
        } catch {
            diagnostics.report(Problem(writing: output, .outputFolderUnusable, "\(error)"))
            throw ExitCode(.failure)
        }
        let job = RenderJob(source: source, archive: archive, renderer: renderer, options: options, formats: formats,
                            names: names, redactedNames: redactedNames, printer: printer)
        return FolderJob(render: job, positions: positions, shard: shard)
    }

    /// After the sessions: the index and manifest, the summary line, the exit status.
    private func finish(_ job: FolderJob, tally: RenderTally, outputDir: OutputDirectory, templates: Templates,
                        formats: Set<ReportFormat>, diagnostics: Diagnostics) throws {
        let source = job.render.source, archive = job.render.archive
        if tally.rendered + tally.unchanged == 0 && tally.failed == 0 && source.count > 0 && !selection.isEmpty {
            diagnostics.error(source.noMatchMessage(jobs: common.effectiveJobs))  // the existing index stays as it was
            throw ExitCode(.problems)
        }
        if let stop = archive.stopped {
            outputDir.removeOwnTemporaries()
            diagnostics.report(Problem(writing: output, .outputStopped, "\(stop): stopped",
                                       action: "\(archive.reportCount) report file\(archive.reportCount == 1 ? "" : "s") written in this run before that (the index was not updated; run again once this is fixed)"))
            throw ExitCode(.failure)
        }
        let counts = runCounts(source.catalog, failed: tally.failed)
        let commit = ArchiveCommit(archive: archive, diagnostics: diagnostics, templates: templates, formats: formats,
                                   title: pages.title, stamp: job.render.options.stamp, shard: job.shard,
                                   filters: selection.filterNames, jobs: common.effectiveJobs)
        let names = job.render
        let result = commit.finish(tally: tally, isInputName: { names.names.contains($0) || names.redactedNames.contains($0) }, prune: prune, counts: counts,
                                   fingerprint: job.shard == nil ? nil : inputFingerprint(source))
        let shown = result.wroteIndex ? " → \(output)/\(result.indexName)" : (result.indexName.isEmpty ? "" : " (index unchanged: \(output)/\(result.indexName))")
        diagnostics.closingNote()
        diagnostics.info("noc-report: \(tally.rendered) rendered, \(tally.unchanged) unchanged, \(result.pruned) pruned, \(tally.failed) skipped, \(diagnostics.warnings) warning\(diagnostics.warnings == 1 ? "" : "s")\(result.failed ? "" : shown)")
        if result.failed { throw ExitCode(.failure) }
        let code = diagnostics.exitCode(rendered: tally.rendered + tally.unchanged)
        if code != .success { throw ExitCode(code) }
    }

    /// `-o -`: the one selected session's report on standard output.
    private func writeOneToStandardOutput(_ source: SessionSource, renderer: ReportRenderer, options: RenderOptions,
                                          printer: ChromiumPrinter?, diagnostics: Diagnostics) throws {
        var found: [Transcript] = []
        var failed = 0
        for i in 0..<source.count {
            switch source.transcript(i) {
            case nil: continue
            case .failure(let problem):
                failed += 1
                diagnostics.report(problem)
            case .success(let t):
                found.append(t)
            }
            if found.count > 1 { break }
        }
        if found.isEmpty && failed == 0 && source.count > 0 && !selection.isEmpty {
            diagnostics.error(source.noMatchMessage(jobs: common.effectiveJobs))
            throw ExitCode(.problems)
        }
        guard found.count == 1, let t = found.first else {
            diagnostics.error(found.isEmpty
                ? "-o -: no session to write\(failed > 0 ? " (\(failed) could not be read)" : "")"
                : "-o - writes one session, but the input has more: choose one with --session ID")
            throw ExitCode(.failure)
        }
        diagnostics.sessionWarnings(t)
        var allocator = OutputNameAllocator()
        let model = ReportBuilder.build(t, name: allocator.name(for: t.id), options: options)
        let format = formats.first ?? .html
        var session = SessionReports(model: model, renderer: renderer, formats: [format], printer: printer,
                                     briefLimit: options.briefLimit, transcriptJSON: format == .json ? TranscriptJSON.encode(t) : [])
        let bytes: [UInt8]
        do { bytes = try format.bytes(&session) ?? [] } catch {
            diagnostics.report(Problem(writing: nil, .pdfFailed, "\(error)"))
            throw ExitCode(.failure)
        }
        StandardOutput.write(bytes)
        let code = diagnostics.exitCode(rendered: 1)
        if code != .success { throw ExitCode(code) }
    }

    /// The formats to write and, for `--format pdf`, Chromium. Without
    /// Chromium the other formats are still written (exit status 1); when
    /// the PDF was the only format, nothing is read (exit status 2).
    private func printFormats(_ diagnostics: Diagnostics) throws -> (Set<ReportFormat>, ChromiumPrinter?) {
        var formats = self.formats
        guard formats.contains(.pdf) else { return (formats, nil) }
        switch ChromiumPrinter.locate(chromium, jobs: common.effectiveJobs) {
        case .success(let printer): return (formats, printer)
        case .failure(let failure):
            formats.remove(.pdf)
            guard !formats.isEmpty else {
                diagnostics.report(Problem(writing: nil, .pdfFailed, "\(failure)", action: "nothing was read or written"))
                throw ExitCode(.failure)
            }
            diagnostics.report(Problem(writing: nil, .pdfFailed, "\(failure)",
                                       action: "the other formats (\(formats.map(\.rawValue).sorted().joined(separator: ", "))) are written, no PDF"))
            return (formats, nil)
        }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    func runCounts(_ catalog: Catalog, failed: Int) -> RunCounts {
        var counts = RunCounts()
        counts.documentsRead = catalog.documentsRead
        counts.duplicatesDropped = catalog.duplicatesDropped
        counts.otherDocuments = catalog.otherDocuments.values.reduce(0, +)
        counts.summaryItems = catalog.summaryItems
        counts.orphanChunkSessions = catalog.orphanChunks.count
        counts.unreadable = failed
        return counts
    }
}

