/// The top-level fields of a session or interaction document (FORMAT.md §2,
/// §6, §7) that the replay, the outcome, selection, summaries and reports read,
/// decoded in one pass over the document's keys. Values that go into the
/// transcript stay as written (`JSONValue`: missing, null and wrong types
/// stay distinguishable, §4); the last occurrence of a key wins, as in
/// `JSON.parse`.
public struct SessionHeader: Sendable {
    public var id: String?
    public var alertText: JSONValue?
    public var createdAt: JSONValue?
    public var updatedAt: JSONValue?
    public var status: JSONValue?
    public var errorDetail: JSONValue?
    /// As written; `scenario` is its text when it is a string.
    public var scenarioAsWritten: JSONValue?
    public var threadID: JSONValue?
    /// The exporting API's mark of a log it could not read whole (§6).
    public var partial = false
    public var chunkCount: JSONValue?
    public var chunkIDs: JSONValue?
    public var eventLog: JSONValue?
    /// The steps a session records beside its log (§6), or an interaction's (§7).
    public var steps: JSONValue?
    public var diagnosis: JSONValue?
    public var runMeta: JSONValue?
    /// An interaction's question (§7).
    public var query: JSONValue?

    public init(_ document: JSONValue) {
        for (key, value) in document.members {
            switch key {
            case "id": id = value.string
            case "alert_text": alertText = value
            case "created_at": createdAt = value
            case "updated_at": updatedAt = value
            case "status": status = value
            case "error_detail": errorDetail = value
            case "scenario": scenarioAsWritten = value
            case "thread_id": threadID = value
            case "partial": partial = value.isTrue
            case "chunk_count": chunkCount = value
            case "chunk_ids": chunkIDs = value
            case "event_log": eventLog = value
            case "steps": steps = value
            case "diagnosis": diagnosis = value
            case "run_meta": runMeta = value
            case "query": query = value
            default: break
            }
        }
    }

    public var scenario: String? { scenarioAsWritten?.string }

    /// `created_at` when it is an ISO-8601 date-time.
    public var created: Timestamp? { createdAt?.string.flatMap(Timestamp.parse) }
    /// `updated_at` when it is an ISO-8601 date-time.
    public var updated: Timestamp? { updatedAt?.string.flatMap(Timestamp.parse) }
}
