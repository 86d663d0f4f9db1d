/// A problem with the input itself (not with one session's content).
public struct InputProblem: Error, Sendable, CustomStringConvertible {
    public enum Severity: Sendable { case error, warning }
    /// Stable names for scripts (`validate --json`).
    public enum Code: String, Sendable, CaseIterable {
        case unreadableFile = "unreadable_file", notUTF8 = "not_utf8", emptyFile = "empty_file"
        case invalidJSON = "invalid_json", truncated, tooDeep = "too_deep", tooLarge = "document_too_large"
        case trailingContent = "trailing_content", notAnObject = "not_an_object", missingID = "missing_id"
        case chunkWithoutSession = "chunk_without_session", badChunkIndex = "bad_chunk_index", badChunkCount = "bad_chunk_count"
        case orphanChunks = "orphan_chunks", ignoredChunks = "ignored_chunks", summaryListing = "summary_listing"
        case fileChanged = "file_changed", writeFailed = "write_failed"
    }
    public var severity: Severity
    public var code: Code
    public var location: SourceLocation
    /// What was wrong.
    public var what: String
    /// What the tool did about it.
    public var action: String

    public init(_ severity: Severity, _ location: SourceLocation, _ what: String, action: String, code: Code) {
        self.severity = severity
        self.code = code
        self.location = location
        self.what = what
        self.action = action
    }

    /// The same problem as one already reported (a changed file's other
    /// documents): counted, not printed again.
    public var isRepeat = false

    public var description: String { "\(location): \(what); \(action)" }
}

/// The shape of an input file, detected from its bytes (FORMAT.md §1).
public enum ExportShape: String, Sendable {
    case array = "container export (JSON array)"
    case listing = "session listing ({\"sessions\": [...]})"
    case interactionsListing = "interactions listing ({\"interactions\": [...]})"
    case single = "single document"
    case jsonLines = "JSON Lines"
    case empty = "empty"
}
