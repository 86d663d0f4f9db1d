import Transcript

extension ReportModel {
    /// One `step_complete` / `tool_call.complete` payload.
    public struct Step: Sendable {
        /// The payload's `step` number, or the position when it has none.
        public var number: String
        /// 1-based position in the turn; anchors use it (`turn-1-step-3`).
        public var position: Int
        public var anchor: String
        public var agent: String?
        public var timeText: String?
        public var duration: String?
        public var query: String?
        public var reasoning: String?
        public var response: AgentMarkdown?
        public var failure: StepFailure?
        public var isAction: Bool
        public var visualizations: [Visualization]
        public var action: Action?
        public var subSteps: [SubStep]
        /// Long steps start folded in HTML.
        public var folded: Bool
        /// Short enough to keep on one printed page.
        public var compact: Bool

        /// Nothing to show below the step's heading.
        public var isEmpty: Bool {
            query == nil && reasoning == nil && response == nil && failure == nil
                && visualizations.isEmpty && action == nil && subSteps.isEmpty
        }
    }

    /// FORMAT.md §8: how the step card classifies a failed step.
    public struct StepFailure: Sendable {
        public var kind: StepErrorKind
        public var code: String?
        public var summary: String
        /// The response as written ("FAILED: [504] Gateway Timeout: ...").
        public var message: String
    }

    /// v2 `sub_steps` item.
    public struct SubStep: Sendable {
        public var index: String?
        public var agent: String?
        public var query: String?
        public var result: String?
    }

    public enum Visualization: Sendable {
        case table(DataTable)
        case documents(Documents)
        /// A type this version does not know: named, with its JSON cut short.
        case other(type: String, json: String)
    }

    /// A `table` or `graph` visualization, capped at `maxTableRows`.
    public struct DataTable: Sendable {
        /// "Table" or "Graph data".
        public var title: String
        public var columns: [Column]
        public var rows: [[String]]
        public var totalRows: Int
        public var hiddenRows: Int
        public var query: String?
    }

    public struct Column: Sendable {
        public var name: String
        public var type: String?
    }

    public struct Documents: Sendable {
        public var content: AgentMarkdown?
        public var agent: String?
        public var citations: [Citation]
        public var searchHits: String?
        public var indexName: String?
    }

    public struct Citation: Sendable {
        public var title: String
        /// As written.
        public var url: String?
        /// Set only for http(s) URLs: anything else is shown as text.
        public var linkURL: String?
    }

    /// An action step (`dispatch_field_engineer`).
    public struct Action: Sendable {
        public var name: String
        public var status: String? = nil
        public var dispatchID: String? = nil
        public var dispatchTime: String? = nil
        public var engineerName: String? = nil
        public var engineerEmail: String? = nil
        public var engineerPhone: String? = nil
        public var urgency: String? = nil
        public var destination: String? = nil
        public var coordinates: String? = nil
        /// `maps_link` as written.
        public var mapsLink: String? = nil
        /// `maps_link` when it is http(s), else nil (shown as text).
        public var mapsURL: String? = nil
        public var sensorIDs: [String]
        public var emailSubject: String? = nil
        public var emailBody: String? = nil
        /// The tool's output when it was not JSON.
        public var rawOutput: String? = nil

        /// A fixed class name for the urgency chip (never the raw text).
        public var urgencyLevel: String {
            switch urgency?.lowercased() {
            case "critical", "urgent", "p1": return "critical"
            case "high", "p2": return "high"
            case "medium", "normal", "p3": return "medium"
            case "low", "p4": return "low"
            default: return "other"
            }
        }
    }
}
