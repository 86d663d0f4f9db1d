import ArgumentParser
import Foundation
import Render
import Transcript

/// Merges the `index-shard-K-of-N.json` files of a `render --shard` run into
/// one index, next to the reports.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Merge the shard indexes of 'render --shard K/N' runs into one index.",
        discussion: """
        Each 'noc-report render --shard K/N -o DIR' run writes its sessions' reports and \
        DIR/index-shard-K-of-N.json. Once all N have finished (in one shared folder, or \
        copied together), this writes index.html and index.md there. A missing shard is \
        an error (exit 1): the index is still written, and says which shards are missing.

        Examples:
          noc-report index /shared/reports
          noc-report index shard-*/ -o merged --title "Q3 investigations"
        """)

    @Argument(help: ArgumentHelp("Folders holding index-shard-*.json files (or the files themselves).", valueName: "path"))
    var paths: [String] = ["out"]

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the index pages (default: the first path's folder).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Formats to write, comma-separated: md, html.", valueName: "list"))
    var format: String = "md,html"

    @OptionGroup(title: "Pages") var pages: PageOptions

    @Flag(name: [.short, .long], help: "Print only errors.")
    var quiet = false

    var formats: Set<ReportFormat> {
        Set(format.split(separator: ",").compactMap { ReportFormat(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) })
    }

    func validate() throws {
        for n in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
        where n != "md" && n != "html" {
            throw ValidationError("unknown format '\(n)' in --format (use md, html)")
        }
    }

    func run() throws {
        let diagnostics = Diagnostics(level: quiet ? .quiet : .normal, strict: false)
        let templateSet = try pages.loadTemplates()
        let files = manifestFiles(diagnostics)
        let target = output ?? defaultTarget()
        let (sessions, manifests) = try rebuildInPlace(files, into: target, templates: templateSet, diagnostics: diagnostics)
            ?? merge(files, into: target, templates: templateSet, diagnostics: diagnostics)
        diagnostics.info("noc-report: index of \(sessions) session\(sessions == 1 ? "" : "s") from \(manifests) manifest\(manifests == 1 ? "" : "s") → \(target)/\(formats.contains(.html) ? "index.html" : "index.md")")
        if diagnostics.errors > 0 { throw ExitCode(max(.problems, diagnostics.exitCode(rendered: sessions))) }
    }

    /// The options the index pages were written with, as the manifest records them.
    var indexOptions: [String: String] {
        ["title": pages.title, "formats": formats.map(\.rawValue).sorted().joined(separator: ","), "stamp": ""]
    }

    /// The manifests decoded whole and merged (shards, or a manifest written
    /// elsewhere); how many sessions the index lists, from how many manifests.
    private func merge(_ files: [String], into target: String, templates templateSet: Templates,
                       diagnostics: Diagnostics) throws -> (sessions: Int, manifests: Int) {
        let manifests = readManifests(files, diagnostics: diagnostics)
        guard !manifests.isEmpty else {
            diagnostics.error("no manifest (index.json or index-shard-K-of-N.json) found in \(paths.joined(separator: ", ")); run 'noc-report render -o DIR' first")
            throw ExitCode(.failure)
        }
        let (merged, notes) = mergedShards(sameInput(manifests, diagnostics: diagnostics), diagnostics: diagnostics)
        let outputDir: OutputDirectory
        do { outputDir = try OutputDirectory(path: target.isEmpty ? "." : target); try outputDir.checkWritable() } catch {
            diagnostics.report(Problem(writing: target, .outputFolderUnusable, "\(error)"))
            throw ExitCode(.failure)
        }
        let used = merged.manifests
        var context = IndexContext()
        context.title = pages.title
        context.runNotes = notes
        var recorded: [String: ManifestEntry] = [:]
        for e in used.flatMap({ $0.1.entries }) where recorded[e.session.name] == nil { recorded[e.session.name] = e }
        let (intact, orphans) = repaired(merged.index.entries.compactMap { recorded[$0.name] }, in: outputDir, diagnostics: diagnostics)
        let kept = Dictionary(intact.map { ($0.session.name, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = merged.index.entries.filter { kept[$0.name] != nil }
        var manifest = Manifest(tool: version, counts: merged.index.counts, pending: orphans, entries: Array(kept.values))
        manifest.lastRun = RunRecord(id: used.first?.1.lastRun.id ?? "", rendered: used.reduce(0) { $0 + $1.1.lastRun.rendered },
                                     unchanged: used.reduce(0) { $0 + $1.1.lastRun.unchanged },
                                     pruned: used.reduce(0) { $0 + $1.1.lastRun.pruned }, filters: used.first?.1.lastRun.filters ?? [])
        manifest.pages = IndexPagesWriter.pages([], context: context, templates: templateSet, formats: formats).map(\.0)
        manifest.indexOptions = indexOptions
        context.runSummary = manifest.lastRun.summary
        context.runFilters = manifest.lastRun.filters
        writeIndex(entries, context: context, templates: templateSet, formats: formats, to: outputDir, diagnostics: diagnostics)
        do { try outputDir.writeIfChanged(Manifest.fileName, manifest.encoded()) } catch { diagnostics.report(Problem(writing: target, .indexWriteFailed, "\(error)")) }
        return (entries.count, used.count)
    }

    /// A folder's own manifest alone, its index written there: rebuilt in
    /// bounded memory (FolderIndexRebuild). nil when that is not the case,
    /// or the manifest is not in the form this tool writes.
    private func rebuildInPlace(_ files: [String], into target: String, templates: Templates,
                                diagnostics: Diagnostics) throws -> (sessions: Int, manifests: Int)? {
        guard files.count == 1, (files[0] as NSString).lastPathComponent == Manifest.fileName else { return nil }
        let folder = (files[0] as NSString).deletingLastPathComponent
        func same(_ a: String) -> String { URL(fileURLWithPath: a.isEmpty ? "." : a).standardizedFileURL.path }
        guard same(target) == same(folder) else { return nil }
        guard let dir = try? OutputDirectory(path: folder.isEmpty ? "." : folder), (try? dir.checkWritable()) != nil,
              let file = try? ManifestFile.open(dir, Manifest.fileName), file.count > 0, file.skeleton.entries.isEmpty,
              file.skeleton.shard == nil else { return nil }
        let rebuild = FolderIndexRebuild(dir: dir, templates: templates, formats: formats, title: pages.title,
                                         indexOptions: indexOptions, diagnostics: diagnostics)
        guard let count = rebuild.run(file) else { throw ExitCode(.failure) }
        return (count, 1)
    }

    /// The manifest files the paths name: a folder's shard files when it
    /// has any, else its own manifest; a file as given.
    private func manifestFiles(_ diagnostics: Diagnostics) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.error("\(path): no such file or folder")
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter(ShardIndex.isFileName).sorted()
            let chosen = names.isEmpty && FileManager.default.fileExists(atPath: path + "/" + Manifest.fileName) ? [Manifest.fileName] : names
            files += chosen.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Each file decoded; one that cannot be read or is not a manifest is reported and skipped.
    private func readManifests(_ files: [String], diagnostics: Diagnostics) -> [(String, Manifest)] {
        var manifests: [(String, Manifest)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.error("\(file): cannot be read; skipped")
                continue
            }
            do { manifests.append((file, try Manifest.decode(Array(data)))) } catch {
                diagnostics.error("\(file): \(error); skipped")
            }
        }
        return manifests
    }

    /// Shards of one run read the same input: a file from another export is refused.
    private func sameInput(_ manifests: [(String, Manifest)], diagnostics: Diagnostics) -> [(String, Manifest)] {
        let shardFiles = manifests.filter { $0.1.shard != nil }
        guard let first = shardFiles.first?.1.inputFingerprint else { return manifests }
        for (file, m) in shardFiles where m.inputFingerprint != first {
            diagnostics.error("\(file) comes from a run over a different input (fingerprint \(m.inputFingerprint?.prefix(12) ?? "none") ≠ \(first.prefix(12))): not merged; render that shard again")
        }
        return manifests.filter { $0.1.shard == nil || $0.1.inputFingerprint == first }
    }

    /// The shards merged (a folder's own manifest alone when there are no
    /// shard files), and the notes the index shows about them.
    private func mergedShards(_ manifests: [(String, Manifest)], diagnostics: Diagnostics)
        -> ((index: ShardIndex.Merged, manifests: [(String, Manifest)]), [String]) {
        let whole = Shard(index: 1, count: 1)
        var shards = manifests.compactMap { (_, m) -> ShardIndex? in
            guard let shard = Shard(index: m.shard ?? 1, count: m.shardCount ?? 1) ?? whole else { return nil }
            return ShardIndex(shard: shard, counts: m.counts, entries: m.entries.map(\.session))
        }
        if !manifests.contains(where: { $0.1.shard != nil }) { shards = Array(shards.prefix(1)) }
        let merged = ShardIndex.merge(shards)
        var notes = merged.counts.notes
        if merged.shardCounts.count > 1 {
            diagnostics.error("the shard files come from runs with different N (\(merged.shardCounts.map(String.init).joined(separator: ", "))): merged anyway")
            notes.append("shard files from runs with different N: \(merged.shardCounts.map(String.init).joined(separator: ", "))")
        }
        if !merged.missingShards.isEmpty {
            let list = merged.missingShards.map(String.init).joined(separator: ", ")
            diagnostics.error("shard\(merged.missingShards.count == 1 ? "" : "s") \(list) of \(merged.shardCounts.max() ?? 0) missing: the index lists only the shards found")
            notes.append("incomplete: shard\(merged.missingShards.count == 1 ? "" : "s") \(list) missing")
        }
        for k in merged.repeatedShards { diagnostics.warning("shard \(k) given more than once: the first file was used") }
        return ((merged, manifests), notes)
    }

    /// The first path's folder (the path itself when it is one).
    private func defaultTarget() -> String {
        var isDirectory: ObjCBool = false
        let first = paths[0]
        _ = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        return isDirectory.boolValue ? first : (first as NSString).deletingLastPathComponent
    }

    /// Entries whose report files were deleted, or changed since noc-report
    /// wrote them, are dropped (IndexRepair); the dropped entries' intact
    /// files stay owned (as pending: the next render replaces them).
    func repaired(_ entries: [ManifestEntry], in dir: OutputDirectory, diagnostics: Diagnostics) -> ([ManifestEntry], [String]) {
        var kept: [ManifestEntry] = [], orphans: [String] = []
        for e in entries {
            if let intactFiles = IndexRepair.dropped(e, in: dir, diagnostics: diagnostics) { orphans += intactFiles } else { kept.append(e) }
        }
        return (kept, orphans)
    }
}
