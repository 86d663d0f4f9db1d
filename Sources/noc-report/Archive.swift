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
    /// The manifest this folder held when the run started (this run's name).
    let previous: ManifestFile?
    let options: [String: String]
    let force: Bool
    /// Files either manifest lists (and the manifest itself), by name digest, sorted.
    private let owned: [NameDigest]
    let candidates: CandidateFiles
    let stamps: StampCache
    private let lock = NSLock()
    private var pendingRecorded = false
    private var stop: OutputFailure?
    private var reportsWritten = 0
    /// The manifest file this run wrote last (its stamp) and the entries it
    /// holds besides the spilled ones: while no other run has replaced it,
    /// it is not read back whole (at 300,000 sessions, 300 MB to decode).
    private var lastWritten: Written?
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
    init(dir: OutputDirectory, manifestName: String, options: [String: String], force: Bool, candidates: CandidateFiles) throws {
        self.dir = dir
        self.manifestName = manifestName
        self.options = options
        self.force = force
        self.candidates = candidates
        var owned: [NameDigest] = [NameDigest(manifestName)]
        var previous: ManifestFile?
        var readStamp: FileStamp?
        for name in Set([Manifest.fileName, manifestName]).sorted() {
            let before = dir.stamp(name)
            let read: ManifestFile?
            do { read = try ManifestFile.open(dir, name) } catch { throw OpenError.foreignManifest(dir.path + "/" + name, "\(error)") }
            guard let m = read else {
                if dir.exists(name) && name == manifestName { throw OpenError.foreignManifest(dir.path + "/" + name, "not a regular file") }
                continue
            }
            owned += m.ownedFiles
            if name == manifestName {
                previous = m
                readStamp = before == dir.stamp(name) ? before : nil
            }
        }
        self.previous = previous
        stamps = StampCache(for: dir, load: previous != nil)
        // A stamp per report file and one per session's input.
        stamps.reserve(candidates.count + candidates.slots.count)
        // The file read is not read again while it is the one on disk.
        lastWritten = readStamp.flatMap { s in previous.map { Written(stamp: s, manifest: $0, hasPending: !$0.skeleton.pending.isEmpty) } }
        previousStamp = readStamp
        self.owned = owned.sorted()
    }

    private func owns(_ name: String) -> Bool { ManifestFile.contains(owned, NameDigest(name)) }

    /// The manifest entry that still describes this session's reports, when
    /// its input, options and tool version match and its files are intact.
    /// A file whose size, times, device and inode match the recorded stamp
    /// is trusted unread; any other is read and hashed (and, when its bytes
    /// match, its new stamp is recorded).
    /// `json`: the entry's JSON as the manifest held it, when that is as this tool writes it.
    func unchanged(name: String, inputSHA256: String) -> (entry: ManifestEntry, json: [UInt8]?)? {
        guard let previous = previousEntry(named: name), isCurrent(previous.entry, inputSHA256: inputSHA256) else { return nil }
        return previous
    }

    /// The entry the manifest holds for `name` (nil under --force).
    func previousEntry(named name: String) -> (entry: ManifestEntry, json: [UInt8]?)? {
        force ? nil : previous?.entryAndJSON(named: name)
    }

    /// Whether `e` still describes its reports for this input (see `unchanged`).
    func isCurrent(_ e: ManifestEntry, inputSHA256: String) -> Bool {
        guard e.inputSHA256 == inputSHA256, e.options == options, e.tool == version else { return false }
        for f in e.files {
            guard case .intact(let stamp) = dir.check(f, trusting: { stamps.trusts(f.name, $0, sha256: f.sha256) }) else { return false }
            stamps.record(f.name, stamp, sha256: f.sha256)
        }
        return true
    }

    /// Records the stamp of a file this run just wrote.
    func wrote(_ file: ReportFile) { stamps.record(file.name, dir.stamp(file.name), sha256: file.sha256) }

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
        for name in names where !owns(name) && dir.exists(name) { throw WriteError.notOurs(dir.path + "/" + name) }
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

    /// A manifest this run wrote: its stamp, and the manifest without the
    /// spilled entries (and, after the pending list of a run's files, without
    /// that list: whether it had one is enough).
    struct Written {
        var stamp: FileStamp
        var manifest: ManifestFile
        var hasPending: Bool
    }

    /// After a manifest write: `manifest`, the entries it holds that no spill does.
    func wroteManifest(_ manifest: Manifest) {
        let stamp = dir.stamp(manifestName)
        let written = ManifestFile(manifest)
        lock.withLock { lastWritten = stamp.map { Written(stamp: $0, manifest: written, hasPending: !manifest.pending.isEmpty) } }
    }

    /// The manifest this run wrote last, while it is still the one on disk.
    func ownManifestOnDisk() -> Written? {
        let now = dir.stamp(manifestName)
        guard let now, let last = lock.withLock({ lastWritten }), last.stamp == now else { return nil }
        return last
    }

    /// The manifest on disk: the one this run wrote when the file is still
    /// the one it wrote, else read; nil when there is none.
    func manifestOnDisk() -> ManifestFile? {
        if let own = ownManifestOnDisk() { return own.manifest }
        return (try? ManifestFile.open(dir, manifestName)) ?? nil
    }

    /// Before the first report file: the manifest names every file this run
    /// may write, so a run killed at any moment leaves no file of ours unlisted.
    private func recordPending() throws {
        try lock.withLock {
            if let stop { throw stop }
            guard !pendingRecorded else { return }
            // As on disk now: another run may have committed since this one started.
            let unchangedSinceRead = previousStamp != nil && dir.stamp(manifestName) == previousStamp
            let m = (unchangedSinceRead ? previous : (try? ManifestFile.open(dir, manifestName)) ?? nil) ?? previous ?? ManifestFile(Manifest(tool: version))
            // A name held by a file not ours stays unclaimed (it is refused, never written).
            let dir = self.dir
            let fresh = candidates.sortedNames().lazy.filter { self.owns($0) || !dir.exists($0) }
            var listed = 0
            let pending = SortedUnion(m.skeleton.pending.sorted(), fresh).lazy.map { name -> String in
                listed += 1
                return name
            }
            do { try dir.write(manifestName) { sink in try m.encodePieces(pending: pending, sink) } } catch let failure as OutputFailure {
                if failure.isRepeating { stop = failure }
                throw failure
            }
            let hadPending = listed > 0
            lastWritten = dir.stamp(manifestName).map { Written(stamp: $0, manifest: m, hasPending: hadPending) }
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
    /// A stamp `trusted` accepts is trusted (no read); otherwise the
    /// file is read and its size and SHA-256 compared.
    func check(_ f: ReportFile, trusting trusted: (FileStamp) -> Bool = { _ in false }) -> ReportFileState {
        guard let now = stamp(f.name) else { return exists(f.name) ? .modified : .missing }
        if now.size == Int64(f.size) && trusted(now) { return .intact(now) }
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

    /// What stands for the session's input bytes between runs: per part
    /// (the document, then each chunk) its file's settled stamp, offset and
    /// length. Nil when a part's file has none (standard input, or changed
    /// in the last seconds: see `InputFile.settledStamp`).
    func inputIdentity(_ position: Int) -> [UInt64]? {
        let item = self.item(position)
        var words: [UInt64] = []
        words.reserveCapacity(7 * (1 + item.chunks.count))
        for ref in [item.document] + item.chunks {
            guard let stamp = loader.files[ref.fileIndex].settledStamp else { return nil }
            words += stamp
            words += [UInt64(ref.location.byteOffset), UInt64(ref.length)]
        }
        return words
    }
}
