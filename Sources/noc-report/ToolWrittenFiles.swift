import ByteLevel
import Foundation
import Render

/// Files noc-report itself wrote, found while walking an input folder
/// (issue 15 case 1): reports and manifests listed by a folder's
/// `index.json`, and transcripts or manifests recognised by their content
/// wherever they were copied. Reading them back would turn every report
/// into a "legacy session" duplicate of its own input.
struct ToolWrittenFiles {
    private(set) var skipped: [String] = []
    /// Per folder: the sizes of the `.json` files its manifest lists (nil: no manifest).
    private var listed: [String: [String: Int]?] = [:]

    /// Said once, after the inputs are known (set by the command).
    nonisolated(unsafe) static var onSkipped: ((String) -> Void)?

    /// `paths` without the files noc-report wrote.
    mutating func removing(from paths: [String]) -> [String] {
        paths.filter { path in
            guard path.hasSuffix(".json"), isToolWritten(path) else { return true }
            skipped.append(path)
            return false
        }
    }

    /// "note: skipped 3 files written by noc-report: …", once a run.
    func sayOnce() {
        guard !skipped.isEmpty, let say = Self.onSkipped else { return }
        let shown = skipped.prefix(3).joined(separator: ", ") + (skipped.count > 3 ? ", …" : "")
        say("note: skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s") written by noc-report: \(shown) (reports, transcripts and manifests are not input)")
    }

    private mutating func isToolWritten(_ path: String) -> Bool {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if listed[folder] == nil { listed[folder] = Self.manifestFiles(in: folder) }
        if let files = listed[folder] ?? nil, let size = files[name], Self.size(of: path) == size { return true }
        return Self.looksWrittenByTool(path)
    }

    /// The `.json` files `folder/index.json` lists, with their sizes (the
    /// manifest itself included); nil when it is not a noc-report manifest.
    private static func manifestFiles(in folder: String) -> [String: Int]? {
        let path = folder + "/" + Manifest.fileName
        guard let bytes = FileManager.default.contents(atPath: path),
              let manifest = try? Manifest.decode([UInt8](bytes)) else { return nil }
        var files = [Manifest.fileName: bytes.count]
        for entry in manifest.entries { for f in entry.files where f.name.hasSuffix(".json") { files[f.name] = f.size } }
        return files
    }

    private static func size(of path: String) -> Int? {
        FileStatus.of(path: path).map { Int($0.size) }
    }

    /// A transcript (FORMAT.md §5: starts `{"id":…,"kind":"…"`, ends with
    /// `"ignored_events":N` and what may follow it) or a manifest (sorted
    /// keys: `"format" : "noc-report manifest"` after the entries).
    static func looksWrittenByTool(_ path: String) -> Bool {
        guard let (head, tail) = headAndTail(path) else { return false }
        let start = String(decoding: head, as: UTF8.self)
        let end = String(decoding: tail, as: UTF8.self)
        if start.hasPrefix("{\"id\":"), start.contains(",\"kind\":\""), end.contains(",\"ignored_events\":") { return true }
        return start.hasPrefix("{") && end.contains("\"format\" : \"noc-report manifest\"")
    }

    /// The first and last 16 KiB of the file (one descriptor, closed at once).
    private static func headAndTail(_ path: String) -> ([UInt8], [UInt8])? {
        let fd = Descriptor.openForReading(path: path)
        guard fd >= 0 else { return nil }
        defer { Descriptor.close(fd) }
        guard let st = FileStatus.of(descriptor: fd), st.kind == .regular, st.size > 0 else { return nil }
        let window = 16 * 1024, size = Int(st.size)
        func read(at offset: Int, _ count: Int) -> [UInt8] {
            FileIO.read(fd, count: count, at: offset)
        }
        return (read(at: 0, min(window, size)), read(at: max(0, size - window), min(window, size)))
    }
}
