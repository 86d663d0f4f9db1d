/// What a run read and skipped, for the index's notes.
public struct RunCounts: Sendable, Codable, Equatable {
    public var documentsRead = 0
    public var duplicatesDropped = 0
    public var otherDocuments = 0
    public var summaryItems = 0
    public var orphanChunkSessions = 0
    /// Documents that could not be read or rendered.
    public var unreadable = 0

    public init() {}

    /// "1,204 documents read", "3 older duplicates dropped", ...
    public var notes: [String] {
        func n(_ count: Int, _ one: String, _ many: String) -> String { "\(TextForm.grouped(count)) \(count == 1 ? one : many)" }
        var notes = [n(documentsRead, "document read", "documents read")]
        if duplicatesDropped > 0 { notes.append(n(duplicatesDropped, "older duplicate dropped", "older duplicates dropped")) }
        if otherDocuments > 0 { notes.append(n(otherDocuments, "non-session document skipped", "non-session documents skipped")) }
        if summaryItems > 0 { notes.append(n(summaryItems, "summary-only item not rendered", "summary-only items not rendered")) }
        if orphanChunkSessions > 0 {
            notes.append(n(orphanChunkSessions, "session with chunks but no manifest (orphan chunks)", "sessions with chunks but no manifest (orphan chunks)"))
        }
        if unreadable > 0 { notes.append(n(unreadable, "document could not be read", "documents could not be read")) }
        return notes
    }

    /// Counts of several shards of one run: every shard read the whole
    /// input (the same counts), but each rendered only its own sessions.
    public static func merged(_ shards: [RunCounts]) -> RunCounts {
        var total = RunCounts()
        for s in shards {
            total.documentsRead = max(total.documentsRead, s.documentsRead)
            total.duplicatesDropped = max(total.duplicatesDropped, s.duplicatesDropped)
            total.otherDocuments = max(total.otherDocuments, s.otherDocuments)
            total.summaryItems = max(total.summaryItems, s.summaryItems)
            total.orphanChunkSessions = max(total.orphanChunkSessions, s.orphanChunkSessions)
            total.unreadable += s.unreadable
        }
        return total
    }
}
