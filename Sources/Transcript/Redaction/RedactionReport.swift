/// What redaction did to one session: per rule that fired, how many
/// distinct values it found and how many places were replaced. Never the
/// values themselves.
public struct RedactionReport: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        /// The rule's stable id (`email`, `engineer.name`, `user:…`).
        public var rule: String
        public var summary: String
        public var kind: String
        /// Distinct values the rule found first.
        public var values: Int
        /// Places replaced: where the rule matched, plus every other place
        /// the same values appeared.
        public var occurrences: Int

        public init(rule: String, summary: String, kind: String, values: Int, occurrences: Int) {
            self.rule = rule
            self.summary = summary
            self.kind = kind
            self.values = values
            self.occurrences = occurrences
        }
    }

    /// Rules that fired, in the rule set's order.
    public var entries: [Entry]
    /// Ids of user patterns that ran out of their step budget on some field
    /// (that field was redacted whole). Said on stderr, not stored.
    public var rulesOverBudget: [String] = []

    private enum CodingKeys: String, CodingKey { case entries }

    public init(entries: [Entry] = []) { self.entries = entries }

    public var values: Int { entries.reduce(0) { $0 + $1.values } }
    public var occurrences: Int { entries.reduce(0) { $0 + $1.occurrences } }
    public var isEmpty: Bool { entries.isEmpty }
}
