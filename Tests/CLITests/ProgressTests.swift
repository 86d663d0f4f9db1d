import Foundation
import Testing
@testable import noc_report

/// A clock the test moves by hand, and a terminal that records what it got.
private final class FakeTerminal: @unchecked Sendable {
    private let lock = NSLock()
    private var _now = 0.0
    private var _writes: [String] = []
    var now: Double {
        get { lock.lock(); defer { lock.unlock() }; return _now }
        set { lock.lock(); _now = newValue; lock.unlock() }
    }
    var writes: [String] { lock.lock(); defer { lock.unlock() }; return _writes }
    func write(_ s: String) { lock.lock(); _writes.append(s); lock.unlock() }

    func progress(total: Int = 10, bytes: Int = 10_000_000) -> ProgressLine {
        ProgressLine(noun: "sessions", total: total, totalBytes: bytes, bold: false,
                 clock: { [unowned self] in self.now }, sink: { [unowned self] in self.write($0) })
    }
}

@Suite("the progress line")
struct ProgressTests {
    @Test func nothingIsDrawnDuringTheFirstSecond() {
        let term = FakeTerminal()
        let p = term.progress()
        term.now = 0.9
        p.advance(bytes: 1_000_000)
        #expect(term.writes.isEmpty)
        term.now = 1.0
        p.advance(bytes: 1_000_000)
        #expect(term.writes == ["\r\u{1B}[2Knoc-report: 2/10 sessions · 2.0 MB/s · 0:04 left"])
    }

    @Test func atMostTenRedrawsASecond() {
        let term = FakeTerminal()
        let p = term.progress(total: 1000)
        for i in 0..<1000 {
            term.now = 1 + Double(i) * 0.001   // 1000 items in one second
            p.advance(bytes: 10)
        }
        #expect(term.writes.count == 10)
    }

    @Test func aLinePrintedMeanwhileErasesTheProgressFirst() {
        let term = FakeTerminal()
        let p = term.progress()
        term.now = 2
        p.advance(bytes: 100)
        p.printing { term.write("warning: x\n") }
        p.printing { term.write("warning: y\n") }
        #expect(term.writes.count == 4)
        #expect(term.writes[1] == "\r\u{1B}[2K")
        #expect(term.writes[2] == "warning: x\n")
        #expect(term.writes[3] == "warning: y\n", "nothing to erase the second time")
        term.now = 3
        p.advance(bytes: 100)
        #expect(term.writes.last?.hasPrefix("\r\u{1B}[2Knoc-report: 2/10") == true)
    }

    @Test func finishErasesAndStopsRedrawing() {
        let term = FakeTerminal()
        let p = term.progress()
        term.now = 2
        p.advance(bytes: 100)
        p.finish()
        term.now = 5
        p.advance(bytes: 100)
        #expect(term.writes == [term.writes[0], "\r\u{1B}[2K"])
    }

    @Test func advancingFromManyThreadsCountsEverything() {
        let term = FakeTerminal()
        let p = term.progress(total: 8000)
        term.now = 10
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1000 { p.advance(bytes: 1) }
        }
        term.now = 20
        p.advance(bytes: 1)
        #expect(term.writes.last?.contains("8001/8000 sessions") == true)
    }

    @Test(arguments: [(0.0, "0:00"), (59.4, "0:59"), (61, "1:01"), (3600, "1:00:00"), (-3, "0:00"), (.infinity, "0:00"), (1e300, "99:59:59")])
    func timeLeft(seconds: Double, text: String) {
        #expect(ProgressLine.clock(seconds) == text)
    }
}
