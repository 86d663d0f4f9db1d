/// Where a problem is, as far as the finder knew: the input document, the
/// session, the event or field in it; for a write failure, the file written.
/// A transcript's warnings leave `document` and `sessionID` to the
/// transcript that holds them (its `input.source` and `id`).
public struct ProblemLocation: Sendable, Hashable {
    /// File, document index or line, byte offset.
    public var document: SourceLocation?
    /// The session concerned (a chunk's `session_id`), when known.
    public var sessionID: String?
    /// Position in the (reassembled) event log.
    public var eventIndex: Int?
    /// The field concerned, e.g. `created_at` or `event_log[3].turn`.
    public var field: String?
    /// The output file a write failure concerns (`out/abc.html`).
    public var output: String?

    public init(document: SourceLocation? = nil, sessionID: String? = nil, eventIndex: Int? = nil,
                field: String? = nil, output: String? = nil) {
        self.document = document
        self.sessionID = sessionID
        self.eventIndex = eventIndex
        self.field = field
        self.output = output
    }
}
