import Foundation
import Render
import Transcript

/// The stamps of an archive folder's report files, kept between runs outside
/// the folder (`${XDG_CACHE_HOME:-~/.cache}/noc-report/stamps-<device>-<inode>.json`),
/// so the folder's contents are the same bytes as a clean render's and a rerun
/// writes nothing into it. Losing the cache costs one read and hash of each
/// report; a stamp is trusted only with the SHA-256 the manifest records.
/// In memory a file is its name's digest and fixed-size fields (about 90
/// bytes, no string); the file keys them by that digest in hex (a cache of
/// an earlier version, keyed by name, is still read).
final class StampCache: @unchecked Sendable {
    struct Known: Codable, Equatable {
        var stamp: FileStamp
        var sha256: String
    }

    private struct Packed: Equatable {
        var stamp: FileStamp
        var sha256: Digest32
    }

    private let url: URL?
    private let lock = NSLock()
    private var known: [NameDigest: Packed] = [:]
    private var changed = false

    init(for dir: OutputDirectory) {
        var st = stat()
        let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.cache" }
        if let base, fstat(dir.fd, &st) == 0 {
            url = URL(fileURLWithPath: base).appendingPathComponent("noc-report/stamps-\(st.st_dev)-\(st.st_ino).json")
        } else {
            url = nil
        }
        let data = url.flatMap { FileManager.default.contents(atPath: $0.path) }
        let loaded: [String: Known] = data.flatMap { try? JSONDecoder().decode([String: Known].self, from: $0) } ?? [:]
        for (key, k) in loaded {
            guard let sha = Digest32(hex: k.sha256) else { continue }
            known[NameDigest(hex: key) ?? NameDigest(key)] = Packed(stamp: k.stamp, sha256: sha)
        }
    }

    /// The stamp recorded for `name` when its bytes had this SHA-256.
    func stamp(_ name: String, sha256: String) -> FileStamp? {
        let key = NameDigest(name), sha = Digest32(hex: sha256)
        return lock.withLock { known[key].flatMap { $0.sha256 == sha ? $0.stamp : nil } }
    }

    func record(_ name: String, _ stamp: FileStamp?, sha256: String) {
        let key = NameDigest(name)
        let value = stamp.flatMap { s in Digest32(hex: sha256).map { Packed(stamp: s, sha256: $0) } }
        lock.withLock {
            guard known[key] != value else { return }
            known[key] = value
            changed = true
        }
    }

    /// Written (atomically) only when it changed; a failure only costs speed.
    func save() {
        guard let url else { return }
        let (now, changed) = lock.withLock { (known, self.changed) }
        guard changed else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // One stamp encoded at a time, to a temporary file then renamed: the
        // whole dictionary through JSONEncoder cost 1.4 KB per file at once.
        let tmp = url.path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let out = FileHandle(forWritingAtPath: tmp) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var buffer = Data("{".utf8)
        var ok = true
        for (i, key) in now.keys.sorted().enumerated() {
            guard let p = now[key], let one = try? encoder.encode([key.hex: Known(stamp: p.stamp, sha256: p.sha256.hex)]), one.count > 2 else {
                ok = false
                break
            }
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(one.dropFirst().dropLast())
            if buffer.count >= 1 << 20 { ok = (try? out.write(contentsOf: buffer)) != nil; buffer.removeAll(keepingCapacity: true) }
            if !ok { break }
        }
        buffer.append(UInt8(ascii: "}"))
        ok = ok && (try? out.write(contentsOf: buffer)) != nil && (try? out.close()) != nil
        if !ok || rename(tmp, url.path) != 0 { unlink(tmp) }
    }
}

/// A SHA-256 held as four words instead of 64 characters of hex.
struct Digest32: Hashable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    init?(hex: String) {
        let bytes = Array(hex.utf8)
        guard bytes.count == 64 else { return nil }
        var w: [UInt64] = []
        for chunk in stride(from: 0, to: 64, by: 16) {
            guard let v = UInt64(String(decoding: bytes[chunk..<chunk + 16], as: UTF8.self), radix: 16) else { return nil }
            w.append(v)
        }
        words = (w[0], w[1], w[2], w[3])
    }

    var hex: String {
        [words.0, words.1, words.2, words.3].map { w in
            let s = String(w, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }

    static func == (a: Digest32, b: Digest32) -> Bool { a.words == b.words }
    func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }
}
