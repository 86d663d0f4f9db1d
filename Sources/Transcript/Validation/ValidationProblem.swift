/// One way a document departs from FORMAT.md, found by `Validator`.
public struct ValidationProblem: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var code: ValidationCode
    public var severity: Severity { code.severity }
    public var location: SourceLocation
    /// The session the document belongs to (a chunk's `session_id`), when known.
    public var sessionID: String?
    /// Position in the (reassembled) event log, as in transcript warnings.
    public var eventIndex: Int?
    /// The field concerned, e.g. `created_at` or `event_log[3].turn`.
    public var field: String?
    public var message: String

    public init(_ code: ValidationCode, _ location: SourceLocation, sessionID: String? = nil, eventIndex: Int? = nil,
                field: String? = nil, _ message: String) {
        self.code = code
        self.location = location
        self.sessionID = sessionID
        self.eventIndex = eventIndex
        self.field = field
        self.message = message
    }
}

/// Every problem `validate` reports, with its severity in this one table.
///
/// An error means the export cannot be archived as it is: something in it
/// cannot be read, cannot be reported, or is missing (FORMAT.md §1, §6). A
/// warning means FORMAT.md says how to cope (§2: "a warning about the
/// document, never a crash") and `render` does so.
public enum ValidationCode: String, Sendable, CaseIterable {
    // The reader (InputProblem.Code)
    case unreadableFile = "unreadable_file", notUTF8 = "not_utf8", emptyFile = "empty_file"
    case invalidJSON = "invalid_json", truncated, tooDeep = "too_deep", tooLarge = "document_too_large"
    case trailingContent = "trailing_content", notAnObject = "not_an_object", missingID = "missing_id"
    case chunkWithoutSession = "chunk_without_session", badChunkIndex = "bad_chunk_index", badChunkCount = "bad_chunk_count"
    case orphanChunks = "orphan_chunks", ignoredChunks = "ignored_chunks", summaryListing = "summary_listing"
    case fileChanged = "file_changed"
    // The replay (TranscriptWarning.Code)
    case malformedEventData = "malformed_event_data", nonObjectEventData = "non_object_event_data"
    case missingEventType = "missing_event_type", eventBeforeRunStart = "event_before_run_start"
    case unknownEventType = "unknown_event_type", truncatedLog = "truncated_log"
    case statusInconsistent = "status_inconsistent", fieldTypeMismatch = "field_type_mismatch"
    case duplicateSessionDropped = "duplicate_session_dropped", missingChunks = "missing_chunks"
    case invalidUTF8 = "invalid_utf8", partialLog = "partial_log", lostLog = "lost_log"
    // Checks of their own
    case missingField = "missing_field", unknownDocType = "unknown_doc_type"
    case badTimestamp = "bad_timestamp", timestampsOutOfOrder = "timestamps_out_of_order"
    case chunkIDsMismatch = "chunk_ids_mismatch", chunkIDMismatch = "chunk_id_mismatch"
    case duplicateChunk = "duplicate_chunk"

    public var severity: ValidationProblem.Severity {
        switch self {
        case .unreadableFile, .notUTF8, .emptyFile, .invalidJSON, .truncated, .tooDeep, .tooLarge, .trailingContent,
             .notAnObject, .missingID, .chunkWithoutSession, .orphanChunks, .summaryListing, .fileChanged,
             .missingChunks, .invalidUTF8:
            return .error
        default:
            return .warning
        }
    }

    init(_ code: InputProblem.Code) {
        // Same names; writeFailed never reaches validation (it writes nothing).
        self = ValidationCode(rawValue: code.rawValue) ?? .unreadableFile
    }

    init(_ code: TranscriptWarning.Code) {
        self = ValidationCode(rawValue: code.rawValue) ?? .fieldTypeMismatch
    }
}
