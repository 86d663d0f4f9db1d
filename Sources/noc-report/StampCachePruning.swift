import ByteLevel
import Foundation
import Transcript

/// The cache folder holds one stamp file per output folder ever rendered
/// into: a nightly run into a new dated folder would add one a night,
/// forever. So each file's first line names its folder (the path's UTF-8
/// in hex: any byte may be in a path), and a run that saves its cache
/// removes the files of folders that are gone (the path no longer names a
/// folder of the device and inode in the file's name), files of earlier
/// versions (no such line) untouched for a week, and temporary files a
/// killed run left a day ago. Removing a live folder's cache only costs one
/// read of its reports.
enum StampCachePruning {
    static let headerPrefix = "# noc-report stamps of "
    static let earlierFormatAge: TimeInterval = 7 * 86_400
    static let temporaryAge: TimeInterval = 86_400

    static func header(folder: String) -> String {
        headerPrefix + Hex.encode(folder.utf8) + "\n"
    }

    /// The folder a cache file's first line names; nil without that line.
    static func folder(ofCache url: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
        defer { try? handle.close() }
        let head = Array((try? handle.read(upToCount: 16_384)) ?? Data())
        let prefix = Array(headerPrefix.utf8)
        guard head.starts(with: prefix), let end = head[prefix.count...].firstIndex(of: 0x0A) else { return nil }
        return Hex.decode(head[prefix.count..<end]).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Removes the stale files of `cacheFolder` but `own` (see the type).
    static func prune(_ cacheFolder: URL, keeping own: URL, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: cacheFolder.path) else { return }
        for name in names where name != own.lastPathComponent && name.hasPrefix("stamps-") {
            let url = cacheFolder.appendingPathComponent(name)
            if isStale(url, name: name, now: now) { _ = Descriptor.unlink(path: url.path) }
        }
    }

    private static func isStale(_ url: URL, name: String, now: Date) -> Bool {
        guard let status = FileStatus.ofLink(path: url.path), status.kind == .regular else { return false }
        let age = now.timeIntervalSince1970 - Double(status.modifiedSeconds)
        if name.contains(".tmp-") { return age > temporaryAge }
        guard let (device, inode) = identity(inName: name) else { return false }
        guard let folder = folder(ofCache: url) else { return age > earlierFormatAge }
        guard let current = FileStatus.of(path: folder), current.kind == .directory else { return true }
        return current.device != device || current.inode != inode
    }

    /// `stamps-<device>-<inode>.txt` (or `.json`, an earlier version's).
    private static func identity(inName name: String) -> (UInt64, UInt64)? {
        let stem = name.dropFirst("stamps-".count).split(separator: ".").first ?? ""
        let parts = stem.split(separator: "-")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return nil }
        return (device, inode)
    }
}
