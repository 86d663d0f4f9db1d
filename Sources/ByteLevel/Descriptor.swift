#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening, closing and unlinking by descriptor. Each returns what the
/// system call does (-1 and errno on failure) unless it says otherwise;
/// a link at a name inside a folder is never followed (O_NOFOLLOW).
public enum Descriptor {
    /// `name` in the folder open as `folder`, read-only (O_NOFOLLOW,
    /// O_CLOEXEC; O_NONBLOCK too when `nonBlocking`: a FIFO does not hang).
    public static func openForReading(_ name: String, inFolder folder: Int32, nonBlocking: Bool = false) -> Int32 {
        openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (nonBlocking ? O_NONBLOCK : 0))
    }

    /// The file at `path`, read-only, links followed (O_CLOEXEC | O_NONBLOCK).
    public static func openForReading(path: String) -> Int32 {
        open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    }

    /// A new file `name` in `folder` (O_CREAT | O_EXCL, mode 0600): fails
    /// when anything is there already.
    public static func createNew(_ name: String, inFolder folder: Int32) -> Int32 {
        openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    }

    /// 0, or -1 and errno.
    @discardableResult
    public static func close(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    /// Removes the file `name` in `folder` (never a folder); 0 or -1.
    @discardableResult
    public static func unlink(_ name: String, inFolder folder: Int32) -> Int32 {
        unlinkat(folder, name, 0)
    }

    /// 0 when this process may create and remove files in the folder open
    /// as `folder` (faccessat W_OK | X_OK, effective ids), else the errno.
    public static func writableFolderError(_ folder: Int32) -> Int32 {
        faccessat(folder, ".", W_OK | X_OK, AT_EACCESS) == 0 ? 0 : errno
    }

    /// Renames `from` to `to` (paths); else removes `from`. Whether renamed.
    @discardableResult
    public static func renameOrRemove(_ from: String, to: String) -> Bool {
        if rename(from, to) == 0 { return true }
        unlink(path: from)
        return false
    }

    /// Removes the file at `path`; 0 or -1.
    @discardableResult
    public static func unlink(path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.unlink(path)
        #else
        Darwin.unlink(path)
        #endif
    }

    /// The errno the last failed call set.
    public static var lastError: Int32 { errno }

    /// Whether `fd` is a terminal (isatty).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }
}
