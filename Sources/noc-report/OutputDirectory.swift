import ByteLevel
import Foundation
import Render

/// The `-o` folder, opened once: every file is written relative to that
/// descriptor (`openat`/`renameat`), so replacing the folder's path with a
/// link during a run cannot send a file elsewhere. Files are written whole
/// or not at all (a temporary name carrying this run's token, then a
/// rename), only directly inside the folder; a link sitting at a report's
/// name is replaced, never followed.
final class OutputDirectory: @unchecked Sendable {
    let path: String
    let fd: Int32
    /// Unique to this run: temporary names carry it, so one run never
    /// mistakes another live run's temporary file for its own leftovers.
    let token: String

    /// Temporary files are `<prefix><pid>-<16 hex>-<name>`; only names of
    /// exactly that shape are ever removed as leftovers.
    static let temporaryPrefix = ".noc-report-tmp-"
    /// A temporary file of another run older than this is stale: a live run
    /// keeps each one for the time of one write.
    static let staleAge: TimeInterval = 3600

    init(path: String) throws {
        self.path = path
        token = "\(ProcessControl.id)-" + (0..<16).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
        fd = try Self.open(path)
        // Held for the whole run: while any run holds it, no other run can
        // prove that a temporary file is a leftover (see removeLeftovers).
        removeLeftovers()
        FileLock.shared(fd)
    }

    deinit { Descriptor.close(fd) }

    private static func open(_ path: String) throws -> Int32 {
        if FileStatus.ofLink(path: path)?.kind == .symbolicLink, FileStatus.of(path: path) == nil {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw OutputFailure.create(path, "it is a symbolic link to \(target), which does not exist (create that folder, or give another -o)")
        }
        if let st = FileStatus.of(path: path) {
            guard st.kind == .directory else { throw OutputFailure.create(path, "it exists and is not a folder") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw OutputFailure.create(path, Self.reason(of: error))
            }
        }
        let fd = Directory.open(path)
        guard fd >= 0 else { throw OutputFailure.create(path, FileIO.errorText(Descriptor.lastError)) }
        return fd
    }

    private static func reason(of error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { return FileIO.errorText(Int32(code)) }
        return error.localizedDescription
    }

    /// Whether `name` is one of our temporary names (any run's).
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix(temporaryPrefix) else { return false }
        let rest = name.dropFirst(temporaryPrefix.count).split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard rest.count == 3, !rest[0].isEmpty, rest[0].allSatisfy(\.isASCII), rest[0].allSatisfy(\.isNumber),
              rest[1].count == 16, rest[1].allSatisfy(\.isHexDigit), !rest[2].isEmpty else { return false }
        return true
    }

    /// Temporary files of killed runs. With no other run holding the
    /// folder's lock they are all stale; otherwise only old ones are.
    private func removeLeftovers() {
        let alone = FileLock.tryExclusive(fd)
        for name in names() where Self.isTemporaryName(name) {
            guard let st = FileStatus.of(name, inFolder: fd), st.kind == .regular else { continue }
            let age = Date().timeIntervalSince1970 - TimeInterval(st.modifiedSeconds)
            if alone || age > Self.staleAge { Descriptor.unlink(name, inFolder: fd) }
        }
    }

    /// The names in the folder (not `.` and `..`).
    func names() -> [String] {
        Directory.names(inOpen: fd)
    }

    /// Fails now, before anything is read, when nothing could be written.
    /// In a folder a run already wrote (it holds `index.json`) the check
    /// asks the kernel instead of creating a file, so a run that changes
    /// nothing leaves the folder's modification time alone.
    func checkWritable() throws {
        if FileStatus.of(Manifest.fileName, inFolder: fd)?.kind == .regular {
            let failure = Descriptor.writableFolderError(fd)
            guard failure == 0 else { throw OutputFailure.write(path + "/", failure) }
            return
        }
        let probe = Self.temporaryPrefix + token + "-probe"
        let f = Descriptor.createNew(probe, inFolder: fd)
        guard f >= 0 else { throw OutputFailure.write(path + "/", Descriptor.lastError) }
        Descriptor.close(f)
        Descriptor.unlink(probe, inFolder: fd)
    }

    /// `name` must be a plain file name (no separators): callers pass
    /// sanitised names only, and this checks again.
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try replace(name) { f in StandardOutput.writeAll(f, bytes) }
    }

    /// Writes `name` under this run's temporary name with `fill` (which
    /// returns 0 or the errno of a failed write), then renames it into
    /// place; on any failure the temporary file is removed.
    func replace(_ name: String, fill: (Int32) throws -> Int32) throws {
        precondition(!name.contains("/") && name != "." && name != ".." && !name.isEmpty, "unsafe output name")
        let tmp = Self.temporaryPrefix + token + "-" + name
        let failure = try FileIO.replace(name, inFolder: fd, via: tmp, fill: fill)
        guard failure == 0 else { throw OutputFailure.write(path + "/" + name, failure) }
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    /// The whole file, or nil when it is missing, not a regular file or a link.
    func read(_ name: String) -> [UInt8]? {
        let f = Descriptor.openForReading(name, inFolder: fd)
        guard f >= 0 else { return nil }
        defer { Descriptor.close(f) }
        guard let st = FileStatus.of(descriptor: f), st.kind == .regular else { return nil }
        let bytes = FileIO.read(f, count: Int(st.size), at: 0)
        return bytes.count == Int(st.size) ? bytes : nil
    }

    /// Whether no other run holds the folder now (each holds a shared lock
    /// for its whole run). Ours is shared again afterwards either way.
    func isAlone() -> Bool {
        let alone = FileLock.tryExclusive(fd)
        FileLock.shared(fd)
        return alone
    }

    /// Size, times and identity of the regular file at `name` (not followed).
    func stamp(_ name: String) -> FileStamp? {
        guard let st = FileStatus.of(name, inFolder: fd), st.kind == .regular else { return nil }
        return FileStamp(size: st.size, mtimeNs: st.modifiedNs, ctimeNs: st.changedNs, device: st.device, inode: st.inode)
    }

    /// Whether something (file, link, folder) exists at `name`.
    func exists(_ name: String) -> Bool {
        FileStatus.of(name, inFolder: fd) != nil
    }

    /// Removes a file this tool wrote (never a folder).
    func remove(_ name: String) { Descriptor.unlink(name, inFolder: fd) }

    /// This run's temporary files (after a stop: nothing half-written left).
    func removeOwnTemporaries() {
        let mine = Self.temporaryPrefix + token + "-"
        for name in names() where name.hasPrefix(mine) { Descriptor.unlink(name, inFolder: fd) }
    }
}

/// Why the output folder could not be used.
enum OutputFailure: Error, CustomStringConvertible {
    case create(String, String)
    case write(String, Int32)

    var description: String {
        switch self {
        case .create(let p, let why): return "\(p): cannot create the output folder: \(why)"
        case .write(let p, let code): return "\(p): cannot write: \(FileIO.errorText(code))"
        }
    }

    /// An error that every later write would repeat: the run stops at the first.
    var isRepeating: Bool {
        guard case .write(_, let code) = self else { return true }
        return [ENOSPC, EDQUOT, EROFS, EACCES, EFBIG, EPERM].contains(code)
    }
}
