#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time that only moves forward (CLOCK_MONOTONIC): a setting of the wall
/// clock never makes a progress rate jump.
public enum MonotonicClock {
    /// Seconds since an arbitrary fixed point.
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Sleeps this thread for `microseconds` (usleep).
    public static func sleep(microseconds: UInt32) {
        _ = usleep(microseconds)
    }
}
