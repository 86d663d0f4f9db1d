#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Advisory whole-file locks (flock(2)) on an open descriptor; closing
/// the descriptor releases them.
public enum FileLock {
    /// Waits for an exclusive lock (LOCK_EX); false when it failed.
    @discardableResult
    public static func exclusive(_ fd: Int32) -> Bool { flock(fd, LOCK_EX) == 0 }

    /// An exclusive lock only if no one else holds any (LOCK_EX | LOCK_NB).
    public static func tryExclusive(_ fd: Int32) -> Bool { flock(fd, LOCK_EX | LOCK_NB) == 0 }

    /// Waits for a shared lock (LOCK_SH), replacing an exclusive one held.
    @discardableResult
    public static func shared(_ fd: Int32) -> Bool { flock(fd, LOCK_SH) == 0 }
}
