/// Every problem the tool reports, by the stable name scripts match on
/// (`validate --json`, transcript JSON `warnings`, the report's Data
/// integrity section). The README lists them; never rename one.
public enum ProblemCode: String, Sendable, CaseIterable {
    // Reading the input (the scan and the catalogue)
    case unreadableFile = "unreadable_file", notUTF8 = "not_utf8", emptyFile = "empty_file"
    case invalidJSON = "invalid_json", truncated, tooDeep = "too_deep", tooLarge = "document_too_large"
    case trailingContent = "trailing_content", notAnObject = "not_an_object", missingID = "missing_id"
    case chunkWithoutSession = "chunk_without_session", badChunkIndex = "bad_chunk_index", badChunkCount = "bad_chunk_count"
    case orphanChunks = "orphan_chunks", ignoredChunks = "ignored_chunks", summaryListing = "summary_listing"
    case fileChanged = "file_changed"
    // Replaying a session (kept with its transcript)
    case malformedEventData = "malformed_event_data", nonObjectEventData = "non_object_event_data"
    case missingEventType = "missing_event_type", eventBeforeRunStart = "event_before_run_start"
    case unknownEventType = "unknown_event_type", truncatedLog = "truncated_log"
    case statusInconsistent = "status_inconsistent", fieldTypeMismatch = "field_type_mismatch"
    case duplicateSessionDropped = "duplicate_session_dropped", missingChunks = "missing_chunks"
    case invalidUTF8 = "invalid_utf8", partialLog = "partial_log", lostLog = "lost_log"
    // Checks of `validate` alone
    case missingField = "missing_field", unknownDocType = "unknown_doc_type"
    case badTimestamp = "bad_timestamp", timestampsOutOfOrder = "timestamps_out_of_order"
    case chunkIDsMismatch = "chunk_ids_mismatch", chunkIDMismatch = "chunk_id_mismatch"
    case duplicateChunk = "duplicate_chunk"
    // Writing the output (render, transcript, summary, index; never validate)
    case outputFolderUnusable = "output_folder_unusable", reportWriteFailed = "report_write_failed"
    case pdfFailed = "pdf_failed", outputStopped = "output_stopped", indexWriteFailed = "index_write_failed"
    case standardOutputFailed = "stdout_write_failed"

    /// The severity `validate` gives the code, in this one table.
    ///
    /// An error means the export cannot be archived as it is: something in it
    /// cannot be read, cannot be reported, or is missing (FORMAT.md §1, §6). A
    /// warning means FORMAT.md says how to cope (§2: "a warning about the
    /// document, never a crash") and `render` does so. Output codes are all
    /// errors. (`render` reports some input codes more mildly: see `Problem.severity`.)
    public var severity: Problem.Severity {
        switch self {
        case .unreadableFile, .notUTF8, .emptyFile, .invalidJSON, .truncated, .tooDeep, .tooLarge, .trailingContent,
             .notAnObject, .missingID, .chunkWithoutSession, .orphanChunks, .summaryListing, .fileChanged,
             .missingChunks, .invalidUTF8:
            return .error
        case .outputFolderUnusable, .reportWriteFailed, .pdfFailed, .outputStopped, .indexWriteFailed, .standardOutputFailed:
            return .error
        default:
            return .warning
        }
    }

    /// A problem writing output rather than reading input.
    public var isOutput: Bool {
        switch self {
        case .outputFolderUnusable, .reportWriteFailed, .pdfFailed, .outputStopped, .indexWriteFailed, .standardOutputFailed:
            return true
        default:
            return false
        }
    }

    /// The run cannot go on after it: the command ends with `ExitStatus.failure`.
    public var endsRun: Bool {
        switch self {
        case .outputFolderUnusable, .outputStopped, .indexWriteFailed, .standardOutputFailed: return true
        default: return false
        }
    }
}
