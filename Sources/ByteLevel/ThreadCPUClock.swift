#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This thread's CPU time: a pattern's budget is counted in it, so a loaded
/// machine (descheduling) never makes a normal pattern run out of time.
public enum ThreadCPUClock {
    /// Nanoseconds of CPU this thread has used.
    public static func nanoseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
    }
}
