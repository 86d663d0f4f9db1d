import Foundation
import Render
import Transcript

/// The stamps of an archive folder's report files, kept between runs outside
/// the folder (`${XDG_CACHE_HOME:-~/.cache}/noc-report/stamps-<device>-<inode>.json`),
/// so the folder's contents are the same bytes as a clean render's and a rerun
/// writes nothing into it. Losing the cache costs one read and hash of each
/// report; a stamp is trusted only with the SHA-256 the manifest records.
final class StampCache: @unchecked Sendable {
    struct Known: Codable, Equatable {
        var stamp: FileStamp
        var sha256: String
    }

    private let url: URL?
    private let lock = NSLock()
    private let loaded: [String: Known]
    private var known: [String: Known]

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
        loaded = data.flatMap { try? JSONDecoder().decode([String: Known].self, from: $0) } ?? [:]
        known = loaded
    }

    /// The stamp recorded for `name` when its bytes had this SHA-256.
    func stamp(_ name: String, sha256: String) -> FileStamp? {
        lock.withLock { known[name].flatMap { $0.sha256 == sha256 ? $0.stamp : nil } }
    }

    func record(_ name: String, _ stamp: FileStamp?, sha256: String) {
        lock.withLock { known[name] = stamp.map { Known(stamp: $0, sha256: sha256) } }
    }

    /// Written (atomically) only when it changed; a failure only costs speed.
    func save() {
        guard let url else { return }
        let now = lock.withLock { known }
        guard now != loaded else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // One stamp encoded at a time, to a temporary file then renamed: the
        // whole dictionary through JSONEncoder cost 1.4 KB per file at once.
        let tmp = url.path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let out = FileHandle(forWritingAtPath: tmp) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var buffer = Data("{".utf8)
        var ok = true
        for (i, name) in now.keys.sorted().enumerated() {
            guard ok, let known = now[name], let one = try? encoder.encode([name: known]), one.count > 2 else { ok = false; break }
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(one.dropFirst().dropLast())
            if buffer.count >= 1 << 20 { ok = (try? out.write(contentsOf: buffer)) != nil; buffer.removeAll(keepingCapacity: true) }
        }
        buffer.append(UInt8(ascii: "}"))
        ok = ok && (try? out.write(contentsOf: buffer)) != nil && (try? out.close()) != nil
        if !ok || rename(tmp, url.path) != 0 { unlink(tmp) }
    }
}
