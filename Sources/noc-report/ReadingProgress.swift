import Foundation
import Transcript

/// The progress line while the inputs are read, before the sessions are
/// known: standard input copied to a temporary file, then the first pass
/// over the files. Bytes and MB/s only (a pipe has no size), on the same
/// terms as `ProgressLine`: a terminal, after a second, ten redraws a second.
final class ReadingProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let clock: @Sendable () -> Double
    private let sink: @Sendable (String) -> Void
    private let start: Double
    private var lastDraw = 0.0
    private var shown = false
    private var spooled = 0
    private var scanned = 0
    private let totalBytes: Int

    init(totalBytes: Int = 0, clock: @escaping @Sendable () -> Double = ProgressLine.now,
         sink: @escaping @Sendable (String) -> Void = ProgressLine.writeToStandardError) {
        self.totalBytes = totalBytes
        self.clock = clock
        self.sink = sink
        start = clock()
    }

    /// `inputs` opened (standard input spooled), then scanned, with a
    /// progress line when `ProgressLine.wanted`.
    static func read(paths: [String], maxDocumentSize: Int, jobs: Int, quiet: Bool)
        -> (inputs: InputSet, refs: DocumentTable, problems: [Problem], bytes: Int) {
        guard ProgressLine.wanted(quiet: quiet) else {
            let inputs = InputSet(paths: paths)
            let (refs, problems, bytes) = inputs.scan(maxDocumentSize: maxDocumentSize, jobs: jobs)
            return (inputs, refs, problems, bytes)
        }
        let spooling = ReadingProgress()
        InputFile.spoolProgress = { spooling.spooled(total: $0) }
        let inputs = InputSet(paths: paths)
        InputFile.spoolProgress = nil
        spooling.finish()
        let scanning = ReadingProgress(totalBytes: inputs.files.reduce(0) { $0 + $1.size })
        let (refs, problems, bytes) = inputs.scan(maxDocumentSize: maxDocumentSize, jobs: jobs,
                                                  progress: { scanning.scanned(bytes: $0) })
        scanning.finish()
        return (inputs, refs, problems, bytes)
    }

    func spooled(total: Int) {
        update { spooled = total }
    }

    /// One more stretch of the first pass done (any thread).
    func scanned(bytes: Int) {
        update { scanned += bytes }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { sink("\r\u{1B}[2K") }
        shown = false
        lastDraw = .infinity
    }

    private func update(_ change: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change()
        let t = clock()
        guard t - start >= ProgressLine.delay, t - lastDraw >= ProgressLine.interval else { return }
        lastDraw = t
        sink("\r\u{1B}[2K" + line(elapsed: t - start))
        shown = true
    }

    func line(elapsed: Double) -> String {
        let done = spooled > 0 && scanned == 0 ? spooled : scanned
        let rate = String(format: "%.1f MB/s", Double(done) / max(elapsed, 0.001) / 1e6)
        if spooled > 0 && scanned == 0 {
            return "noc-report: reading standard input · \(Self.megabytes(done)) · \(rate)"
        }
        return "noc-report: first pass · \(Self.megabytes(done)) of \(Self.megabytes(totalBytes)) · \(rate)"
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}
