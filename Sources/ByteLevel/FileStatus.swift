#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What stat(2) says about a file, as Swift values. On a failed call the
/// lookups return nil and leave errno as the call set it.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case regular, directory, symbolicLink, other }

    public var kind: Kind
    public var size: Int64
    public var device: UInt64
    public var inode: UInt64
    /// Modification and status-change times, in nanoseconds since 1970.
    public var modifiedNs: Int64
    public var changedNs: Int64
    /// The modification time's whole seconds (st_mtim.tv_sec).
    public var modifiedSeconds: Int64

    /// Device and inode: the same file whatever its name.
    public var identity: [UInt64] { [device, inode] }

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        func ns(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
        size = Int64(st.st_size)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        #if canImport(Glibc)
        modifiedNs = ns(st.st_mtim)
        changedNs = ns(st.st_ctim)
        modifiedSeconds = Int64(st.st_mtim.tv_sec)
        #else
        modifiedNs = ns(st.st_mtimespec)
        changedNs = ns(st.st_ctimespec)
        modifiedSeconds = Int64(st.st_mtimespec.tv_sec)
        #endif
    }

    /// The file open as `fd` (fstat).
    public static func of(descriptor fd: Int32) -> FileStatus? {
        var st = stat()
        return fstat(fd, &st) == 0 ? FileStatus(st) : nil
    }

    /// `name` in the folder open as `folder`, a link itself not followed
    /// (fstatat with AT_SYMLINK_NOFOLLOW).
    public static func of(_ name: String, inFolder folder: Int32) -> FileStatus? {
        var st = stat()
        return fstatat(folder, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? FileStatus(st) : nil
    }

    /// The file at `path`, links followed (stat).
    public static func of(path: String) -> FileStatus? {
        var st = stat()
        return stat(path, &st) == 0 ? FileStatus(st) : nil
    }

    /// The file at `path`, a link itself not followed (lstat).
    public static func ofLink(path: String) -> FileStatus? {
        var st = stat()
        return lstat(path, &st) == 0 ? FileStatus(st) : nil
    }
}
