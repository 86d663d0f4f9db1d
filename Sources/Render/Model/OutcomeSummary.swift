import Transcript

extension ReportModel {
    /// The `## Outcome` section: FORMAT.md §8 told in words.
    public struct OutcomeSummary: Sendable {
        public var category: Outcome.Category
        public var reason: Outcome.Reason
        /// "Completed", "Failed", "Completed with errors", ...
        public var label: String
        /// "Agent run interrupted", ...; nil when there is no reason.
        public var reasonLabel: String?
        /// One plain-language paragraph: what happened, why, where.
        public var paragraph: String
        /// The error text quoted in full (it may span lines).
        public var errorText: String?
        /// Legacy "completed" sessions that carry an error (FORMAT.md §2).
        public var countsAsFailed: Bool
        public var retries: Int
        public var failedSteps: [FailedStepRef]

        /// What the quoted `errorText` is called.
        public var errorLabel: String { reason == .cancelledByUser ? "Cancellation message" : "Error message" }
    }

    /// A failed step as the Outcome section lists it, with a link target.
    public struct FailedStepRef: Sendable {
        /// "Turn 1, step 4".
        public var place: String
        public var anchor: String
        public var agent: String?
        public var kind: StepErrorKind
        public var code: String?
        /// The step card's friendly line (`FailedStep.summary`).
        public var summary: String
    }
}
