import Foundation
import Render
import Transcript

/// The end of a render into a folder: the manifest and the index pages,
/// replaced so that a run killed at any moment leaves a valid pair behind.
/// Order: (1) the manifest with every file about to change listed as
/// pending, (2) the pages, (3) removals, (4) the final manifest.
struct ArchiveCommit {
    let archive: Archive
    let diagnostics: Diagnostics
    let templates: Templates
    let formats: Set<ReportFormat>
    let title: String
    let stamp: String?
    let shard: Shard?
    let filters: [String]
    /// Threads for the index pages.
    let jobs: Int

    struct Outcome {
        var pruned = 0
        var wroteIndex = false
        /// The page the closing line names ("" for a shard run).
        var indexName = ""
        var failed = false
    }

    func finish(tally: RenderTally, isInputName: (String) -> Bool, prune: Bool, counts: RunCounts, fingerprint: String?) -> Outcome {
        defer { archive.stamps.save() }
        let dir = archive.dir
        var outcome = Outcome(indexName: shard.map(ShardIndex.fileName) ?? (formats.contains(.html) ? "index.html" : formats.contains(.md) ? "index.md" : Manifest.fileName))
        let current = archive.currentManifest()
        let previous = current?.manifest
        var removals: [String] = []
        let entries = tally.entries
        // An entry this run kept unchanged is its own: not even read.
        for e in previous?.entries(skipping: { entries.isUnchanged(digest: $0) }) ?? AnySequence([]) {
            // Files of an entry rendered again in fewer formats are stale.
            if let written = entries.renderedFormats(e.session.name) {
                removals += e.files.filter { written & ReportFormatBits.bit($0.format) == 0 }.map(\.name)
            } else if entries.contains(e.session.name) {
                continue
            } else if prune && !isInputName(e.session.name) {
                outcome.pruned += 1
                removals += e.files.map(\.name)
            } else if let missing = e.files.first(where: { !dir.exists($0.name) }) {
                diagnostics.warning("\(dir.path)/\(missing.name) is listed in \(archive.manifestName) but missing: its session is dropped from the index")
            } else {
                entries.append(e)
            }
        }
        removals += abandoned(entries)
        let record = RunRecord(id: tally.runID, rendered: tally.rendered, unchanged: tally.unchanged, pruned: outcome.pruned, filters: filters)
        // The entries are in the spill: the manifest here is the rest.
        var manifest = Manifest(tool: version, counts: counts, lastRun: record)
        manifest.shard = shard?.index
        manifest.shardCount = shard?.count
        manifest.inputFingerprint = fingerprint
        manifest.indexOptions = indexOptions
        // Not when this run's pending list is on disk (a --force run that rewrote identical reports).
        if let previous, current?.hasPending == false, unchanged(previous, manifest, entries),
           dir.holds(archive.manifestName, pieces: { sink in Self.encode(previous, entries: entries, sink) }) { return outcome }
        let context = indexContext(manifest)
        let pageNames = shard == nil ? IndexPagesWriter.names(count: entries.count, context: context, formats: formats) : []
        manifest.pages = previous?.skeleton.pages ?? []
        manifest.pending = removals + pageNames + manifest.pages
        do {
            try archive.writeMerged(manifest, spilled: entries)
            if shard == nil {
                try IndexPagesWriter.write(sorted: SpilledSessions(spill: entries), count: entries.count,
                                           context: context, templates: templates, formats: formats, jobs: jobs, to: dir)
            }
            let written = Set(pageNames)
            for name in Set(removals + manifest.pages) where !written.contains(name) { dir.remove(name) }
            manifest.pages = pageNames
            manifest.pending = stillPending(entries, pages: pageNames, removed: Set(removals))
            try archive.writeMerged(manifest, spilled: entries)
            outcome.wroteIndex = true
        } catch {
            dir.removeOwnTemporaries()
            diagnostics.report(Problem(writing: dir.path, .indexWriteFailed,
                                       "\(error): the index was not updated (the previous one is still valid; run again once this is fixed)"))
            outcome.failed = true
        }
        return outcome
    }

    /// Files an earlier run left pending that this run neither rendered nor
    /// listed but that belong to a session of its input (one it could not
    /// write): still ours, so a later run may replace them. Normally none.
    private func stillPending(_ entries: EntrySpill, pages: [String], removed: Set<String>) -> [String] {
        let earlier = (archive.previous?.skeleton.pending ?? []).filter { !removed.contains($0) && !pages.contains($0) }
        guard !earlier.isEmpty else { return [] }
        let candidates = archive.candidates.all
        let listed = Self.listedFiles(entries, among: Set(earlier))
        return earlier.filter { !listed.contains($0) && candidates.contains($0) && archive.dir.exists($0) }
    }

    /// Files a killed run left pending that no entry lists and no session of
    /// this input will write (a pruned session, a stale format): removed, but
    /// only when no other run is alive (they may be its files in progress).
    private func abandoned(_ entries: EntrySpill) -> [String] {
        let pages = Set(archive.previous?.skeleton.pages ?? [])
        let earlier = (archive.previous?.skeleton.pending ?? []).filter { !pages.contains($0) && !$0.hasPrefix("index") }
        guard !earlier.isEmpty, archive.dir.isAlone() else { return [] }
        let candidates = archive.candidates.all
        let listed = Self.listedFiles(entries, among: Set(earlier))
        return earlier.filter { !listed.contains($0) && !candidates.contains($0) && archive.dir.exists($0) }
    }

    /// Which of `names` some entry lists (one pass over the entries).
    private static func listedFiles(_ entries: EntrySpill, among names: Set<String>) -> Set<String> {
        var listed: Set<String> = []
        for e in SpilledEntries(spill: entries) { for f in e.files where names.contains(f.name) { listed.insert(f.name) } }
        return listed
    }

    var indexOptions: [String: String] {
        ["title": title, "formats": formats.filter { $0 != .json }.map(\.rawValue).sorted().joined(separator: ","), "stamp": stamp ?? ""]
    }

    /// Nothing to write: same entries, same counts, nothing pending, pages present.
    private func unchanged(_ previousFile: ManifestFile, _ now: Manifest, _ entries: EntrySpill) -> Bool {
        let previous = previousFile.skeleton
        guard previous.counts == now.counts && previous.indexOptions == now.indexOptions
            && previous.inputFingerprint == now.inputFingerprint && previousFile.count == entries.count
            && previous.pages.allSatisfy(archive.dir.exists) && (shard != nil || !previous.pages.isEmpty) else { return false }
        guard previousFile.isOnDisk else {
            return zip(previousFile.entries, SpilledEntries(spill: entries)).allSatisfy { $0 == $1 }
        }
        // Byte for byte: this run's entries are encoded as this tool writes
        // them, so an entry in the file with the same bytes is the same entry
        // written the same way (and nothing is decoded: at 1 GB decoding and
        // encoding the previous entries again was most of an unchanged rerun).
        let json = entries.sortedJSON()
        var i = 0
        while let bytes = json.next() {
            guard i < previousFile.count, previousFile.rawEntry(at: i) == Manifest.elementBytes(bytes) else { return false }
            i += 1
        }
        return i == previousFile.count
    }

    /// The bytes of `previous` as this tool would write it, given that its
    /// entries are this run's (`unchanged` said so): from the spill, not
    /// decoded from the file and encoded again.
    private static func encode(_ previous: ManifestFile, entries: EntrySpill, _ sink: ([UInt8]) -> Void) {
        guard previous.isOnDisk else { return previous.encodePieces(sink) }
        Manifest.encode(skeleton: previous.skeleton, entries: SpilledJSON(spill: entries, extra: []),
                        pending: previous.skeleton.pending.sorted(), sink)
    }

    private func indexContext(_ manifest: Manifest) -> IndexContext {
        var context = IndexContext()
        context.title = title
        context.runNotes = manifest.counts.notes
        context.stamp = stamp
        context.runSummary = manifest.lastRun.summary
        context.runFilters = manifest.lastRun.filters
        return context
    }

    /// The tool version and output options that wrote a report: the same
    /// for every shard of a run and for a clean render (reproducible bytes).
    static func runID(options: [String: String]) -> String {
        let text = version + "\n" + options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        return String(SHA256.hex(text).prefix(16))
    }
}

/// The index pages in the formats asked for.
enum IndexPagesWriter {
    static func extensions(_ formats: Set<ReportFormat>) -> Set<String> {
        Set([formats.contains(.md) ? "md" : nil, formats.contains(.html) ? "html" : nil].compactMap { $0 })
    }

    static func pages(_ entries: [IndexEntry], context: IndexContext, templates: Templates,
                      formats: Set<ReportFormat>) -> [(String, String)] {
        var pages: [(String, String)] = []
        IndexRenderer.renderEach(entries: entries, context: context, templates: templates, extensions: extensions(formats)) { pages.append(($0, $1)) }
        return pages
    }

    static func names(count: Int, context: IndexContext, formats: Set<ReportFormat>) -> [String] {
        IndexRenderer.fileNames(count: count, context: context, extensions: extensions(formats))
    }

    /// Each page written as soon as it is made (never all pages in memory),
    /// from entries already newest first.
    static func write(sorted: some Sequence<IndexEntry>, count: Int, context: IndexContext, templates: Templates,
                      formats: Set<ReportFormat>, jobs: Int, to dir: OutputDirectory) throws {
        try IndexRenderer.renderEach(sorted: sorted, count: count, context: context, templates: templates, extensions: extensions(formats),
                                     jobs: jobs) { name, text in
            try dir.writeIfChanged(name, Array(text.utf8))
        }
    }
}

extension OutputDirectory {
    /// Replaces `name` only when its bytes would change: an index page or
    /// manifest with the same contents keeps its file (and time).
    func writeIfChanged(_ name: String, _ bytes: [UInt8]) throws {
        if read(name) == bytes { return }
        try write(name, bytes)
    }
}

/// The index pages of a run, in the formats asked for.
func writeIndex(_ entries: [IndexEntry], context: IndexContext, templates: Templates, formats: Set<ReportFormat>,
                to outputDir: OutputDirectory, diagnostics: Diagnostics) {
    // A page that fails is reported and the others still written, as before.
    IndexRenderer.renderEach(entries: entries, context: context, templates: templates, extensions: IndexPagesWriter.extensions(formats)) { name, text in
        do { try outputDir.writeIfChanged(name, Array(text.utf8)) } catch {
            diagnostics.report(Problem(writing: outputDir.path + "/" + name, .indexWriteFailed, "\(error)"))
        }
    }
}
