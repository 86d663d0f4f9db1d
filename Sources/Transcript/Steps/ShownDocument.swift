/// The top-level fields of a session or interaction document (FORMAT.md §2,
/// §7) that a report shows, as shown, read in one pass over the document's
/// keys (the last occurrence of a key wins, as in `JSON.parse`).
public struct ShownDocument: Sendable {
    public var alertText: ShownValue?
    /// An interaction's question (§7).
    public var query: ShownValue?
    public var scenario: ShownValue?
    public var status: ShownValue?
    public var createdAt: ShownValue?
    public var updatedAt: ShownValue?
    public var threadID: ShownValue?
    /// The last answer any turn wrote (§2), not necessarily the last turn's.
    public var diagnosis: ShownValue?

    public init(_ document: JSONValue) {
        for (key, value) in document.members {
            switch key {
            case "alert_text": alertText = ShownValue(value)
            case "query": query = ShownValue(value)
            case "scenario": scenario = ShownValue(value)
            case "status": status = ShownValue(value)
            case "created_at": createdAt = ShownValue(value)
            case "updated_at": updatedAt = ShownValue(value)
            case "thread_id": threadID = ShownValue(value)
            case "diagnosis": diagnosis = ShownValue(value)
            default: break
            }
        }
    }
}

extension Transcript {
    /// The document's fields as a report shows them.
    public var shownDocument: ShownDocument { ShownDocument(input.document) }
}
