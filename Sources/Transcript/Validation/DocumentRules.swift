/// Field-by-field checks of one parsed document, by what it is. Fields the
/// replay already reports on (`status`, `event_log`, `error_detail`, an
/// interaction's `steps` type) are left to it, so nothing is said twice.
enum DocumentRules {
    /// FORMAT.md §2.
    static let session: [FieldRule] = [
        FieldRule("scenario", .string, expected: true),
        FieldRule("alert_text", .string, expected: true),
        FieldRule("created_at", .timestamp, expected: true),
        FieldRule("updated_at", .timestamp, expected: true),
        FieldRule("steps", .array),
        FieldRule("diagnosis", .stringOrNull),
        FieldRule("run_meta", .objectOrNull),
        FieldRule("thread_id", .stringOrNull),
        FieldRule("turn_count", .count),
        FieldRule("_docType", .string),
        FieldRule("_ts", .number),
    ]

    /// FORMAT.md §6: a session whose event log is stored in chunks.
    static let manifest: [FieldRule] = session + [
        FieldRule("chunk_count", .count, expected: true),
        FieldRule("chunk_ids", .stringArray),
    ]

    /// FORMAT.md §6.
    /// `chunk_index` is the catalogue's (bad_chunk_index), for every chunk of a session.
    static let chunk: [FieldRule] = [
        FieldRule("events", .array, expected: true),
        FieldRule("scenario", .string),
        FieldRule("_ts", .number),
    ]

    /// FORMAT.md §7.
    static let interaction: [FieldRule] = [
        FieldRule("scenario", .string, expected: true),
        FieldRule("query", .string, expected: true),
        FieldRule("steps", .present, expected: true),
        FieldRule("diagnosis", .stringOrNull),
        FieldRule("run_meta", .objectOrNull),
        FieldRule("created_at", .timestamp, expected: true),
        FieldRule("_docType", .string),
        FieldRule("_ts", .number),
    ]

    static func check(_ doc: JSONValue, rules: [FieldRule], at location: SourceLocation,
                      sessionID: String?) -> [Problem] {
        var out: [Problem] = []
        for rule in rules {
            guard let value = doc[rule.name] else {
                if rule.expected {
                    out.append(Problem(.missingField, location, sessionID: sessionID, field: rule.name,
                                       "\(rule.name) is missing (expected \(rule.expect.noun))"))
                }
                continue
            }
            if let (code, what) = rule.mismatch(value) {
                out.append(Problem(code, location, sessionID: sessionID, field: rule.name, "\(rule.name) is \(what)"))
            }
        }
        return out
    }

    /// Checks of a session document beyond its fields' types.
    static func sessionExtras(_ doc: JSONValue, isManifest: Bool, at location: SourceLocation,
                              sessionID: String?) -> [Problem] {
        var out: [Problem] = []
        let header = SessionHeader(doc)
        if !isManifest && header.eventLog == nil {
            out.append(Problem(.missingField, location, sessionID: sessionID, field: "event_log",
                                         "event_log is missing and there is no chunk_count: the conversation is empty"))
        }
        if let created = header.created, let updated = header.updated, updated < created {
            out.append(Problem(.timestampsOutOfOrder, location, sessionID: sessionID, field: "updated_at",
                                         "updated_at \(quoted(header.updatedAt?.string ?? "")) is before created_at \(quoted(header.createdAt?.string ?? ""))"))
        }
        // §6: chunk_ids are "<id>:chunk-<i>" for every i below chunk_count.
        if isManifest, let id = sessionID, let count = header.chunkCount?.int, count >= 0, count <= Catalog.maxChunks,
           let ids = header.chunkIDs, ids.isArray {
            let written = ids.elements.map { $0.string ?? $0.displayText }
            let wanted = (0..<count).map { "\(id):chunk-\($0)" }
            if written != wanted {
                let firstBad = zip(written, wanted).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, wanted.count)
                out.append(Problem(.chunkIDsMismatch, location, sessionID: sessionID, field: "chunk_ids",
                                   "chunk_ids lists \(written.count) id\(written.count == 1 ? "" : "s") for chunk_count \(count); the first difference is at position \(firstBad) (expected \(quoted(firstBad < wanted.count ? wanted[firstBad] : "nothing")))"))
            }
        }
        return out
    }

    /// §6: a chunk's id is "<session_id>:chunk-<chunk_index>".
    static func chunkExtras(_ doc: JSONValue, at location: SourceLocation, sessionID: String?) -> [Problem] {
        guard let sid = sessionID, let index = doc["chunk_index"]?.int, let id = doc["id"]?.string else { return [] }
        let wanted = "\(sid):chunk-\(index)"
        guard id != wanted else { return [] }
        return [Problem(.chunkIDMismatch, location, sessionID: sessionID, field: "id",
                        "the chunk's id is \(quoted(id)), expected \(quoted(wanted)) from its session_id and chunk_index")]
    }
}
