import ByteLevel
import Testing
@testable import Transcript

@Suite("the one concurrency helper (orderedParallelMap)")
struct OrderedParallelMapTests {
    /// Results arrive in index order whatever order the threads finish in.
    @Test(arguments: [(0, 4, nil), (1, 4, nil), (7, 1, nil), (50, 2, nil), (50, 8, 3), (200, 3, 1)] as [(Int, Int, Int?)])
    func resultsInIndexOrder(count: Int, jobs: Int, window: Int?) {
        var seen: [Int] = []
        orderedParallelMap(count: count, jobs: jobs, window: window, work: { i -> Int? in
            if i % 3 == 0 { MonotonicClock.sleep(microseconds: 200) }  // later indices often finish first
            return i % 5 == 0 ? nil : i * 10
        }, consume: { i, value in
            #expect(value == (i % 5 == 0 ? nil : i * 10))
            seen.append(i)
        })
        #expect(seen == Array(0..<count))
    }

    /// Never more than `window` results started ahead of the consumer, plus
    /// the one in `consume`'s hands.
    @Test(arguments: [1, 2, 5])
    func windowBoundsResultsInFlight(window: Int) {
        let tally = InFlight()
        orderedParallelMap(count: 300, jobs: 4, window: window, work: { i in
            tally.started()
            if i % 7 == 0 { MonotonicClock.sleep(microseconds: 100) }
            return i
        }, consume: { (_: Int, _: Int) in
            tally.consumed()
            MonotonicClock.sleep(microseconds: 20)
        })
        #expect(tally.peak <= window + 1)
        #expect(tally.peak >= 1)
    }

    /// No thread can start (tight `ulimit -u`/`-v`): the caller runs every index itself.
    @Test func runsInlineWhenNoThreadStarts() {
        var seen: [Int] = []
        orderedParallelMap(count: 20, jobs: 4, window: 2, startThread: { _ in false },
                           work: { $0 * 2 }, consume: { i, value in
            #expect(value == i * 2)
            seen.append(i)
        })
        #expect(seen == Array(0..<20))
    }

    /// Only the first thread starts: it and the caller share the work.
    @Test func finishesWithFewerThreadsThanAsked() {
        let started = InFlight()
        var seen: [Int] = []
        orderedParallelMap(count: 100, jobs: 8, window: 4, startThread: { body in
            guard started.peak == 0 else { return false }
            started.started()
            return WorkerThread.start(stackSize: 1 << 20, body)
        }, work: { $0 }, consume: { i, value in
            #expect(value == i)
            seen.append(i)
        })
        #expect(seen == Array(0..<100))
    }
}

/// Started-but-not-consumed count and its peak, from any thread.
private final class InFlight: @unchecked Sendable {
    private let condition = Condition()
    private var current = 0
    private var highest = 0

    func started() {
        condition.lock()
        current += 1
        highest = max(highest, current)
        condition.unlock()
    }

    func consumed() {
        condition.lock()
        current -= 1
        condition.unlock()
    }

    var peak: Int {
        condition.lock()
        defer { condition.unlock() }
        return highest
    }
}
