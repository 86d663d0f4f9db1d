import Transcript

/// The index's Redaction totals: per rule, the sessions it fired in and the
/// places it replaced, over the whole archive.
struct RedactionTotals: Sendable {
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
        var tally = Tally()
        for e in entries { tally.add(e) }
        guard let totals = tally.totals else { return nil }
        self = totals
    }

    /// The same counted one entry at a time (IndexTotals reads the entries once).
    struct Tally {
        private var byRule: [String: Rule] = [:]
        private var checked = 0
        private var redacted = 0

        mutating func add(_ e: IndexEntry) {
            guard let r = e.redaction else { return }
            checked += 1
            if !r.isEmpty { redacted += 1 }
            for x in r.entries {
                var rule = byRule[x.rule] ?? Rule(rule: x.rule, summary: x.summary)
                rule.sessions += 1
                rule.values += x.values
                rule.occurrences += x.occurrences
                byRule[x.rule] = rule
            }
        }

        /// Nil when no session went through the redactor.
        var totals: RedactionTotals? {
            guard checked > 0 else { return nil }
            let rules = byRule.values.sorted { $0.occurrences != $1.occurrences ? $0.occurrences > $1.occurrences : $0.rule < $1.rule }
            return RedactionTotals(sessionsChecked: checked, sessionsRedacted: redacted, rules: rules)
        }
    }

    private init(sessionsChecked: Int, sessionsRedacted: Int, rules: [Rule]) {
        self.sessionsChecked = sessionsChecked
        self.sessionsRedacted = sessionsRedacted
        self.rules = rules
    }

    var occurrences: Int { rules.reduce(0) { $0 + $1.occurrences } }
}
