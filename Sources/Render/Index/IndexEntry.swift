import Transcript

/// What the index needs about one session: small, so a run over a large
/// archive keeps one of these per session and drops the rest of the model.
public struct IndexEntry: Sendable, Codable, Equatable {
    public var id: String
    /// Output base file name: the reports are `<name>.html` and `<name>.md`.
    public var name: String
    public var kind: DocumentKind
    public var created: Timestamp?
    /// `created_at` in the report's zone ("2026-02-20 10:01:02 UTC").
    public var createdText: String?
    public var scenario: String?
    /// Interactions are `completed` (FORMAT.md §7).
    public var category: Outcome.Category
    public var reason: Outcome.Reason
    public var turns: Int
    public var steps: Int
    public var durationSeconds: Double?
    /// The alert on one line, at most 200 characters.
    public var alertExcerpt: String
    public var failingAgents: [String]
    public var failedStepKinds: [StepErrorKind]
    public var warningCount: Int
    /// What `--redact` did to the session; nil when not redacted.
    public var redaction: RedactionReport?
    /// The final answer's severity line; nil when it has none.
    public var severity: String?
    /// One line: the incident summary's first sentence, or the failure reason.
    public var finding: String?

    public init(_ m: ReportModel) {
        id = m.id
        name = m.name
        kind = m.kind
        created = m.stats.created
        createdText = m.stats.createdText
        scenario = m.scenario
        category = m.outcome.category
        reason = m.outcome.reason
        turns = m.stats.turnCount
        steps = m.stats.stepCount
        durationSeconds = m.stats.durationSeconds
        alertExcerpt = m.alert.map { TextForm.shortLine($0, limit: 196) } ?? ""
        failingAgents = m.stats.failingAgents
        failedStepKinds = m.stats.failedKinds
        warningCount = m.warnings.count
        redaction = m.redaction
        severity = m.findings?.severity.map { TextForm.shortLine($0, limit: 60) }
        finding = (m.findings?.firstSentence ?? m.outcome.reasonLabel).map { TextForm.shortLine($0, limit: 160) }
    }

    /// Newest first by `created` (sessions without one last), then by id,
    /// then by name, so the order never depends on the input order.
    public static func newestFirst(_ a: IndexEntry, _ b: IndexEntry) -> Bool {
        switch (a.created, b.created) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: break
        }
        if a.id != b.id { return a.id < b.id }
        return a.name < b.name
    }
}

/// What the index says about the run as a whole.
public struct IndexContext: Sendable {
    public var title: String
    /// Notes about the run ("3 duplicates dropped", "2 documents skipped").
    public var runNotes: [String]
    /// Sessions per page; larger archives get index-2, index-3, ...
    public var pageSize: Int
    /// Generation time text, shown only when set.
    public var stamp: String?
    /// What the run that last changed the archive did ("12 rendered in this
    /// run, 536 unchanged"); nil outside an archive folder.
    public var runSummary: String?
    /// The selection filters of that run ("--outcome failed"); empty when none.
    public var runFilters: [String] = []

    public init(title: String = "NOC investigations", runNotes: [String] = [], pageSize: Int = 500, stamp: String? = nil) {
        self.title = title
        self.runNotes = runNotes
        self.pageSize = max(1, pageSize)
        self.stamp = stamp
    }
}
