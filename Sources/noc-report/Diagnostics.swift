import ByteLevel
import Foundation
import Transcript

/// The one place that prints problems and decides the exit code.
final class Diagnostics: @unchecked Sendable {
    enum Level: Int { case quiet, normal, verbose }
    let level: Level
    let strict: Bool
    private let lock = NSLock()
    private(set) var errors = 0
    private(set) var warnings = 0
    /// The worst status a reported problem asks for (`Problem.exitStatus`).
    private var worst = ExitStatus.success
    /// Warnings printed so far at the normal level (at most `shownWarnings`).
    private var printedWarnings = 0
    private var hiddenWarnings = 0
    static let shownWarnings = 5
    private let color: Bool
    /// Under --redact every line goes through it before it is printed: the
    /// reader's messages quote ids and document text.
    var redactor: Redactor?
    /// The progress line, erased before every line printed here.
    var progress: ProgressLine?
    /// Redaction rules already said to be over budget (said once a run).
    private var rulesSaidOverBudget: Set<String> = []

    init(level: Level, strict: Bool) {
        self.level = level
        self.strict = strict
        color = Descriptor.isTerminal(2) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func report(_ problem: Problem) {
        lock.lock(); worst = max(worst, problem.exitStatus(strict: strict)); lock.unlock()
        if problem.isRepeat { lock.lock(); errors += 1; lock.unlock(); return }
        switch problem.severity {
        case .error: error(problem.text)
        case .warning: warning(problem.text)
        }
    }

    // Messages quote session text (ids, errors): its control characters are
    // escaped so that it never drives the terminal; only ours colour it.

    func error(_ text: String) {
        let text = escapingControls(text)
        lock.lock(); errors += 1; lock.unlock()
        emit(color ? "\u{1B}[1;31merror:\u{1B}[0m " + text : "error: " + text)
    }

    func warning(_ text: String, count: Bool = true) {
        let text = escapingControls(text)
        guard shouldPrintWarning(counted: count) else { return }
        emit(color ? "\u{1B}[1;33mwarning:\u{1B}[0m " + text : "warning: " + text)
    }

    /// Every warning is counted; at the normal level only the first five of
    /// the run are printed (the rest are counted for `closingNote`).
    private func shouldPrintWarning(counted: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if counted { warnings += 1 }
        switch level {
        case .verbose: return true
        case .quiet: return strict
        case .normal:
            if printedWarnings < Self.shownWarnings { printedWarnings += 1; return true }
            hiddenWarnings += 1
            return false
        }
    }

    /// Session warnings, one line each: where, what, and what the report did.
    func sessionWarnings(_ t: Transcript) {
        ruleBudgetWarnings(t)
        for w in t.warnings {
            guard shouldPrintWarning(counted: true) else { continue }
            let text = escapingControls(Self.warningLine(w, in: t))
            emit(color ? "\u{1B}[1;33mwarning:\u{1B}[0m " + text : "warning: " + text)
        }
    }

    static func warningLine(_ w: Problem, in t: Transcript) -> String {
        w.sessionLine(source: t.input.source, sessionID: t.id)
    }

    /// An unchanged session's warnings, as its manifest entry kept them:
    /// the kept lines are said again and the rest counted, as when it was rendered.
    func recordedWarnings(_ lines: [String], count: Int) {
        for line in lines { warning(line) }
        for _ in 0..<max(0, count - lines.count) { _ = shouldPrintWarning(counted: true) }
    }

    /// Once a run per rule: a user pattern ran out of its step budget on a
    /// field of `t`. The line names the rule only (no session text) and is
    /// not passed through the redactor: the slow pattern would redact it.
    private func ruleBudgetWarnings(_ t: Transcript) {
        guard let rules = t.input.redaction?.rulesOverBudget, !rules.isEmpty else { return }
        lock.lock()
        let fresh = rules.filter { rulesSaidOverBudget.insert($0).inserted }
        warnings += fresh.count
        lock.unlock()
        guard level != .quiet || strict else { return }
        for rule in fresh {
            let text = escapingControls("redaction rule \(rule) ran out of its step budget on a field (1.5 million matcher steps, more for long fields): "
                + "such fields are redacted whole, never shown unredacted; simplify the pattern (nested repetition such as (a+)+ backtracks exponentially)")
            emit(color ? "\u{1B}[1;33mwarning:\u{1B}[0m " + text : "warning: " + text, redacting: false)
        }
    }

    /// "… 12 more (-v shows all, validate lists them)" after the closing line,
    /// when warnings were counted but not printed.
    func closingNote() {
        lock.lock(); let hidden = hiddenWarnings; lock.unlock()
        guard hidden > 0 else { return }
        info("… \(hidden) more warning\(hidden == 1 ? "" : "s") (-v shows all, validate lists them)")
    }

    func info(_ text: String) {
        guard level != .quiet else { return }
        emit(escapingControls(text))
    }

    /// `redacting: false` only for lines that quote no session text.
    func emit(_ line: String, redacting: Bool = true) {
        let shown = redacting ? redactor.map { $0.redactMessage(line) } ?? line : line
        lock.lock()
        defer { lock.unlock() }
        let write = { StandardError.write(shown + "\n") }
        if let progress { progress.printing(write) } else { write() }
    }

    /// Writes command output to standard output (which may be the same
    /// terminal as the progress line).
    func output(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let write = { StandardOutput.write(bytes) }
        if let progress { progress.printing(write) } else { write() }
    }

    /// "noc-report: 12 sessions rendered, 1 skipped, 3 warnings → out/index.html"
    func summary(_ done: Int, _ noun: String, _ verb: String, skipped: Int) {
        closingNote()  // before the summary, so the summary stays the last line
        let w = warnings
        info("noc-report: \(done) \(noun)\(done == 1 ? "" : "s") \(verb), \(skipped) skipped, \(w) warning\(w == 1 ? "" : "s")")
    }

    /// 0 all rendered; 1 some documents could not be read or rendered (or
    /// warnings under --strict); 2 nothing readable.
    func exitCode(rendered: Int) -> ExitStatus {
        lock.lock(); defer { lock.unlock() }
        return max(worst, ExitStatus.after(errors: errors, warnings: warnings, strict: strict, done: rendered))
    }
}
