#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `Lock` with a condition variable, without Foundation; heap allocated so
/// it never moves. `wait` is called with the lock held, as with pthreads.
public final class Condition: @unchecked Sendable {
    private let guarded = Lock()
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() { pthread_cond_init(condition, nil) }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
    }

    public func lock() { guarded.lock() }
    public func unlock() { guarded.unlock() }
    public func wait() { pthread_cond_wait(condition, guarded.mutex) }
    public func broadcast() { pthread_cond_broadcast(condition) }
}
