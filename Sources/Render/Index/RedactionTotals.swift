import Transcript

/// The index's Redaction totals: per rule, the sessions it fired in and the
/// places it replaced, over the whole archive.
struct RedactionTotals {
    struct Rule {
        var rule: String
        var summary: String
        var sessions = 0
        var values = 0
        var occurrences = 0
    }

    var sessionsChecked = 0
    var sessionsRedacted = 0
    /// Most places first, then by rule id, so the order never depends on the input's.
    var rules: [Rule] = []

    /// Nil when no session went through the redactor.
    init?(_ entries: some Sequence<IndexEntry>) {
        var byRule: [String: Rule] = [:]
        for e in entries {
            guard let r = e.redaction else { continue }
            sessionsChecked += 1
            if !r.isEmpty { sessionsRedacted += 1 }
            for x in r.entries {
                var rule = byRule[x.rule] ?? Rule(rule: x.rule, summary: x.summary)
                rule.sessions += 1
                rule.values += x.values
                rule.occurrences += x.occurrences
                byRule[x.rule] = rule
            }
        }
        guard sessionsChecked > 0 else { return nil }
        rules = byRule.values.sorted { $0.occurrences != $1.occurrences ? $0.occurrences > $1.occurrences : $0.rule < $1.rule }
    }

    var occurrences: Int { rules.reduce(0) { $0 + $1.occurrences } }
}
