import ByteLevel
import Foundation
import Render
import Transcript

/// The stamps of an archive folder's report files, kept between runs outside
/// the folder (`${XDG_CACHE_HOME:-~/.cache}/noc-report/stamps-<device>-<inode>.txt`),
/// so the folder's contents are the same bytes as a clean render's and a rerun
/// writes nothing into it. Losing the cache costs one read and hash of each
/// report; a stamp is trusted only with the SHA-256 the manifest records.
/// A file is two 8-byte digests (the first 8 bytes of NameDigest's): of its
/// name, and of its stamp with that SHA-256 (a stamp is only ever compared,
/// never shown; two names of one digest only cost a reread): 16 bytes a file
/// in memory, in an array sorted by name digest (SortedDigests), one line
/// of hex a file on disk, read and written a piece at a time. Caches of
/// earlier versions (16-byte digests; `.json`, full stamps) are still read.
final class StampCache: @unchecked Sendable {
    /// The earlier format: the stamp and SHA-256 in full.
    struct Known: Codable, Equatable {
        var stamp: FileStamp
        var sha256: String
    }

    private let url: URL?
    /// The output folder's absolute path, named on the file's first line (StampCachePruning).
    private let folderPath: String
    private let lock = NSLock()
    private var known = SortedDigests()
    private var changed = false

    /// `load`: false for a folder without a manifest, which has nothing a
    /// stamp could vouch for: a cache left by a deleted folder whose inode
    /// this one reuses is then not read (it is replaced at `save`).
    init(for dir: OutputDirectory, load: Bool = true) {
        folderPath = URL(fileURLWithPath: dir.path).standardizedFileURL.path
        let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.cache" }
        guard let base, let st = FileStatus.of(descriptor: dir.fd) else {
            url = nil
            return
        }
        let folder = URL(fileURLWithPath: base).appendingPathComponent("noc-report")
        url = folder.appendingPathComponent("stamps-\(st.device)-\(st.inode).txt")
        guard load else { return }
        known = url.flatMap(Self.readLines) ?? Self.readEarlier(folder.appendingPathComponent("stamps-\(st.device)-\(st.inode).json"))
    }

    /// Room for the stamps of `count` files (the run's candidate files).
    func reserve(_ count: Int) { lock.withLock { known.reserve(count) } }

    /// The digest that stands for `stamp` with the bytes `sha256` (hex).
    static func check(_ stamp: FileStamp, sha256: String) -> UInt64 {
        check([UInt64(bitPattern: stamp.size), UInt64(bitPattern: stamp.mtimeNs), UInt64(bitPattern: stamp.ctimeNs), stamp.device, stamp.inode],
              sha256: sha256)
    }

    /// The digest of `words` (little-endian) followed by `sha256`.
    static func check(_ words: [UInt64], sha256: String) -> UInt64 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 * words.count + sha256.utf8.count)
        for f in words { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: f >> (8 * k))) } }
        return NameDigest(bytes: bytes + Array(sha256.utf8)).high
    }

    /// A session's input is kept under its report name after a NUL, which
    /// no file name holds: it never shares a key with a report file.
    private static func inputKey(_ name: String) -> UInt64 { NameDigest("\u{0}input\u{0}" + name).high }

    /// Whether the input `identity` (SessionSource.inputIdentity) of session
    /// `name` was recorded as bytes whose SHA-256 is `sha256`.
    func trustsInput(_ name: String, _ identity: [UInt64], sha256: String) -> Bool {
        let key = Self.inputKey(name), check = Self.check(identity, sha256: sha256)
        return lock.withLock { known[key] == check }
    }

    /// Records that the input `identity` names hashed to `sha256`: the next
    /// run trusts those bytes unread while the identity and the entry hold.
    func recordInput(_ name: String, _ identity: [UInt64], sha256: String) {
        set(Self.inputKey(name), Self.check(identity, sha256: sha256))
    }

    /// Whether `now` is the stamp recorded for `name` when its bytes had this SHA-256.
    func trusts(_ name: String, _ now: FileStamp, sha256: String) -> Bool {
        let key = NameDigest(name).high, check = Self.check(now, sha256: sha256)
        return lock.withLock { known[key] == check }
    }

    func record(_ name: String, _ stamp: FileStamp?, sha256: String) {
        set(NameDigest(name).high, stamp.map { Self.check($0, sha256: sha256) })
    }

    private func set(_ key: UInt64, _ value: UInt64?) {
        lock.withLock {
            guard known[key] != value else { return }
            known[key] = value
            changed = true
        }
    }

    /// Written (atomically) only when it changed; a failure only costs speed.
    func save() {
        guard let url else { return }
        let (now, changed) = lock.withLock { () -> (SortedDigests, Bool) in
            known.merge()
            return (known, self.changed)
        }
        guard changed else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = url.path + ".tmp-\(ProcessControl.id)"
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let out = FileHandle(forWritingAtPath: tmp) else { return }
        var buffer = Data(StampCachePruning.header(folder: folderPath).utf8)
        var ok = true
        for (key, check) in now.merged where ok {
            buffer.append(contentsOf: Array((NameDigest.hex(key) + " " + NameDigest.hex(check) + "\n").utf8))
            if buffer.count >= 1 << 20 { ok = (try? out.write(contentsOf: buffer)) != nil; buffer.removeAll(keepingCapacity: true) }
        }
        ok = ok && (try? out.write(contentsOf: buffer)) != nil && (try? out.close()) != nil
        if !ok { Descriptor.unlink(path: tmp) } else { Descriptor.renameOrRemove(tmp, to: url.path) }
        StampCachePruning.prune(url.deletingLastPathComponent(), keeping: url)
    }

    /// Lines of `<name digest> <check digest>` in hex (16 digits each, or
    /// 32 as earlier versions wrote them: the first 16 are the same), read
    /// 1 MiB at a time; nil when there is no such file.
    private static func readLines(_ url: URL) -> SortedDigests? {
        guard let input = FileHandle(forReadingAtPath: url.path) else { return nil }
        defer { try? input.close() }
        var items: [(key: UInt64, value: UInt64)] = []
        // One line a file, 34 bytes now (66 in the earlier form): room taken once.
        items.reserveCapacity(Int(FileStatus.of(path: url.path)?.size ?? 0) / 34 + 1)
        var carry: [UInt8] = []
        while let chunk = try? input.read(upToCount: 1 << 20), !chunk.isEmpty {
            carry += chunk
            var start = 0
            while let end = carry[start...].firstIndex(of: 0x0A) {
                let half = (end - start - 1) / 2
                if half == 16 || half == 32, carry[start + half] == 0x20,
                   let k = NameDigest.word(hex: carry[start..<start + 16]), let c = NameDigest.word(hex: carry[start + half + 1..<start + half + 17]) {
                    items.append((k, c))
                }
                start = end + 1
            }
            carry.removeFirst(start)
        }
        return SortedDigests(sorting: items)
    }

    /// A cache of the earlier format (JSON, the stamp in full).
    private static func readEarlier(_ url: URL) -> SortedDigests {
        let data = FileManager.default.contents(atPath: url.path)
        let loaded: [String: Known] = data.flatMap { try? JSONDecoder().decode([String: Known].self, from: $0) } ?? [:]
        return SortedDigests(sorting: loaded.map { key, k in ((NameDigest(hex: key) ?? NameDigest(key)).high, check(k.stamp, sha256: k.sha256)) })
    }
}
