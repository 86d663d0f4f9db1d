import Foundation
import Render
import Transcript

/// `noc-report index DIR` over the folder's own manifest, in bounded memory
/// (issue 15 case 10: at 300,000 sessions decoding `index.json` whole took
/// past 800 MiB): its entries are read one at a time, each report checked,
/// the intact entries spilled to a file, and the pages and the manifest
/// written from the spill, as a render writes them.
struct FolderIndexRebuild {
    let dir: OutputDirectory
    let templates: Templates
    let formats: Set<ReportFormat>
    let title: String
    /// What the manifest records of how the pages were written.
    let indexOptions: [String: String]
    let diagnostics: Diagnostics

    /// How many sessions the index lists; nil when it could not be written (reported).
    func run(_ file: ManifestFile) -> Int? {
        let spill = EntrySpill(in: dir)
        var orphans = Set<String>()
        for e in file.entries where !spill.contains(e.session.name) {
            if let intactFiles = IndexRepair.dropped(e, in: dir, diagnostics: diagnostics) {
                orphans.formUnion(intactFiles)
            } else {
                spill.append(e)
            }
        }
        let old = file.skeleton
        var context = IndexContext()
        context.title = title
        context.runNotes = old.counts.notes
        var manifest = Manifest(tool: version, counts: old.counts, lastRun: old.lastRun)
        manifest.pages = IndexPagesWriter.names(count: spill.count, context: context, formats: formats)
        manifest.indexOptions = indexOptions
        context.runSummary = manifest.lastRun.summary
        context.runFilters = manifest.lastRun.filters
        do {
            try IndexPagesWriter.write(sorted: SpilledSessions(spill: spill), count: spill.count, context: context,
                                       templates: templates, formats: formats, jobs: ProcessInfo.processInfo.activeProcessorCount, to: dir)
            let entries = SpilledJSON(spill: spill, extra: [])
            let pending = orphans.sorted()
            let pieces: (([UInt8]) throws -> Void) throws -> Void = { sink in
                try Manifest.encode(skeleton: manifest, entries: entries, pending: pending, sink)
            }
            if !dir.holds(Manifest.fileName, pieces: { sink in try? pieces(sink) }) { try dir.write(Manifest.fileName, pieces: pieces) }
        } catch {
            diagnostics.report(Problem(writing: dir.path, .indexWriteFailed, "\(error)"))
            return nil
        }
        return spill.count
    }
}
