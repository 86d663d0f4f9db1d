#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif

/// Whole reads and writes on a descriptor: the system calls may move fewer
/// bytes than asked and may be interrupted (EINTR), so each loops.
public enum FileIO {
    /// Writes all of `bytes`; 0, or the errno of the failed write.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return 0 }  // nothing to write
            var done = 0
            while done < raw.count {
                let n = systemWrite(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return 0
        }
    }

    /// Writes all of `bytes` at `offset` (pwrite: the file position stays);
    /// false when a write failed or wrote nothing.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return false }
                let n = pwrite(fd, base + done, raw.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }

    /// Up to `count` bytes at `offset` (pread): fewer only at the end of
    /// the file or on an error, which the caller tells by the length.
    public static func read(_ fd: Int32, count: Int, at offset: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buf, initialized in
            guard let base = buf.baseAddress else { return }
            var done = 0
            while done < count {
                let n = pread(fd, base + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            initialized = done
        }
    }

    /// The message for an errno value ("No space left on device").
    public static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// Listing a folder (readdir's entry names are fixed-size C arrays).
public enum Directory {
    /// The folder at `path` opened read-only for `openat` and friends
    /// (O_DIRECTORY: anything else fails); -1 and errno on failure.
    public static func open(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #else
        Darwin.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #endif
    }

    /// The names in the folder open as `fd` (not `.` and `..`), read through
    /// a duplicate so `fd` itself stays open and unmoved; empty on failure.
    public static func names(inOpen fd: Int32) -> [String] {
        let copy = dup(fd)
        guard copy >= 0 else { return [] }
        guard let dir = fdopendir(copy) else { close(copy); return [] }
        defer { closedir(dir) }
        rewinddir(dir)
        return entries(of: dir)
    }

    /// The names in the folder at `path` (not `.` and `..`), or the errno
    /// of the failed open.
    public static func names(atPath path: String) -> Result<[String], DirectoryError> {
        guard let dir = opendir(path) else { return .failure(DirectoryError(code: errno)) }
        defer { closedir(dir) }
        return .success(entries(of: dir))
    }

    private static func entries(of dir: OpaquePointer) -> [String] {
        var found: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { found.append(name) }
        }
        return found
    }
}

/// A folder that could not be opened: its errno.
public struct DirectoryError: Error, Sendable {
    public var code: Int32
    public var description: String { FileIO.errorText(code) }
}

extension FileIO {
    /// A read-write file without a name (O_TMPFILE, Linux) in the folder
    /// open as `folder`: nothing to clean up, whatever stops the run. Where
    /// the file system has none, one made at `fallback()` and unlinked at
    /// once. -1 when neither works.
    public static func openScratchFile(inFolder folder: Int32, fallback: () -> String) -> Int32 {
        var fd = openat(folder, ".", unnamedFile | O_RDWR | O_CLOEXEC, 0o600)
        if fd < 0 {
            let path = fallback()
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { unlink(path) }
        }
        return fd
    }

    /// O_TMPFILE, which Glibc's module does not export.
    private static let unnamedFile: Int32 = 0o20_000_000 | O_DIRECTORY

    /// Writes `name` in the folder open as `folder` whole or not at all:
    /// `fill` writes the file created at `temporary` (it returns 0 or the
    /// errno of a failed write), which is then renamed to `name`; on any
    /// failure the temporary file is removed. Returns 0 or the errno;
    /// an error `fill` throws is rethrown after the clean-up. Links at
    /// either name are never followed.
    public static func replace(_ name: String, inFolder folder: Int32, via temporary: String,
                               fill: (Int32) throws -> Int32) rethrows -> Int32 {
        let f = openat(folder, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard f >= 0 else { return errno }
        var failure: Int32
        do { failure = try fill(f) } catch {
            close(f)
            unlinkat(folder, temporary, 0)
            throw error
        }
        _ = fchmod(f, 0o644)
        if close(f) != 0 && failure == 0 { failure = errno }
        if failure == 0 && renameat(folder, temporary, folder, name) != 0 { failure = errno }
        if failure != 0 { unlinkat(folder, temporary, 0) }
        return failure
    }
}
