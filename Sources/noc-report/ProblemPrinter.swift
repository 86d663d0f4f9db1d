import ByteLevel
import Foundation
import Transcript

/// Writes problems to standard output, as text or JSON Lines, in batches.
struct ProblemPrinter {
    let json: Bool
    let errorsOnly: Bool
    let diagnostics: Diagnostics
    private let color: Bool
    private let interactive: Bool
    private var buffer: [UInt8] = []
    private(set) var errors = 0
    private(set) var warnings = 0

    init(json: Bool, errorsOnly: Bool, diagnostics: Diagnostics) {
        self.json = json
        self.errorsOnly = errorsOnly
        self.diagnostics = diagnostics
        interactive = Descriptor.isTerminal(1)
        let env = ProcessInfo.processInfo.environment
        color = !json && interactive && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }

    mutating func print(_ problems: [Problem]) {
        for p in problems {
            if p.severity == .error { errors += 1 } else { warnings += 1 }
            guard p.severity == .error || !errorsOnly else { continue }
            if json {
                buffer += p.jsonLine
            } else {
                buffer += Array(colored(p.description, p.severity).utf8)
                buffer.append(0x0A)
            }
        }
        // A terminal sees each line at once; a pipe gets large writes.
        if interactive || buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        diagnostics.output(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func colored(_ line: String, _ severity: Problem.Severity) -> String {
        guard color else { return line }
        let word = severity.rawValue + "["
        guard let r = line.range(of: ": " + word) else { return line }
        let paint = severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        return line.replacingCharacters(in: r, with: ": " + paint + severity.rawValue + "\u{1B}[0m[")
    }
}
