import ByteLevel

/// Runs `work` for 0..<count on up to `jobs` threads and hands the results to
/// `consume` in index order on the calling thread. At most `window` results
/// are ahead of the consumer at once, so memory stays bounded however large
/// the input. The calling thread runs an index itself when no worker has
/// claimed it, so a run where threads cannot start (a tight `ulimit -u` or
/// `ulimit -v`) goes on with fewer of them instead of hanging.
public func orderedParallelMap<T>(count: Int, jobs: Int, window: Int? = nil,
                                  work: @escaping @Sendable (Int) -> T, consume: (Int, T) -> Void) {
    orderedParallelMap(count: count, jobs: jobs, window: window, startThread: { WorkerThread.start(stackSize: 8 << 20, $0) },
                       work: work, consume: consume)
}

/// The same, with the way threads start as a parameter (tests make it fail).
/// Deep Markdown and JSON nesting recurse: threads get the main thread's 8 MiB.
func orderedParallelMap<T>(count: Int, jobs: Int, window: Int?, startThread: (@escaping @Sendable () -> Void) -> Bool,
                           work: @escaping @Sendable (Int) -> T, consume: (Int, T) -> Void) {
    guard count > 0 else { return }
    if jobs <= 1 || count == 1 {
        for i in 0..<count { consume(i, work(i)) }
        return
    }
    let queue = OrderedResults<T>(count: count, window: window ?? jobs * 4, work: work)
    for _ in 0..<min(jobs, count) {
        guard startThread({ queue.runWorker() }) else { break }
    }
    for i in 0..<count { consume(i, queue.take(i)) }
}

/// The indices handed out and the results not yet consumed, in a ring of
/// `window` slots: index i waits in slot i % window.
private final class OrderedResults<T>: @unchecked Sendable {
    private let condition = Condition()
    private var slots: [T?]
    private var next = 0
    private var consumed = 0
    private let count: Int
    private let work: @Sendable (Int) -> T

    init(count: Int, window: Int, work: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.work = work
        slots = Array(repeating: nil, count: max(1, min(window, count)))
    }

    func runWorker() {
        while let i = claim() {
            let result = work(i)
            condition.lock()
            slots[i % slots.count] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next index to work on; waits while the window ahead of the consumer is full.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count && next - consumed >= slots.count { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Result `i`: waits for the worker that claimed it, or runs it here
    /// when nobody has.
    func take(_ i: Int) -> T {
        condition.lock()
        while true {
            if let value = slots[i % slots.count] {
                slots[i % slots.count] = nil
                return finish(i, value)
            }
            if next == i {
                next += 1
                condition.unlock()
                let value = work(i)
                condition.lock()
                return finish(i, value)
            }
            condition.wait()
        }
    }

    /// Called with the lock held; releases it.
    private func finish(_ i: Int, _ value: T) -> T {
        consumed = i + 1
        condition.broadcast()
        condition.unlock()
        return value
    }
}
