extension ReportModel {
    /// FORMAT.md §6: what the session document itself keeps when its event
    /// log was lost (restart recovery of a chunked session): `steps`,
    /// `diagnosis` and `run_meta`. Shown instead of a timeline, never
    /// counted as "0 steps".
    public struct RecordedRun: Sendable {
        public var heading: String
        /// Why these steps are shown and what they are not (no turns, no times between them).
        public var explanation: String
        public var steps: [Step]
        /// The document's `diagnosis`: the last answer any turn wrote (§2).
        public var diagnosis: AgentMarkdown?
        /// The document's `run_meta`: the last run summary written.
        public var runMeta: RunMeta?

        public static let heading = "Steps recorded on the session document (the event log was lost)"
    }

    /// What the rebuilt event log holds, for the sentences that would
    /// otherwise count "0 steps" of a log that is not there.
    public enum LogState: Sendable, Equatable {
        /// At least one event (possibly with gaps: the banner says so).
        case events
        /// No event, and nothing says any is missing.
        case empty
        /// No event because every chunk named by the manifest is missing.
        case missing
        /// No event, and the exporting API marked the document `partial`.
        case incomplete
        /// No event, but the document records steps (`recorded`).
        case lost
    }
}
