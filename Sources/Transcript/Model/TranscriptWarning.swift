/// A problem found in a document, kept with the transcript (never printed by
/// the library). Codes are stable: scripts match on them.
public struct TranscriptWarning: Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        case malformedEventData = "malformed_event_data"
        case nonObjectEventData = "non_object_event_data"
        case missingEventType = "missing_event_type"
        case eventBeforeRunStart = "event_before_run_start"
        case unknownEventType = "unknown_event_type"
        case truncatedLog = "truncated_log"
        case statusInconsistent = "status_inconsistent"
        case fieldTypeMismatch = "field_type_mismatch"
        case duplicateSessionDropped = "duplicate_session_dropped"
        case missingChunks = "missing_chunks"
        case orphanChunks = "orphan_chunks"
        case invalidUTF8 = "invalid_utf8"
        case ignoredChunks = "ignored_chunks"
        case partialLog = "partial_log"
        case lostLog = "lost_log"
    }

    public var code: Code
    public var message: String
    public var eventIndex: Int?

    public init(_ code: Code, _ message: String, eventIndex: Int? = nil) {
        self.code = code
        self.message = message
        self.eventIndex = eventIndex
    }
}
