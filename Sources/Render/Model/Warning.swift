import Transcript

extension ReportModel {
    /// A transcript's warning (`Problem`) for people: what it means, then the detail.
    public struct Warning: Sendable {
        public var code: String
        /// "The event log is incomplete".
        public var title: String
        /// The warning's own message.
        public var detail: String
        public var eventIndex: Int?
    }
}
