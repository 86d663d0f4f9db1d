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
    let formats: Set<RenderCommand.Format>
    let title: String
    let stamp: String?
    let shard: Shard?
    let filters: [String]

    struct Outcome {
        var pruned = 0
        var wroteIndex = false
        /// The page the closing line names ("" for a shard run).
        var indexName = ""
        var failed = false
    }

    func finish(tally: RenderTally, inputNames: Set<String>, prune: Bool, counts: RunCounts, fingerprint: String?) -> Outcome {
        defer { archive.stamps.save() }
        let dir = archive.dir
        var outcome = Outcome(indexName: shard.map(ShardIndex.fileName) ?? (formats.contains(.html) ? "index.html" : formats.contains(.md) ? "index.md" : Manifest.fileName))
        let previous = archive.currentManifest()
        var removals: [String] = []
        var entries = tally.entries
        for e in previous?.entries ?? [] where entries[e.session.name] == nil {
            if prune && !inputNames.contains(e.session.name) {
                outcome.pruned += 1
                removals += e.files.map(\.name)
            } else if let missing = e.files.first(where: { !dir.exists($0.name) }) {
                diagnostics.warning("\(dir.path)/\(missing.name) is listed in \(archive.manifestName) but missing: its session is dropped from the index")
            } else {
                entries[e.session.name] = e
            }
        }
        // Files of an entry rendered again in fewer formats are stale.
        for name in tally.renderedNames {
            let now = Set(entries[name]?.files.map(\.name) ?? [])
            removals += (previous.flatMap { p in p.entries.first { $0.session.name == name } }?.files ?? []).map(\.name).filter { !now.contains($0) }
        }
        removals += abandoned(entries)
        let runID = Self.runID(options: archive.options)
        for name in tally.renderedNames { entries[name]?.run = runID }
        let record = RunRecord(id: runID, rendered: tally.rendered, unchanged: tally.unchanged, pruned: outcome.pruned, filters: filters)
        var manifest = Manifest(tool: version, counts: counts, lastRun: record, entries: Array(entries.values))
        manifest.shard = shard?.index
        manifest.shardCount = shard?.count
        manifest.inputFingerprint = fingerprint
        manifest.indexOptions = indexOptions
        // Not when this run's pending list is on disk (a --force run that rewrote identical reports).
        if let previous, unchanged(previous, manifest), dir.read(archive.manifestName) == previous.encoded() { return outcome }
        let pages = shard == nil ? indexPages(manifest) : []
        manifest.pages = previous?.pages ?? []
        manifest.pending = removals + pages.map(\.0) + manifest.pages
        do {
            try archive.writeMerged(manifest)
            for (name, text) in pages { try dir.writeIfChanged(name, Array(text.utf8)) }
            let pageNames = Set(pages.map(\.0))
            for name in Set(removals + manifest.pages) where !pageNames.contains(name) { dir.remove(name) }
            manifest.pages = pages.map(\.0)
            manifest.pending = stillPending(manifest, removed: Set(removals))
            try archive.writeMerged(manifest)
            outcome.wroteIndex = true
        } catch {
            dir.removeOwnTemporaries()
            diagnostics.error("\(error): the index was not updated (the previous one is still valid; run again once this is fixed)")
            outcome.failed = true
        }
        return outcome
    }

    /// Files an earlier run left pending that this run neither rendered nor
    /// listed but that belong to a session of its input (one it could not
    /// write): still ours, so a later run may replace them. Normally none.
    private func stillPending(_ manifest: Manifest, removed: Set<String>) -> [String] {
        let listed = manifest.ownedFiles.subtracting(manifest.pending)
        let candidates = Set(archive.candidates)
        return (archive.previous?.pending ?? []).filter {
            !listed.contains($0) && !removed.contains($0) && candidates.contains($0) && archive.dir.exists($0)
        }
    }

    /// Files a killed run left pending that no entry lists and no session of
    /// this input will write (a pruned session, a stale format): removed, but
    /// only when no other run is alive (they may be its files in progress).
    private func abandoned(_ entries: [String: ManifestEntry]) -> [String] {
        guard archive.dir.isAlone() else { return [] }
        let listed = Set(entries.values.flatMap { $0.files.map(\.name) })
        let candidates = Set(archive.candidates)
        let pages = Set(archive.previous?.pages ?? [])
        return (archive.previous?.pending ?? []).filter {
            !listed.contains($0) && !candidates.contains($0) && !pages.contains($0) && !$0.hasPrefix("index") && archive.dir.exists($0)
        }
    }

    var indexOptions: [String: String] {
        ["title": title, "formats": formats.filter { $0 != .json }.map(\.rawValue).sorted().joined(separator: ","), "stamp": stamp ?? ""]
    }

    /// Nothing to write: same entries, same counts, nothing pending, pages present.
    private func unchanged(_ previous: Manifest, _ now: Manifest) -> Bool {
        previous.pending.isEmpty && previous.entries == now.entries && previous.counts == now.counts
            && previous.indexOptions == now.indexOptions && previous.inputFingerprint == now.inputFingerprint
            && previous.pages.allSatisfy(archive.dir.exists) && (shard != nil || !previous.pages.isEmpty)
    }

    private func indexPages(_ manifest: Manifest) -> [(String, String)] {
        var context = IndexContext()
        context.title = title
        context.runNotes = manifest.counts.notes
        context.stamp = stamp
        context.runSummary = manifest.lastRun.summary
        context.runFilters = manifest.lastRun.filters
        return IndexPagesWriter.pages(manifest.entries.map(\.session), context: context, templates: templates, formats: formats)
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
    static func pages(_ entries: [IndexEntry], context: IndexContext, templates: Templates,
                      formats: Set<RenderCommand.Format>) -> [(String, String)] {
        IndexRenderer.render(entries: entries, context: context, templates: templates).filter { page in
            page.fileName.hasSuffix(".md") ? formats.contains(.md) : formats.contains(.html)
        }.map { ($0.fileName, $0.contents) }
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
func writeIndex(_ entries: [IndexEntry], context: IndexContext, templates: Templates, formats: Set<RenderCommand.Format>,
                to outputDir: OutputDirectory, diagnostics: Diagnostics) {
    for (name, text) in IndexPagesWriter.pages(entries, context: context, templates: templates, formats: formats) {
        do { try outputDir.writeIfChanged(name, Array(text.utf8)) } catch { diagnostics.error("\(error)") }
    }
}
