import ByteLevel
import Foundation

/// `--format pdf`: the report's print HTML printed to PDF by headless
/// Chromium, one process per report in a private temporary folder, with a
/// timeout. At most `maxProcesses` run at once, whatever `--jobs` says:
/// each one takes a few hundred MB.
struct ChromiumPrinter: Sendable {
    let executable: String
    let timeout: TimeInterval
    static let debianPackage = "chromium"
    static let maxProcesses = 4
    private let slots: Slots

    /// Chromium given with `--chromium`, else `chromium` (or Chrome) on PATH;
    /// the error says what to install.
    static func locate(_ given: String?, jobs: Int, timeout: TimeInterval = 180) -> Result<ChromiumPrinter, PrintFailure> {
        let fm = FileManager.default
        if let given {
            guard fm.isExecutableFile(atPath: given) else { return .failure(.missing("--chromium \(given): no executable file there")) }
            return .success(ChromiumPrinter(executable: given, timeout: timeout, jobs: jobs))
        }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in dirs where fm.isExecutableFile(atPath: "\(dir)/\(name)") {
                return .success(ChromiumPrinter(executable: "\(dir)/\(name)", timeout: timeout, jobs: jobs))
            }
        }
        return .failure(.missing("no chromium on PATH"))
    }

    private init(executable: String, timeout: TimeInterval, jobs: Int) {
        self.executable = executable
        self.timeout = timeout
        slots = Slots(max(1, min(jobs, Self.maxProcesses)))
    }

    /// The PDF of `html`. The HTML, Chromium's profile and the PDF live in
    /// a folder only this user can read, removed afterwards.
    func pdf(html: [UInt8]) throws -> [UInt8] {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("noc-report-pdf-" + UUID().uuidString)
        // Not withIntermediateDirectories: fails if anything is already at that name.
        try fm.createDirectory(at: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? fm.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html"), out = dir.appendingPathComponent("report.pdf")
        try Data(html).write(to: page)
        let log = dir.appendingPathComponent("chromium.log")
        guard fm.createFile(atPath: log.path, contents: nil) else { throw PrintFailure.failed("cannot create a file in \(dir.path)", "") }
        let status = try slots.holding { try run(page: page, pdf: out, profile: dir.appendingPathComponent("profile"), log: log) }
        guard let bytes = fm.contents(atPath: out.path), bytes.starts(with: Array("%PDF".utf8)) else {
            let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(2).joined(separator: " / ") ?? ""
            throw PrintFailure.failed(status.map { "\(executable) exited with status \($0) without writing a PDF" }
                ?? "\(executable) did not finish within \(Int(timeout)) s (stopped)", tail)
        }
        return [UInt8](bytes)
    }

    /// Runs Chromium; its exit status, or nil when it was stopped at the timeout.
    private func run(page: URL, pdf: URL, profile: URL, log: URL) throws -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
                       "--disable-extensions", "--disable-dev-shm-usage", "--user-data-dir=" + profile.path,
                       "--print-to-pdf=" + pdf.path, page.absoluteString]
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        p.standardOutput = logHandle
        p.standardError = logHandle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { MonotonicClock.sleep(microseconds: 50_000) }
        guard !p.isRunning else {
            p.terminate()
            let grace = Date().addingTimeInterval(5)
            while p.isRunning && Date() < grace { MonotonicClock.sleep(microseconds: 50_000) }
            if p.isRunning { ProcessControl.forceKill(p.processIdentifier) }
            p.waitUntilExit()
            return nil
        }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A counting semaphore: at most `count` Chromium processes at once.
    final class Slots: @unchecked Sendable {
        private let semaphore: DispatchSemaphore
        init(_ count: Int) { semaphore = DispatchSemaphore(value: count) }
        func holding<T>(_ body: () throws -> T) rethrows -> T {
            semaphore.wait()
            defer { semaphore.signal() }
            return try body()
        }
    }
}

/// Why no PDF was written.
enum PrintFailure: Error, CustomStringConvertible {
    case missing(String)
    case failed(String, String)

    var description: String {
        switch self {
        case .missing(let why):
            return "--format pdf needs Chromium: \(why) (install the Debian package '\(ChromiumPrinter.debianPackage)': apt-get install chromium, or give its path with --chromium PATH)"
        case .failed(let why, let log):
            return "PDF not written: \(why)" + (log.isEmpty ? "" : " (Chromium said: \(log.prefix(300)))")
        }
    }
}
