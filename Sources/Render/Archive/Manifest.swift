import Foundation
import Transcript

/// `index.json`: what the output folder holds, one entry per report. Every
/// render rewrites it atomically, `noc-report index` rebuilds the index pages
/// from it alone, and `--shard` runs write the same format as
/// `index-shard-K-of-N.json`. The schema is documented in docs/archive.md.
public struct Manifest: Sendable, Codable, Equatable {
    public static let formatName = "noc-report manifest"
    public static let currentVersion = 1
    public static let fileName = "index.json"
    /// Warning lines kept per entry (the rest are only counted).
    public static let keptWarnings = 5

    public var format = Manifest.formatName
    public var version = Manifest.currentVersion
    /// The tool version of the run that last changed this file.
    public var tool: String
    /// Set in shard files: which shard of how many.
    public var shard: Int?
    public var shardCount: Int?
    /// A hash of the input's files, sizes and document index (shards of one
    /// run share it; `noc-report index` refuses to mix them).
    public var inputFingerprint: String?
    /// What the run that last changed this file read and skipped.
    public var counts: RunCounts
    public var lastRun: RunRecord
    /// Report files a run that has not finished may have written: the next
    /// run owns them (re-renders or removes them) even if no entry lists them.
    public var pending: [String]
    /// Index pages written from this manifest (index.md, index-2.html, ...).
    public var pages: [String]
    /// The options the index pages were written with (title, formats, templates).
    public var indexOptions: [String: String] = [:]
    /// Newest first (then by id, then by name): stable bytes.
    public var entries: [ManifestEntry]

    public init(tool: String, counts: RunCounts = RunCounts(), lastRun: RunRecord = RunRecord(), pending: [String] = [],
                pages: [String] = [], entries: [ManifestEntry] = []) {
        self.tool = tool
        self.counts = counts
        self.lastRun = lastRun
        self.pending = pending
        self.pages = pages
        self.entries = entries.sorted { IndexEntry.newestFirst($0.session, $1.session) }
    }

    /// Every file name this tool wrote into the folder, by this manifest.
    public var ownedFiles: Set<String> {
        var names = Set(pending).union(pages)
        for e in entries { for f in e.files { names.insert(f.name) } }
        return names
    }

    /// Stable bytes: sorted keys, entries newest first (see ManifestEncoding).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encodePieces { out += $0 }
        return out
    }

    public enum ReadError: Error, CustomStringConvertible {
        case notAManifest(String)
        public var description: String {
            switch self {
            case .notAManifest(let why): return "not a noc-report manifest: \(why)"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws -> Manifest {
        let m: Manifest
        do { m = try JSONDecoder().decode(Manifest.self, from: Data(bytes)) } catch {
            throw ReadError.notAManifest(Self.shortReason(error))
        }
        guard m.format == formatName else { throw ReadError.notAManifest("format is \"\(m.format)\"") }
        guard m.version <= currentVersion else { throw ReadError.notAManifest("schema version \(m.version) is newer than this tool's (\(currentVersion))") }
        if let k = m.shard, let n = m.shardCount, Shard(index: k, count: n) == nil {
            throw ReadError.notAManifest("shard \(k) of \(n)")
        }
        return m
    }

    private static func shortReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return "not valid JSON (\(c.debugDescription))"
        case DecodingError.keyNotFound(let key, let c): return "field \((c.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")) is missing"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "field \(c.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        default: return "\(error)"
        }
    }
}

/// One report in the folder.
public struct ManifestEntry: Sendable, Codable, Equatable {
    /// What the index shows (id, name, outcome, reason, created, scenario, ...).
    public var session: IndexEntry
    /// The session's `updated_at`, as read.
    public var updated: String?
    /// Filled by the report's severity rules when they exist; optional.
    public var severity: String?
    public var files: [ReportFile]
    /// SHA-256 of the session's input: its document and chunks as read, or,
    /// under --redact, of its redacted transcript (no hash of secret text).
    public var inputSHA256: String
    /// The options that change a report's bytes, as given.
    public var options: [String: String]
    public var tool: String
    /// The run that wrote the files (see RunRecord.id).
    public var run: String
    /// The first session warnings as the run that rendered it printed them
    /// (at most `Manifest.keptWarnings`; `session.warningCount` counts all),
    /// so a run that finds the session unchanged says and counts them alike.
    public var warnings: [String]?

    public init(session: IndexEntry, updated: String?, files: [ReportFile], inputSHA256: String,
                options: [String: String], tool: String, run: String) {
        self.session = session
        self.updated = updated
        self.files = files
        self.inputSHA256 = inputSHA256
        self.options = options
        self.tool = tool
        self.run = run
    }
}

/// One written file: name in the folder, format, size and SHA-256.
public struct ReportFile: Sendable, Codable, Equatable {
    public var name: String
    public var format: String
    public var size: Int
    public var sha256: String

    public init(name: String, format: String, bytes: [UInt8]) {
        self.name = name
        self.format = format
        size = bytes.count
        sha256 = SHA256.hex(bytes: bytes)
    }
}

/// A file's size, modification and change times (nanoseconds since the
/// epoch), device and inode: when all match the ones recorded after the
/// write, the file is trusted to hold the recorded bytes without reading it
/// (docs/archive.md). Kept outside the folder (see StampCache), never in
/// the manifest: a clean render's folder has the same bytes.
public struct FileStamp: Sendable, Codable, Equatable {
    public var size: Int64
    public var mtimeNs: Int64
    public var ctimeNs: Int64
    public var device: UInt64
    public var inode: UInt64

    public init(size: Int64, mtimeNs: Int64, ctimeNs: Int64, device: UInt64, inode: UInt64) {
        self.size = size
        self.mtimeNs = mtimeNs
        self.ctimeNs = ctimeNs
        self.device = device
        self.inode = inode
    }
}

/// The run that last changed the manifest, and what it did.
public struct RunRecord: Sendable, Codable, Equatable {
    /// A hash of the tool version, the options and the input's hashes: the
    /// same input rendered the same way gives the same id (reproducible bytes).
    public var id = ""
    public var rendered = 0
    public var unchanged = 0
    public var pruned = 0
    /// The selection filters given ("--session a1", "--outcome failed").
    public var filters: [String] = []

    public init(id: String = "", rendered: Int = 0, unchanged: Int = 0, pruned: Int = 0, filters: [String] = []) {
        self.id = id
        self.rendered = rendered
        self.unchanged = unchanged
        self.pruned = pruned
        self.filters = filters
    }

    /// "12 rendered in this run, 536 unchanged, 3 pruned" (the index header).
    public var summary: String {
        var s = "\(TextForm.grouped(rendered)) rendered in this run"
        if unchanged > 0 { s += ", \(TextForm.grouped(unchanged)) unchanged" }
        if pruned > 0 { s += ", \(TextForm.grouped(pruned)) pruned" }
        return s
    }
}
