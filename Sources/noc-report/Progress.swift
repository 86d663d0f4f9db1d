import ByteLevel
import Foundation

/// One progress line on standard error, redrawn in place:
/// `noc-report: 1200/5000 sessions · 48.2 MB/s · 0:07 left`.
/// Only on a terminal, only after the work has run for a second, at most ten
/// redraws a second. Every other line written while it shows goes through
/// `printing`, which erases it first, so lines never interleave.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let noun: String
    private var total: Int
    private var totalBytes: Int
    private let bold: Bool
    private let clock: @Sendable () -> Double
    private let sink: @Sendable (String) -> Void
    private let start: Double
    private var done = 0
    private var bytes = 0
    private var lastDraw = 0.0
    private var shown = false

    /// `NOC_PROGRESS_DELAY` (seconds) overrides it: the pseudo-terminal
    /// tests cannot make a run slow enough to pass one second reliably.
    static let delay = ProcessInfo.processInfo.environment["NOC_PROGRESS_DELAY"].flatMap(Double.init) ?? 1.0
    static let interval = 0.1

    /// Whether to draw at all: stderr is a terminal that can erase a line, no `--quiet`.
    static func wanted(quiet: Bool) -> Bool {
        !quiet && Descriptor.isTerminal(2) && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Nil when nothing should be drawn: stderr is not a terminal, `--quiet`,
    /// or a terminal that cannot erase a line.
    static func make(noun: String, total: Int, totalBytes: Int, quiet: Bool) -> ProgressLine? {
        guard wanted(quiet: quiet), total > 0 else { return nil }
        return ProgressLine(noun: noun, total: total, totalBytes: totalBytes,
                            bold: ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    /// `clock` (seconds, monotonic) and `sink` (the terminal) are parameters for tests.
    init(noun: String, total: Int, totalBytes: Int, bold: Bool,
         clock: @escaping @Sendable () -> Double = ProgressLine.now, sink: @escaping @Sendable (String) -> Void = ProgressLine.writeToStandardError) {
        self.noun = noun
        self.total = total
        self.totalBytes = max(totalBytes, 1)
        self.bold = bold
        self.clock = clock
        self.sink = sink
        start = clock()
    }

    /// The work turned out smaller (a shard of the selection).
    func narrow(total: Int, totalBytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.total = total
        self.totalBytes = max(totalBytes, 1)
    }

    /// One more item done, `bytes` of input behind it. Any thread.
    func advance(bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        self.bytes += bytes
        let t = clock()
        guard t - start >= Self.delay, t - lastDraw >= Self.interval else { return }
        lastDraw = t
        draw(line(elapsed: t - start))
    }

    /// Runs `body` (which writes a line) with the progress line erased.
    func printing(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        erase()
        body()
    }

    /// Erases the line for good (the work is over).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        erase()
        lastDraw = .infinity
    }

    func line(elapsed: Double) -> String {
        let rate = Double(bytes) / max(elapsed, 0.001)
        let left = rate > 0 ? Double(totalBytes - bytes) / rate : 0
        let count = "\(done)/\(total) \(noun)"
        return "noc-report: \(bold ? "\u{1B}[1m" + count + "\u{1B}[0m" : count) · \(String(format: "%.1f", rate / 1e6)) MB/s · \(Self.clock(left)) left"
    }

    static func clock(_ seconds: Double) -> String {
        // Clamped: a rate near zero must not overflow Int.
        let s = Int(min(max(0, seconds.isFinite ? seconds : 0), 359_999).rounded())
        return s >= 3600 ? "\(s / 3600):\(String(format: "%02d:%02d", s / 60 % 60, s % 60))" : "\(s / 60):\(String(format: "%02d", s % 60))"
    }

    private func draw(_ text: String) {
        sink("\r\u{1B}[2K" + text)
        shown = true
    }

    private func erase() {
        guard shown else { return }
        sink("\r\u{1B}[2K")
        shown = false
    }

    static func writeToStandardError(_ text: String) {
        StandardError.write(text)
    }

    static func now() -> Double {
        MonotonicClock.seconds()
    }
}
