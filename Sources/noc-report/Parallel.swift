import Foundation

/// Runs `work` for 0..<count on `jobs` threads and hands results to
/// `consume` in index order on the calling thread. At most `window` results
/// wait at once, so memory stays bounded however large the input.
func orderedParallelMap<T>(count: Int, jobs: Int, window: Int? = nil,
                           work: @escaping @Sendable (Int) -> T, consume: (Int, T) -> Void) {
    guard count > 0 else { return }
    if jobs <= 1 || count == 1 {
        for i in 0..<count { consume(i, work(i)) }
        return
    }
    let box = ResultBox<T>(count: count, window: window ?? jobs * 4)
    let threads = (0..<min(jobs, count)).map { _ in
        Thread {
            while let i = box.claim() {
                let result = work(i)
                box.put(i, result)
            }
        }
    }
    for t in threads {
        t.stackSize = 8 << 20
        t.start()
    }
    for i in 0..<count {
        consume(i, box.take(i))
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: T] = [:]
    private var next = 0
    private var consumed = 0
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    /// The next index to work on; waits while too far ahead of the consumer.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count && next - consumed >= window { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ i: Int, _ value: T) {
        condition.lock()
        results[i] = value
        condition.broadcast()
        condition.unlock()
    }

    func take(_ i: Int) -> T {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = results.removeValue(forKey: i) {
                consumed = i + 1
                condition.broadcast()
                return value
            }
            condition.wait()
        }
    }
}
