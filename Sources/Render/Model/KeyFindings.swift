extension ReportModel {
    /// What the final diagnosis says, by section (FORMAT of the orchestrator's
    /// situation report and its short forms). Every text here is the agent's
    /// own, copied from a recognised heading or line; a section the
    /// diagnosis does not have stays nil or empty.
    public struct KeyFindings: Sendable, Equatable {
        /// The turn whose final answer the findings come from (1-based).
        public var turnNumber: Int = 0
        public var severity: String?
        public var confidence: String?
        /// Incident summary: the section's text, paragraph by paragraph.
        public var summary: [String] = []
        /// The first is the top root cause.
        public var rootCauses: [RootCause] = []
        public var blastRadius: [String] = []
        /// In the agent's order, each with the lists nested in it.
        public var actions: [ActionItem] = []
        /// Ticket ids (INC…, CHG…) and the lines they came from.
        public var precedents: [String] = []
        public var precedentTickets: [String] = []
        public var risk: [String] = []
        /// Titles of sections the agent marked "Data unavailable due to query error."
        public var gaps: [String] = []

        public init() {}

        public var isEmpty: Bool {
            severity == nil && confidence == nil && summary.isEmpty && rootCauses.isEmpty && blastRadius.isEmpty
                && actions.isEmpty && precedents.isEmpty && risk.isEmpty && gaps.isEmpty
        }

        /// The index's one line: the incident summary's first sentence.
        public var firstSentence: String? {
            guard let p = summary.first else { return nil }
            return KeyFindingsExtractor.firstSentence(p)
        }
    }

    public struct RootCause: Sendable, Equatable {
        public var text: String
        /// Evidence for / against / remediation lines, as written.
        public var details: [String]
    }

    /// A recommended action: its own text and what the agent nested under it.
    public struct ActionItem: Sendable, Equatable {
        public var text: String
        public var subItems: [SubItem] = []
    }

    /// A paragraph or list item nested in a list item; `level` 1 is directly inside it.
    public struct SubItem: Sendable, Equatable {
        public var text: String
        public var level: Int
    }

    /// A `dispatch_field_engineer` action, for the findings.
    public struct Dispatch: Sendable, Equatable {
        public var dispatchID: String?
        public var urgency: String?
        public var destination: String?
        public var engineer: String?
        public var status: String?
        /// "Turn 1, step 5".
        public var place: String
        public var anchor: String
    }
}

extension ReportModel {
    /// One line of the key-events timeline.
    public struct KeyEvent: Sendable, Equatable {
        public var time: String?
        public var what: String
        public var anchor: String?
    }
}
