/// Checks every document of an input set against FORMAT.md: the reader's
/// problems, the replay's warnings, and the rules in this folder. Pure and
/// thread-safe: `problems(forDocument:)` may run for many documents at once;
/// joining each document's list in order gives a deterministic report.
public struct Validator: Sendable {
    public let documents: DocumentTable
    let catalog: Catalog
    let loader: DocumentLoader
    /// Catalogue item index of each document that is one (a session or interaction to report).
    let itemOfDocument: [Int: Int]
    /// Reader and catalogue problems, placed before the document they precede.
    let before: [[Problem]]
    /// Problems placed after the last document.
    public let trailing: [Problem]
    /// A chunk whose (session, index) was already seen: the first document's position.
    let duplicateChunkOf: [Int: Int]

    /// `readerProblems`: problems found before scanning (files that cannot be
    /// opened) and by the scans, in input order.
    public init(files: [InputFile], documents: DocumentTable, readerProblems: [Problem], maxDepth: Int = 512) {
        self.documents = documents
        let catalog = Catalog(documents: documents)
        self.catalog = catalog
        loader = DocumentLoader(files: files, maxDepth: maxDepth)

        var key: [DocumentKey: Int] = [:]
        for (i, ref) in documents.enumerated() { key[DocumentKey(ref)] = i }
        var items: [Int: Int] = [:]
        for (n, item) in catalog.items.enumerated() {
            if let i = key[DocumentKey(item.document)] { items[i] = n }
        }
        itemOfDocument = items

        var seenChunk: [ChunkKey: Int] = [:]
        var duplicates: [Int: Int] = [:]
        for (i, ref) in documents.enumerated() where DocumentClass(ref.header, inListing: ref.inListing) == .chunk {
            guard let sid = ref.header.sessionID, let index = ref.header.chunkIndex else { continue }
            let chunk = ChunkKey(session: sid, index: index)
            if let first = seenChunk[chunk] { duplicates[i] = first } else { seenChunk[chunk] = i }
        }
        duplicateChunkOf = duplicates

        // Order by (file, byte offset); a file's name stands for its position.
        var fileOrder: [String: Int] = [:]
        for (i, f) in files.enumerated() where fileOrder[f.displayName] == nil { fileOrder[f.displayName] = i }
        let placed = (readerProblems + catalog.problems).map { p in
            (file: fileOrder[p.location.document?.file ?? ""] ?? -1, offset: p.location.document?.byteOffset ?? 0, problem: Self.convert(p))
        }
        var buckets = Array(repeating: [Problem](), count: documents.count)
        var rest: [Problem] = []
        // Stable: problems at the same place keep the order they were found in.
        let ordered = placed.enumerated().sorted {
            ($0.element.file, $0.element.offset, $0.offset) < ($1.element.file, $1.element.offset, $1.offset)
        }
        for p in ordered.map(\.element) {
            if let i = Self.firstDocument(atOrAfter: (p.file, p.offset), in: documents) {
                buckets[i].append(p.problem)
            } else {
                rest.append(p.problem)
            }
        }
        before = buckets
        trailing = rest
    }

    /// Index of the first document at or after `position` (documents are in input order).
    static func firstDocument(atOrAfter position: (Int, Int), in documents: DocumentTable) -> Int? {
        let i = documents.partitioningIndex { ($0.fileIndex, $0.location.byteOffset) >= position }
        return i < documents.endIndex ? i : nil
    }

    /// Everything to report for document `i`, preceded by the reader's
    /// problems that come before it in the input.
    public func problems(forDocument i: Int) -> [Problem] {
        let ref = documents[i]
        let cls = DocumentClass(ref.header, inListing: ref.inListing)
        let sessionID = cls == .chunk ? ref.header.sessionID : ref.header.id
        if let n = itemOfDocument[i] {
            return before[i] + reportedProblems(item: n, at: ref.location, sessionID: sessionID)
        }
        return before[i] + unreportedProblems(document: i, cls, sessionID: sessionID)
    }

    /// A document the catalogue reports on: loaded, replayed and checked.
    private func reportedProblems(item n: Int, at location: SourceLocation, sessionID: String?) -> [Problem] {
        var out: [Problem] = []
        switch loader.load(catalog.items[n]) {
        case .failure(let problem):
            out.append(Self.convert(problem, sessionID: sessionID))
        case .success(let input):
            let isManifest = catalog.items[n].isChunked
            let rules = input.kind == .interaction ? DocumentRules.interaction : (isManifest ? DocumentRules.manifest : DocumentRules.session)
            out += DocumentRules.check(input.document, rules: rules, at: location, sessionID: sessionID)
            if input.kind == .session {
                out += DocumentRules.sessionExtras(input.document, isManifest: isManifest, at: location, sessionID: sessionID)
            }
            let transcript = Replay.run(input)
            out += transcript.warnings.map { w in
                Problem(w.code, location, sessionID: sessionID, eventIndex: w.location.eventIndex,
                        field: w.location.eventIndex.map { "event_log[\($0)]" }, w.message)
            }
            if input.kind == .session {
                out += EventRules.check(EventLog.events(input), at: location, sessionID: sessionID)
            }
            out += TimestampRules.check(transcript, at: location, sessionID: sessionID)
        }
        return out
    }

    /// A document not reported on its own (a chunk, an older duplicate, an
    /// id-less document): still checked, since it is part of the export.
    private func unreportedProblems(document i: Int, _ cls: DocumentClass, sessionID: String?) -> [Problem] {
        let ref = documents[i]
        let location = ref.location
        var out: [Problem] = []
        switch cls {
        case .summaryItem, .notAnObject:
            return out  // the catalogue's problem says it all
        case .other(let type):
            out.append(Problem(.unknownDocType, location, sessionID: sessionID, field: "_docType",
                               type.hasPrefix("(") ? "the document has \(type.dropFirst().dropLast()) and does not look like a session or an interaction: it is skipped"
                                                             : "_docType \(quoted(type)) is not session, session_chunk or interaction: the document is skipped"))
        default:
            break
        }
        var warnings: [Problem] = []
        switch loader.parse(ref, warnings: &warnings) {
        case .failure(let problem):
            out.append(Self.convert(problem, sessionID: sessionID))
        case .success(let doc):
            out += warnings.map { Problem($0.code, location, sessionID: sessionID, $0.message) }
            out += ruleProblems(doc, document: i, cls, sessionID: sessionID)
        }
        return out
    }

    /// The document rules for a parsed document of class `cls`.
    private func ruleProblems(_ doc: JSONValue, document i: Int, _ cls: DocumentClass, sessionID: String?) -> [Problem] {
        let ref = documents[i]
        let location = ref.location
        switch cls {
        case .chunk:
            var out = DocumentRules.check(doc, rules: DocumentRules.chunk, at: location, sessionID: sessionID)
            out += DocumentRules.chunkExtras(doc, at: location, sessionID: sessionID)
            if let first = duplicateChunkOf[i] {
                out.append(Problem(.duplicateChunk, location, sessionID: sessionID, field: "chunk_index",
                                   "chunk \(ref.header.chunkIndex ?? -1) of session \(quoted(sessionID ?? "")) also appears at \(documents[first].location): the newest copy is used"))
            }
            return out
        case .session:
            let manifest = !ref.header.keys.contains(.eventLog) && (ref.header.keys.contains(.chunkCount) || ref.header.keys.contains(.chunkIDs))
            return DocumentRules.check(doc, rules: manifest ? DocumentRules.manifest : DocumentRules.session, at: location, sessionID: sessionID)
                + DocumentRules.sessionExtras(doc, isManifest: manifest, at: location, sessionID: sessionID)
        case .interaction:
            return DocumentRules.check(doc, rules: DocumentRules.interaction, at: location, sessionID: sessionID)
        default:
            return []
        }
    }

    static func convert(_ p: Problem, sessionID: String? = nil) -> Problem {
        p.validated(sessionID: sessionID)
    }
}

private struct DocumentKey: Hashable {
    var file: Int
    var offset: Int
    init(_ ref: DocumentRef) {
        file = ref.fileIndex
        offset = ref.location.byteOffset
    }
}

private struct ChunkKey: Hashable {
    var session: String
    var index: Int
}
