import ArgumentParser
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
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Selection") var selection: Selection

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String = "out"

    @Option(name: .long, help: ArgumentHelp("Formats to write, comma-separated: md, html, json.", valueName: "list"))
    var format: String = "md,html,json"

    @Option(name: .long, help: ArgumentHelp("Folder of templates overriding the built-in ones (see templates/README.md).", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Title of the index page.", valueName: "text"))
    var title: String = "NOC investigations"

    @Option(name: .long, help: ArgumentHelp("Time zone for displayed times: UTC (default) or an offset such as +10:00. The JSON keeps ISO 8601.", valueName: "zone"))
    var timezone: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("Rows shown per table or graph visualization before \"N more rows\".", valueName: "n"))
    var maxTableRows: Int = 50

    @Flag(name: .long, help: "Print the generation time in reports and index (off by default, so output is reproducible).")
    var stamp = false

    enum Format: String, CaseIterable { case md, html, json }

    var formats: Set<Format> {
        Set(format.split(separator: ",").compactMap { Format(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) })
    }

    func validate() throws {
        let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for n in names where Format(rawValue: n) == nil {
            throw ValidationError("unknown format '\(n)' in --format (use md, html, json)")
        }
        if names.isEmpty { throw ValidationError("--format needs at least one of md, html, json") }
        if DisplayTimeZone(parsing: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not UTC or an offset like +10:00 or -05:30")
        }
        if maxTableRows < 1 { throw ValidationError("--max-table-rows must be at least 1") }
    }

    func run() throws {
        let diagnostics = common.diagnostics()
        let templateSet: Templates
        if let templates {
            do { templateSet = try Templates.loading(overridesFrom: templates) } catch {
                throw ValidationError("--templates \(templates): \(error)")
            }
        } else {
            templateSet = .embedded
        }
        let outputDir: OutputDirectory
        do { outputDir = try OutputDirectory(path: output) } catch {
            diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        let source = SessionSource(options: common.readOptions, selection: selection, diagnostics: diagnostics)

        // Names are allocated in input order so that every run picks the same ones.
        var allocator = OutputNameAllocator()
        let names = source.catalog.items.map { allocator.name(for: $0.document.header.id ?? "") }
        let positions = source.indices
        let renderer = ReportRenderer(templates: templateSet)
        let formats = self.formats
        let stampText = stamp ? Self.now() : nil
        let options = RenderOptions(timeZone: DisplayTimeZone(parsing: timezone) ?? .utc, maxTableRows: maxTableRows,
                                    stamp: stampText, indexFileName: formats.contains(.html) ? "index.html" : nil)

        var entries: [IndexEntry] = []
        var failed = 0
        orderedParallelMap(count: source.count, jobs: common.effectiveJobs, work: { i -> Result<(IndexEntry, Transcript), InputProblem>? in
            let name = names[positions[i]]
            switch source.transcript(i) {
            case nil: return nil
            case .failure(let problem): return .failure(problem)
            case .success(let t):
                let model = ReportBuilder.build(t, name: name, options: options)
                do {
                    if formats.contains(.json) { try outputDir.write(name + ".json", TranscriptJSON.encode(t)) }
                    if formats.contains(.md) { try outputDir.write(name + ".md", renderer.markdown(model)) }
                    if formats.contains(.html) { try outputDir.write(name + ".html", renderer.html(model)) }
                } catch {
                    return .failure(InputProblem(.error, t.input.source, "session \(t.id.prefix(80)): \(error)", action: "report not written", code: .writeFailed))
                }
                return .success((IndexEntry(model), t))
            }
        }, consume: { i, result in
            source.done(i)
            switch result {
            case nil: break
            case .success(let (entry, t)):
                diagnostics.sessionWarnings(t)
                entries.append(entry)
            case .failure(let problem):
                failed += 1
                diagnostics.report(problem)
            }
        })

        var context = IndexContext()
        context.title = title
        context.runNotes = runNotes(source.catalog, failed: failed)
        context.stamp = stampText
        for page in IndexRenderer.render(entries: entries, context: context, templates: templateSet) {
            let wanted = page.fileName.hasSuffix(".md") ? formats.contains(.md) : formats.contains(.html)
            guard wanted else { continue }
            do { try outputDir.write(page.fileName, page.contents) } catch { diagnostics.error("\(error)") }
        }
        diagnostics.info("noc-report: \(entries.count) session\(entries.count == 1 ? "" : "s") rendered, \(failed) skipped, \(diagnostics.warnings) warning\(diagnostics.warnings == 1 ? "" : "s") → \(output)/index.html")
        let code = diagnostics.exitCode(rendered: entries.count)
        if code != 0 { throw ExitCode(code) }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    func runNotes(_ catalog: Catalog, failed: Int) -> [String] {
        var notes = ["\(catalog.documentsRead) document\(catalog.documentsRead == 1 ? "" : "s") read"]
        if catalog.duplicatesDropped > 0 { notes.append("\(catalog.duplicatesDropped) older duplicate\(catalog.duplicatesDropped == 1 ? "" : "s") dropped") }
        let other = catalog.otherDocuments.values.reduce(0, +)
        if other > 0 { notes.append("\(other) non-session document\(other == 1 ? "" : "s") skipped") }
        if catalog.summaryItems > 0 { notes.append("\(catalog.summaryItems) summary-only item\(catalog.summaryItems == 1 ? "" : "s") not rendered") }
        if !catalog.orphanChunks.isEmpty { notes.append("\(catalog.orphanChunks.count) session\(catalog.orphanChunks.count == 1 ? "" : "s") with chunks but no manifest (orphan chunks)") }
        if failed > 0 { notes.append("\(failed) document\(failed == 1 ? "" : "s") could not be read") }
        return notes
    }
}
