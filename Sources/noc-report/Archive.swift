import Foundation
import Render
import Transcript

/// A render into an archive folder: which sessions its manifest lets it
/// skip, which files it may overwrite, and the first write error that
/// stops the run. Shared by the worker threads (a lock guards the rest).
final class Archive: @unchecked Sendable {
    let dir: OutputDirectory
    /// `index.json`, or the shard's `index-shard-K-of-N.json`.
    let manifestName: String
    let previous: Manifest?
    let options: [String: String]
    let force: Bool
    private let previousByName: [String: ManifestEntry]
    private let owned: Set<String>
    let candidates: [String]
    let stamps: StampCache
    private let lock = NSLock()
    private var pendingRecorded = false
    private var stop: OutputFailure?
    private var reportsWritten = 0
    /// The manifest file this run wrote last (its stamp) and the entries it
    /// holds besides the spilled ones: while no other run has replaced it,
    /// it is not read back whole (at 300,000 sessions, 300 MB to decode).
    private var lastWritten: (stamp: FileStamp, entries: [ManifestEntry])?
    /// The stamp of the manifest `previous` was read from.
    let previousStamp: FileStamp?

    enum OpenError: Error, CustomStringConvertible {
        case foreignManifest(String, String)
        var description: String {
            switch self {
            case .foreignManifest(let path, let why):
                return "\(path) exists and noc-report cannot use it (\(why)): move it away or give another -o; nothing was written"
            }
        }
    }

    /// `candidates`: every report file this run may write (recorded as
    /// pending before the first one is written).
    init(dir: OutputDirectory, manifestName: String, options: [String: String], force: Bool, candidates: [String]) throws {
        self.dir = dir
        self.manifestName = manifestName
        self.options = options
        self.force = force
        self.candidates = candidates
        stamps = StampCache(for: dir)
        var owned: Set<String> = [manifestName]
        var previous: Manifest?
        var readStamp: FileStamp?
        for name in Set([Manifest.fileName, manifestName]).sorted() {
            let before = dir.stamp(name)
            guard let bytes = dir.read(name) else {
                if dir.exists(name) && name == manifestName { throw OpenError.foreignManifest(dir.path + "/" + name, "not a regular file") }
                continue
            }
            let m: Manifest
            do { m = try Manifest.decode(bytes) } catch { throw OpenError.foreignManifest(dir.path + "/" + name, "\(error)") }
            owned.formUnion(m.ownedFiles)
            if name == manifestName {
                previous = m
                readStamp = before == dir.stamp(name) ? before : nil
            }
        }
        self.previous = previous
        // The file read is not decoded again while it is the one on disk.
        lastWritten = readStamp.flatMap { s in previous.map { (s, $0.entries) } }
        previousStamp = readStamp
        self.owned = owned
        previousByName = Dictionary((previous?.entries ?? []).map { ($0.session.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The manifest entry that still describes this session's reports, when
    /// its input, options and tool version match and its files are intact.
    /// A file whose size, times, device and inode match the recorded stamp
    /// is trusted unread; any other is read and hashed (and, when its bytes
    /// match, its new stamp is recorded).
    func unchanged(name: String, inputSHA256: String) -> ManifestEntry? {
        guard !force, let e = previousByName[name], e.inputSHA256 == inputSHA256, e.options == options, e.tool == version else { return nil }
        for f in e.files {
            guard case .intact(let stamp) = dir.check(f, trusting: stamps.stamp(f.name, sha256: f.sha256)) else { return nil }
            stamps.record(f.name, stamp, sha256: f.sha256)
        }
        return e
    }

    /// Records the stamp of a file this run just wrote.
    func wrote(_ file: ReportFile) { stamps.record(file.name, dir.stamp(file.name), sha256: file.sha256) }

    func previousEntry(named name: String) -> ManifestEntry? { previousByName[name] }

    /// The error that stopped the run, once one has.
    var stopped: OutputFailure? { lock.withLock { stop } }
    var reportCount: Int { lock.withLock { reportsWritten } }

    enum WriteError: Error, CustomStringConvertible {
        case notOurs(String)
        case stopped
        var description: String {
            switch self {
            case .notOurs(let path): return "\(path) exists and was not written by noc-report (it is not in the folder's index.json): left alone, report not written"
            case .stopped: return "the run stopped"
            }
        }
    }

    /// Checked for all of a session's files before the first is written:
    /// a session is written whole or not at all.
    func checkOurs(_ names: [String]) throws {
        for name in names where !owned.contains(name) && dir.exists(name) { throw WriteError.notOurs(dir.path + "/" + name) }
    }

    /// Writes one report file, after `checkOurs` passed for all of its
    /// session's files (so never over a file this tool did not write; not
    /// checked twice: a stat per file at 1 GB is thousands of calls).
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try recordPending()
        do { try dir.write(name, bytes) } catch let failure as OutputFailure {
            if failure.isRepeating { lock.withLock { if stop == nil { stop = failure } } }
            throw failure
        }
    }

    func countReport() { lock.withLock { reportsWritten += 1 } }

    /// After a manifest write: `entries`, the ones it holds that no spill does.
    func wroteManifest(_ entries: [ManifestEntry]) {
        let stamp = dir.stamp(manifestName)
        lock.withLock { lastWritten = stamp.map { ($0, entries) } }
    }

    /// The entries of the manifest on disk: those this run wrote when the file
    /// is still the one it wrote, else read; nil when there is none.
    func entriesOnDisk() -> [ManifestEntry]? {
        let now = dir.stamp(manifestName)
        if let now, let last = lock.withLock({ lastWritten }), last.stamp == now { return last.entries }
        return dir.read(manifestName).flatMap { try? Manifest.decode($0) }?.entries
    }

    /// Before the first report file: the manifest names every file this run
    /// may write, so a run killed at any moment leaves no file of ours unlisted.
    private func recordPending() throws {
        try lock.withLock {
            if let stop { throw stop }
            guard !pendingRecorded else { return }
            // As on disk now: another run may have committed since this one started.
            var m = dir.read(manifestName).flatMap { try? Manifest.decode($0) } ?? previous ?? Manifest(tool: version)
            // A name held by a file not ours stays unclaimed (it is refused, never written).
            m.pending = Array(Set(m.pending).union(candidates.filter { owned.contains($0) || !dir.exists($0) }))
            do { try dir.write(manifestName, m.encoded()) } catch let failure as OutputFailure {
                if failure.isRepeating { stop = failure }
                throw failure
            }
            lastWritten = dir.stamp(manifestName).map { ($0, m.entries) }
            pendingRecorded = true
        }
    }
}

/// What a report file listed in a manifest is now.
enum ReportFileState: Equatable {
    /// Holds the recorded bytes; its stamp now.
    case intact(FileStamp?)
    case missing
    /// Other bytes than noc-report wrote (edited or replaced by hand).
    case modified
}

extension OutputDirectory {
    /// A stamp equal to the recorded one is trusted (no read); otherwise the
    /// file is read and its size and SHA-256 compared.
    func check(_ f: ReportFile, trusting recorded: FileStamp? = nil) -> ReportFileState {
        guard let now = stamp(f.name) else { return exists(f.name) ? .modified : .missing }
        if now == recorded && now.size == Int64(f.size) { return .intact(now) }
        guard now.size == Int64(f.size), let bytes = read(f.name), bytes.count == f.size,
              SHA256.hex(bytes: bytes) == f.sha256 else { return .modified }
        return .intact(stamp(f.name))
    }
}

extension SessionSource {
    /// SHA-256 of the session's input as read (`parts`, from `loader.read`):
    /// its document, then each chunk (a NUL between them). Nil when the
    /// bytes could not be read back whole.
    func inputSHA256(_ position: Int, parts: [[UInt8]]) -> String? {
        let item = self.item(position)
        for (ref, part) in zip([item.document] + item.chunks, parts) where part.count != ref.length { return nil }
        return SHA256.hex(parts: parts)
    }
}
