#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process and its children, by id.
public enum ProcessControl {
    /// This process's id.
    public static var id: Int32 { getpid() }

    /// Ends the process at once with `status` (_exit: no atexit handlers,
    /// no buffers flushed).
    public static func exitNow(_ status: Int32) -> Never { _exit(status) }

    /// SIGKILL to the process `pid` (a child that ignored SIGTERM).
    public static func forceKill(_ pid: Int32) { _ = kill(pid, SIGKILL) }

    /// Soft RLIMIT_NOFILE up to the hard limit where allowed.
    public static func raiseDescriptorLimit() {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)
    }
}
