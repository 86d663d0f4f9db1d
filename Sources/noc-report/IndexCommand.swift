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

    var formats: Set<RenderCommand.Format> {
        Set(format.split(separator: ",").compactMap { RenderCommand.Format(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) })
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
        var shards: [ShardIndex] = []
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.error("\(path): no such file or folder")
                continue
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter(ShardIndex.isFileName).sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.error("\(file): cannot be read; skipped")
                continue
            }
            do { shards.append(try ShardIndex.decode(Array(data))) } catch {
                diagnostics.error("\(file): \(error); skipped")
            }
        }
        guard !shards.isEmpty else {
            diagnostics.error("no shard index (index-shard-K-of-N.json) found in \(paths.joined(separator: ", ")); run 'noc-report render --shard K/N -o DIR' first")
            throw ExitCode(2)
        }
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

        let target = output ?? {
            var isDirectory: ObjCBool = false
            let first = paths[0]
            FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
            return isDirectory.boolValue ? first : (first as NSString).deletingLastPathComponent
        }()
        let outputDir: OutputDirectory
        do { outputDir = try OutputDirectory(path: target.isEmpty ? "." : target) } catch {
            diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        var context = IndexContext()
        context.title = pages.title
        context.runNotes = notes
        writeIndex(merged.entries, context: context, templates: templateSet, formats: formats, to: outputDir, diagnostics: diagnostics)
        diagnostics.info("noc-report: index of \(merged.entries.count) session\(merged.entries.count == 1 ? "" : "s") from \(shards.count) shard file\(shards.count == 1 ? "" : "s") → \(target)/\(formats.contains(.html) ? "index.html" : "index.md")")
        if diagnostics.errors > 0 { throw ExitCode(1) }
    }
}
