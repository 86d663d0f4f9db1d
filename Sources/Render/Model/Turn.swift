import Transcript

extension ReportModel {
    /// One operator message and the orchestrator run that answered it.
    public struct Turn: Sendable {
        /// 1-based position in the session; anchors use it (`turn-2`).
        public var number: Int
        public var anchor: String
        /// "Initial alert" or "Follow-up 1".
        public var title: String
        public var operatorMessages: [OperatorMessage]
        /// When the run started, in the display zone.
        public var startedText: String?
        /// First to last timestamp seen in the turn.
        public var durationText: String?
        /// False for an operator message no run answered.
        public var hasRun: Bool
        /// Steps and everything else that happened, in order.
        public var entries: [TimelineEntry]
        public var diagnosis: AgentMarkdown?
        /// v2 `message.delta` text of an answer that never completed.
        public var unfinishedAnswer: String?
        public var runMeta: RunMeta?
        /// The orchestrator message's `errorMessage`, when its status is error
        /// and no `error` note of the timeline already shows it.
        public var errorMessage: String?
        /// Said when the turn has no diagnosis ("No final answer ...").
        public var missingAnswerNote: String?
        /// Why this turn failed, from its own `error` event (FORMAT.md §2:
        /// `error_detail` only describes the last turn); nil when it did not.
        public var failure: TurnFailure? = nil
    }

    /// An `error` event of a turn, classified by FORMAT.md §8 rule 3.
    public struct TurnFailure: Sendable {
        public var reason: Outcome.Reason
        /// "Agent run interrupted", ...
        public var reasonLabel: String
        public var eventIndex: Int

        /// "This turn ended with an error: Agent run interrupted (error event 7)."
        public var sentence: String { "This turn ended with an error: \(reasonLabel) (error event \(eventIndex))." }
    }

    public struct OperatorMessage: Sendable {
        public var text: String
        public var timeText: String?
        /// Taken from `alert_text` because the log had no user message (FORMAT.md §4 rule 6).
        public var fromAlertText: Bool
    }

    /// The run's own summary (`run_complete`).
    public struct RunMeta: Sendable {
        public var steps: String?
        public var tokens: String?
        public var time: String?

        /// "4 steps · 1,234 tokens · 41.3s".
        public var summary: String {
            var parts: [String] = []
            if let s = steps { parts.append(Int(s).map { TextForm.plural($0, "step") } ?? "\(s) steps") }
            if let tk = tokens { parts.append("\(tk) tokens") }
            if let tm = time { parts.append(tm) }
            return parts.isEmpty ? "reported, without figures" : parts.joined(separator: " · ")
        }
    }

    public enum TimelineEntry: Sendable {
        case step(Step)
        /// Started (`step_started` / `tool_call.start`) but never completed.
        case stepInFlight(PendingStep)
        case note(Note)
    }

    public struct PendingStep: Sendable {
        public var number: String
        public var anchor: String
        public var agent: String?
        public var timeText: String?
        public var query: String?
        public var reasoning: String?
    }

    /// Something that happened in a turn that is not a step (FORMAT.md §4, last paragraph).
    public struct Note: Sendable {
        public enum Kind: String, Sendable {
            case retry, cancelRequested = "cancel_requested", status, thread, error, gap
        }
        public var kind: Kind
        /// "Retry", "Cancellation requested", ...
        public var title: String
        public var text: String
        public var eventIndex: Int?
    }
}
