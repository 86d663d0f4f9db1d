import Foundation
import Render
import Transcript

/// One session's work in a render into a folder: skipped when the manifest
/// says its reports are up to date, else rendered and written.
struct RenderJob: @unchecked Sendable {
    let source: SessionSource
    let archive: Archive
    let renderer: ReportRenderer
    let options: RenderOptions
    let formats: Set<ReportFormat>
    let names: ReportNames
    let redactedNames: ReportNames
    /// Set when `--format pdf` was asked for and Chromium was found.
    let printer: ChromiumPrinter?

    enum Result {
        case rendered(ManifestEntry, Transcript)
        /// Rendered, but one format (the PDF) could not be made.
        case partly(ManifestEntry, Transcript, Problem)
        /// With the entry's JSON when the manifest held it as this tool writes it.
        case unchanged(ManifestEntry, json: [UInt8]?)
        case failed(Problem)
        /// The run stopped (a write error that would repeat) before this one.
        case stopped
    }

    func render(_ position: Int) -> Result? {
        if archive.stopped != nil { return .stopped }
        let slot = Int(source.indices[position])
        // A filter other than --session is decided on the replayed session, so
        // an unchanged session is only skipped once it is known to match.
        let filtered = source.selection.needsTranscript
        let identity = source.redactor == nil ? source.inputIdentity(position) : nil
        let previous = filtered ? nil : archive.previousEntry(named: names[slot])
        var checked = false
        if let previous, let identity, archive.stamps.trustsInput(names[slot], identity, sha256: previous.entry.inputSHA256) {
            // The same bytes as the run that hashed them: not read again.
            if archive.isCurrent(previous.entry, inputSHA256: previous.entry.inputSHA256) { return .unchanged(previous.entry, json: previous.json) }
            checked = true
        }
        // Read once: hashed, then (unless unchanged) parsed from the same bytes.
        let parts = source.redactor == nil ? source.loader.read(source.item(position)) : nil
        let rawHash = parts.flatMap { source.inputSHA256(position, parts: $0) }
        if let identity, let rawHash { archive.stamps.recordInput(names[slot], identity, sha256: rawHash) }
        if !checked, let previous, let rawHash, archive.isCurrent(previous.entry, inputSHA256: rawHash) {
            return .unchanged(previous.entry, json: previous.json)
        }
        switch source.transcript(position, parts: parts) {
        case nil: return nil
        case .failure(let problem): return .failed(problem)
        case .success(let t):
            let readID = source.item(position).document.header.id ?? ""
            let name = t.input.redaction != nil && t.id != readID ? redactedNames[slot] : names[slot]
            let json = formats.contains(.json) || rawHash == nil ? TranscriptJSON.encode(t) : []
            // Under --redact the hash is of the redacted transcript: the
            // manifest never holds a hash of the secret text.
            let hash = rawHash ?? SHA256.hex(bytes: json)
            if rawHash == nil || filtered, let e = archive.unchanged(name: name, inputSHA256: hash) { return .unchanged(e.entry, json: e.json) }
            return write(t, name: name, json: json, hash: hash)
        }
    }

    private func write(_ t: Transcript, name: String, json: [UInt8], hash: String) -> Result {
        let model = ReportBuilder.build(t, name: name, options: options)
        var session = SessionReports(model: model, renderer: renderer, formats: formats, printer: printer,
                                     briefLimit: options.briefLimit, transcriptJSON: json)
        var files: [(String, String, [UInt8])] = []
        var problem: Problem?
        for format in ReportFormat.allCases where formats.contains(format) {
            let file = name + format.fileSuffix
            do {
                guard let bytes = try format.bytes(&session) else { continue }
                files.append((file, format.rawValue, bytes))
                session.made.append(file)
            } catch {
                problem = Self.failure(t, .pdfFailed, error, file: file, action: "the other formats were written")
            }
        }
        var written: [ReportFile] = []
        do { try archive.checkOurs(files.map(\.0)) } catch {
            return .failed(Self.failure(t, .reportWriteFailed, error, file: nil, action: "no report of this session was written"))
        }
        for (file, format, bytes) in files {
            do { try archive.write(file, bytes) } catch let failure as OutputFailure where failure.isRepeating {
                return .stopped
            } catch {
                return .failed(Self.failure(t, .reportWriteFailed, error, file: file, action: "its reports were not all written"))
            }
            written.append(ReportFile(name: file, format: format, bytes: bytes))
            archive.wrote(written[written.count - 1])
        }
        archive.countReport()
        var entry = ManifestEntry(session: IndexEntry(model), updated: t.header.updatedAt?.string, files: written,
                                  inputSHA256: hash, options: archive.options, tool: version, run: "")
        // Redacted as they would be printed: the manifest holds no secret text.
        let lines = t.warnings.prefix(Manifest.keptWarnings).map { w in
            let line = Diagnostics.warningLine(w, in: t)
            return source.redactor.map { $0.redactMessage(line) } ?? line
        }
        entry.warnings = lines.isEmpty ? nil : lines
        return problem.map { .partly(entry, t, $0) } ?? .rendered(entry, t)
    }

    /// A session's report that could not be written (or its PDF made): filed
    /// under the session and the output file, never as an input problem.
    private static func failure(_ t: Transcript, _ code: ProblemCode, _ error: Error, file: String?, action: String) -> Problem {
        Problem(code, severity: .error, at: ProblemLocation(document: t.input.source, sessionID: t.id, output: file),
                "\(error)", action: action)
    }
}

/// What the sessions of a run came to.
struct RenderTally {
    var rendered = 0
    var unchanged = 0
    var failed = 0
    /// This run's entries (rendered or confirmed unchanged), out of memory.
    let entries: EntrySpill
    /// The run id a rendered entry records (ArchiveCommit.runID).
    let runID: String

    init(archive: Archive, expected: Int) {
        entries = EntrySpill(in: archive.dir, expected: expected)
        runID = ArchiveCommit.runID(options: archive.options)
    }

    mutating func add(_ result: RenderJob.Result?, diagnostics: Diagnostics) {
        switch result {
        case nil, .stopped?: break
        case .rendered(var e, let t)?:
            diagnostics.sessionWarnings(t)
            rendered += 1
            e.run = runID
            entries.append(e, rendered: true)
        case .partly(let e, let t, let problem)?:
            add(.rendered(e, t), diagnostics: diagnostics)
            diagnostics.report(problem)
        case .unchanged(let e, let json)?:
            diagnostics.recordedWarnings(e.warnings ?? [], count: e.session.warningCount)
            unchanged += 1
            entries.append(e, json: json)
        case .failed(let problem)?:
            failed += 1
            diagnostics.report(problem)
        }
    }
}

extension RenderCommand {
    /// The options that change a report's bytes (a change renders again).
    func outputOptions(_ stampText: String?, formats: Set<ReportFormat>) -> [String: String] {
        var o = ["formats": formats.map(\.rawValue).sorted().joined(separator: ","), "timezone": timezone,
                 "max-table-rows": String(maxTableRows), "templates": pages.templates.map(Self.folderDigest) ?? "built-in",
                 "redact": redaction.rulesFile.map { "rules " + SHA256.hex(bytes: Array(FileManager.default.contents(atPath: $0) ?? Data())) }
                    ?? (redaction.redact ? "built-in" : "off")]
        if let stampText { o["stamp"] = stampText }
        if formats.contains(.brief) { o["brief-limit"] = String(briefLimit) }
        return o
    }

    /// A digest of a folder's files (names and contents, sorted).
    static func folderDigest(_ path: String) -> String {
        var bytes: [UInt8] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
            bytes += Array(name.utf8) + [0]
            bytes += Array(FileManager.default.contents(atPath: path + "/" + name) ?? Data()) + [0]
        }
        return SHA256.hex(bytes: bytes)
    }

    /// The input's files, sizes and document index: equal for every shard of one run.
    func inputFingerprint(_ source: SessionSource) -> String {
        var text = ""
        for f in source.loader.files { text += "\(f.displayName)\t\(f.size)\n" }
        for item in source.catalog.items {
            text += "\(item.document.header.id ?? "")\t\(item.document.fileIndex)\t\(item.document.location.byteOffset)\t\(item.document.length)\n"
        }
        return SHA256.hex(text)
    }
}

extension Selection {
    /// The filters given, as typed ("--outcome failed").
    var filterNames: [String] {
        sessions.map { "--session \($0)" } + scenario.map { "--scenario \($0)" } + outcome.map { "--outcome \($0)" }
            + reason.map { "--reason \($0)" } + (since.map { ["--since \($0)"] } ?? []) + (until.map { ["--until \($0)"] } ?? [])
    }
}
