import Transcript

/// Everything a report shows, decided before any writing: a plain tree of
/// values that both writers (Markdown and HTML) read, and nothing else.
/// It holds no parsed JSON, so the session's parsed bytes can be released
/// once it is built.
public struct ReportModel: Sendable {
    /// Output base file name, for links.
    public var name: String
    public var kind: DocumentKind
    public var id: String
    /// "<scenario>: <short alert>".
    public var title: String
    public var scenario: String?
    /// The first operator message (the alert), as written.
    public var alert: String?
    /// The alert on one line, cut to about 90 characters.
    public var shortAlert: String
    /// The document's `status` as written (nil when missing or not a string).
    public var status: String?
    public var outcome: OutcomeSummary
    /// The summary facts table, in display order.
    public var facts: [Fact]
    /// "1 turn · 4 steps (2 failed) · 4m 25s · 1,234 tokens", or what is
    /// known of a log that is not there ("event log lost · ...").
    public var headline: String
    public var stats: Stats
    public var turns: [Turn]
    /// Said in the Timeline when no turn could be rebuilt.
    public var emptyTimelineText: String
    /// Data integrity: every warning of the transcript, in words.
    public var warnings: [Warning]
    /// "fixture.json, document 0".
    public var source: String
    public var timeZone: DisplayTimeZone
    public var stamp: String?
    public var indexFileName: String?
    /// Which redaction rules fired (`--redact`); nil when not redacted.
    public var redaction: RedactionReport? = nil
    /// From the last turn's final answer; nil when no turn answered.
    public var findings: KeyFindings? = nil
    /// Every dispatch action, in order.
    public var dispatches: [Dispatch] = []
    /// Said at the top when the log is capped or partial.
    public var banner: String? = nil
    /// The postmortem's short timeline.
    public var keyEvents: [KeyEvent] = []
    /// What the rebuilt event log holds (`.events` for any non-empty log).
    public var logState: LogState = .events
    /// The document's own record of a lost log (FORMAT.md §6); nil otherwise.
    public var recorded: RecordedRun? = nil
}

extension ReportModel {
    /// One row of the summary table.
    public struct Fact: Sendable {
        public var label: String
        public var value: String
        /// Ids and other machine text, shown in monospace.
        public var isCode: Bool
    }

    /// Counts and times the index and the header need.
    public struct Stats: Sendable {
        public var created: Timestamp?
        /// `created_at` in the display zone, or as written when unreadable.
        public var createdText: String?
        public var updatedText: String?
        /// First to last timestamp seen anywhere in the session.
        public var durationSeconds: Double?
        public var turnCount: Int
        public var stepCount: Int
        public var failedStepCount: Int
        /// Sum of `runMeta.tokens`; nil when no turn reported any.
        public var tokens: Int?
        /// Agents in order of first use.
        public var agents: [String]
        /// Agents of failed steps, in order of first failure.
        public var failingAgents: [String]
        /// Kinds of the failed steps, in order of first occurrence.
        public var failedKinds: [StepErrorKind]
        public var eventCount: Int
        public var ignoredEvents: Int
    }

    /// Markdown written by an agent (diagnosis, response, document). Kept as
    /// source: each writer converts it (`CommonMark`) with its heading floor.
    public struct AgentMarkdown: Sendable {
        public var source: String
    }
}
