/// The top-level fields of a session or interaction document (FORMAT.md §2,
/// §7) that a report shows, as shown: a view of the `SessionHeader`.
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

    public init(_ header: SessionHeader) {
        alertText = header.alertText.map(ShownValue.init)
        query = header.query.map(ShownValue.init)
        scenario = header.scenarioAsWritten.map(ShownValue.init)
        status = header.status.map(ShownValue.init)
        createdAt = header.createdAt.map(ShownValue.init)
        updatedAt = header.updatedAt.map(ShownValue.init)
        threadID = header.threadID.map(ShownValue.init)
        diagnosis = header.diagnosis.map(ShownValue.init)
    }

    public init(_ document: JSONValue) { self.init(SessionHeader(document)) }
}

extension Transcript {
    /// The document's fields as a report shows them.
    public var shownDocument: ShownDocument { ShownDocument(header) }
}
