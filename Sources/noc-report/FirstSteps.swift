import Foundation

/// What a new user sees first: the usage of a bare `noc-report`, and the
/// guess at a mistyped command name.
enum FirstSteps {
    static let usage = """
    noc-report: turn exported NOC investigation sessions into postmortem reports.

    Usage: noc-report <command> <export.json | folder | -> [options]

    Most useful:
      noc-report render export.json -o reports      # Markdown, HTML, JSON per session + reports/index.html
      noc-report summary export.json                # counts per outcome, failure reason, scenario, day
      noc-report validate export.json               # every problem in the export, with where it is

    Commands: render, transcript, summary, validate, index.
    More: noc-report <command> --help, and README.md.

    """

    /// The subcommand `word` is probably a typo of, when `word` is not an
    /// option, not a command and not an existing path; nil otherwise.
    static func suggestion(for word: String, subcommands: [String],
                           exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String? {
        guard !word.hasPrefix("-"), !subcommands.contains(word), !word.contains("/"), !word.contains("."),
              !exists(word) else { return nil }
        let lower = word.lowercased()
        let scored = subcommands.map { ($0, distance(lower, $0)) }.filter { $0.1 <= max(1, min(2, $0.0.count / 3)) }
        if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
        // A prefix of a command ("rend", "val") is also a guess.
        if lower.count >= 3, let p = subcommands.first(where: { $0.hasPrefix(lower) }) { return p }
        return nil
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
