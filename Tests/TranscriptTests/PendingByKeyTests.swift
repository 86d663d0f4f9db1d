import Testing
@testable import Transcript

@Suite("steps in flight and unfinished answers, by key")
struct PendingByKeyTests {
    @Test func keepsArrivalOrderAndRemovesTheOldestOfAKey() {
        var p = PendingByKey<Int>()
        for (k, v) in [("a", 1), ("b", 2), ("a", 3), ("c", 4)] { p.append(k, v) }
        let first = p.removeFirst("a"), unknown = p.removeFirst("zzz")
        #expect(first && !unknown)
        #expect(p.values == [2, 3, 4])
        let second = p.removeFirst("a"), third = p.removeFirst("a")
        #expect(second && !third)
        let changed = p.modifyFirst("c") { (v: inout Int) in v += 10 }
        let absent = p.modifyFirst("a") { (v: inout Int) in v += 10 }
        #expect(changed && !absent)
        p.append("a", 5)
        #expect(p.values == [2, 14, 5], "a key added again goes to the end")
        p.removeAll()
        #expect(p.values.isEmpty)
    }

    // 60 000 steps started, 60 000 completions that match none, 60 000
    // answers: the linear searches this replaced were quadratic (50 000 of
    // each took 9 s in a release build, far more in a debug one).
    @Test(.timeLimit(.minutes(1)))
    func manyDistinctKeysStayLinear() throws {
        let n = 60_000
        var events = [runStart()]
        events.reserveCapacity(2 * n + 1)
        for i in 0..<n { events.append(E("step_started", "{\"step\":\(i)}")) }
        for i in 0..<n { events.append(stepDone(-i - 1)) }
        for i in 0..<n { events.append(E("message.delta", "{\"id\":\"\(i)\",\"text\":\"x\"}")) }
        let t = try session(events)
        #expect(t.notes.first?.stepsInFlight.count == n)
        #expect(t.orchestratorMessages.first?.steps.count == n)
        #expect(t.notes.first?.unfinishedAnswer?.count == 3 * n - 2)
    }
}
