/// Decides, from the first pass alone, which documents become reports:
/// classification (§1), duplicate ids (newest wins), chunk reassembly (§6).
public struct Catalog: Sendable {
    /// One session or interaction to replay, in input order of its first
    /// appearance (the survivor of duplicates is reported at that position).
    /// A position in the catalogue's table of documents, not a copy: a
    /// catalogue of 300,000 sessions costs a few dozen bytes per item on top
    /// of the table the first pass built.
    public struct Item: Sendable {
        // 24 bytes: a 32-bit position next to the kind.
        private let table: Table
        /// What a plain session does not need, out of line.
        private var details: Details?
        private let position: Int32
        public var kind: DocumentKind

        init(table: Table, position: Int, kind: DocumentKind) {
            self.table = table
            self.position = Int32(position)
            self.kind = kind
        }

        public var document: DocumentRef { table.documents[Int(position)] }
        /// For a chunk manifest: its chunks by index (duplicates removed).
        public var chunks: [DocumentRef] {
            get { details?.value.chunks ?? [] }
            set { change { $0.chunks = newValue } }
        }
        public var chunkCount: Int? {
            get { details?.value.chunkCount }
            set { change { $0.chunkCount = newValue } }
        }
        public var missingChunks: [Int] {
            get { details?.value.missingChunks ?? [] }
            set { change { $0.missingChunks = newValue } }
        }
        public var warnings: [Problem] {
            get { details?.value.warnings ?? [] }
            set { change { $0.warnings = newValue } }
        }
        public var isChunked: Bool {
            get { details?.value.isChunked ?? false }
            set { change { $0.isChunked = newValue } }
        }

        struct More: Sendable {
            var chunks: [DocumentRef] = []
            var chunkCount: Int?
            var missingChunks: [Int] = []
            var warnings: [Problem] = []
            var isChunked = false
        }

        final class Details: Sendable {
            let value: More
            init(_ value: More) { self.value = value }
        }

        private mutating func change(_ body: (inout More) -> Void) {
            var more = details?.value ?? More()
            body(&more)
            details = Details(more)
        }
    }

    /// The first pass's documents, shared by every item.
    final class Table: Sendable {
        let documents: DocumentTable
        init(_ documents: DocumentTable) { self.documents = documents }
    }

    /// FORMAT.md §6: a chunk holds 100 events and logs are capped at 2000
    /// (20 chunks). A `chunk_count` or `chunk_index` beyond this cannot be
    /// real, and believing one would allocate without bound (a 70-byte
    /// manifest with `"chunk_count": 999999999` asked for 8 GB).
    public static let maxChunks = 10_000

    public var items: [Item] = []
    public var problems: [Problem] = []
    public var documentsRead = 0
    public var otherDocuments: [String: Int] = [:]
    public var summaryItems = 0
    public var duplicatesDropped = 0
    public var orphanChunks: [(sessionID: String, chunks: Int)] = []

    public init(documents: [DocumentRef]) {
        self.init(documents: DocumentTable(documents))
    }

    public init(documents: DocumentTable) {
        documentsRead = documents.count
        let table = Table(documents)
        var sorting = Sorting()
        for (position, ref) in documents.enumerated() {
            guard let kind = classify(ref, into: &sorting) else { continue }
            register(ref, at: position, kind: kind, documents: documents, into: &sorting)
        }
        items.reserveCapacity(sorting.order.count)
        var usedChunks = Set<NameDigest>()
        for first in sorting.order {
            guard let id = documents[first].header.id, let entry = sorting.best[NameDigest(id)] else { continue }
            var item = Item(table: table, position: entry.position, kind: entry.kind)
            let winner = documents[entry.position]
            noteSetAside(&item, id: id, winner: winner, sorting: sorting)
            let h = winner.header
            if entry.kind == .session && !h.keys.contains(.eventLog) && (h.keys.contains(.chunkCount) || h.keys.contains(.chunkIDs)) {
                usedChunks.insert(NameDigest(id))
                assembleChunks(&item, id: id, manifest: winner, chunks: sorting.chunksBySession[NameDigest(id)] ?? [])
            }
            items.append(item)
        }
        reportOrphans(sorting, usedChunks: usedChunks)
        if let firstSummary = sorting.firstSummary {
            problems.append(Problem(.error, firstSummary,
                                    "\(summaryItems) item\(summaryItems == 1 ? " is a session summary" : "s are session summaries") (GET /api/sessions), not full documents",
                                    action: "nothing rendered for them; export full documents with GET /api/sessions/{id}, GET /query/sessions?limit=N or a Cosmos container export",
                                    code: .summaryListing))
        }
    }

    /// The first pass's documents sorted out, before items are made.
    /// Survivors by id: their position in the table; the few dropped copies
    /// aside (a dictionary of full references per id cost ~1 KB per session).
    private struct Sorting {
        var order: [Int] = []  // positions of first appearances
        /// By a digest of the id's bytes: a String key per session cost
        /// about 100 bytes at the first pass's peak (and two ids are the
        /// same only byte for byte, as the frontend compares them).
        var best: [NameDigest: (position: Int, kind: DocumentKind)] = [:]
        var dropped: [NameDigest: [DocumentRef]] = [:]
        var chunksBySession: [NameDigest: [DocumentRef]] = [:]
        var chunkOrder: [String] = []
        var firstSummary: SourceLocation? = nil
    }

    /// The kind of a document that may become a report; nil for the rest,
    /// which are counted, kept as chunks, or reported as problems here.
    private mutating func classify(_ ref: DocumentRef, into sorting: inout Sorting) -> DocumentKind? {
        switch DocumentClass(ref.header, inListing: ref.inListing) {
        case .session: return .session
        case .interaction: return .interaction
        case .chunk:
            guard let sid = ref.header.sessionID else {
                problems.append(Problem(.error, ref.location, "a session_chunk without a string session_id", action: "skipped it", code: .chunkWithoutSession))
                return nil
            }
            if sorting.chunksBySession[NameDigest(sid)] == nil { sorting.chunkOrder.append(sid) }
            sorting.chunksBySession[NameDigest(sid), default: []].append(ref)
        case .summaryItem:
            summaryItems += 1
            if sorting.firstSummary == nil { sorting.firstSummary = ref.location }
        case .other(let type):
            otherDocuments[type, default: 0] += 1
        case .notAnObject:
            problems.append(Problem(.error, ref.location, "the document is not a JSON object", action: "skipped it", code: .notAnObject))
        }
        return nil
    }

    /// A session or interaction by its id: the first copy, or a newer one (FORMAT.md §1).
    private mutating func register(_ ref: DocumentRef, at position: Int, kind: DocumentKind,
                                   documents: DocumentTable, into sorting: inout Sorting) {
        guard let id = ref.header.id else {
            let what = ref.header.nonStringID.map { "its id is not a string (\($0))" } ?? "it has no id"
            problems.append(Problem(.error, ref.location, "a \(kind.rawValue) document cannot be reported: \(what)", action: "skipped it", code: .missingID))
            return
        }
        let key = NameDigest(id)
        guard let existing = sorting.best[key] else {
            sorting.best[key] = (position, kind)
            sorting.order.append(position)
            return
        }
        duplicatesDropped += 1
        let current = documents[existing.position]
        if Self.newer(ref, than: current) {
            sorting.dropped[key, default: []].append(current)
            sorting.best[key] = (position, kind)
        } else {
            sorting.dropped[key, default: []].append(ref)
        }
    }

    /// The warnings of what was set aside for the winner: older copies, and
    /// chunks of a session that carries its own event_log (§6).
    private func noteSetAside(_ item: inout Item, id: String, winner: DocumentRef, sorting: Sorting) {
        for copy in sorting.dropped[NameDigest(id)] ?? [] {
            let stamp = copy.header.updatedAt.map { "updated_at \($0)" } ?? "no updated_at"
            item.warnings.append(.init(.duplicateSessionDropped,
                                       "another copy of this session at \(copy.location) (\(stamp)) was dropped; this copy (updated_at \(winner.header.updatedAt ?? "missing")) is newer"))
        }
        // FORMAT.md §6: a document that has its own event_log uses it.
        if item.kind == .session && winner.header.keys.contains(.eventLog), let found = sorting.chunksBySession[NameDigest(id)], !found.isEmpty {
            item.warnings.append(.init(.ignoredChunks, "\(found.count) chunk\(found.count == 1 ? "" : "s") of this session found in the input \(found.count == 1 ? "was" : "were") ignored: the document carries its own event_log, which was used"))
        }
    }

    /// FORMAT.md §6: a chunk manifest's chunks by index (the newest copy of
    /// each), its chunk count, and the chunks missing.
    private mutating func assembleChunks(_ item: inout Item, id: String, manifest: DocumentRef, chunks: [DocumentRef]) {
        item.isChunked = true
        var byIndex: [Int: DocumentRef] = [:]
        for chunk in chunks {
            guard let index = chunk.header.chunkIndex, index >= 0, index < Self.maxChunks else {
                let what = chunk.header.chunkIndex.map { "chunk_index \($0), outside 0..<\(Self.maxChunks)" } ?? "no usable chunk_index"
                problems.append(Problem(.warning, chunk.location, "a chunk of session \(id) has \(what)", action: "ignored it", code: .badChunkIndex))
                continue
            }
            if let other = byIndex[index] {
                if Self.newer(chunk, than: other) { byIndex[index] = chunk }
            } else {
                byIndex[index] = chunk
            }
        }
        let found = byIndex.keys.sorted()
        item.chunks = found.compactMap { byIndex[$0] }
        var count = manifest.header.chunkCount ?? ((found.last ?? -1) + 1)
        if count < 0 || count > Self.maxChunks {
            problems.append(Problem(.warning, manifest.location,
                                    "session \(id) has chunk_count \(count), outside 0...\(Self.maxChunks)",
                                    action: "used the \(found.count) chunk\(found.count == 1 ? "" : "s") found instead", code: .badChunkCount))
            count = (found.last ?? -1) + 1
        }
        item.chunkCount = count
        let present = Set(found)
        item.missingChunks = (0..<max(count, (found.last ?? -1) + 1)).filter { !present.contains($0) }
        if !item.missingChunks.isEmpty {
            item.warnings.append(.init(.missingChunks, "chunk\(item.missingChunks.count == 1 ? "" : "s") \(Self.ranges(item.missingChunks)) of \(count) \(item.missingChunks.count == 1 ? "is" : "are") missing from the input: the transcript is partial"))
        }
    }

    /// Chunks no manifest in the input used (orphan_chunks).
    private mutating func reportOrphans(_ sorting: Sorting, usedChunks: Set<NameDigest>) {
        for sid in sorting.chunkOrder where !usedChunks.contains(NameDigest(sid)) {
            let chunks = sorting.chunksBySession[NameDigest(sid)] ?? []
            orphanChunks.append((sid, chunks.count))
            guard let first = chunks.first else { continue }
            let plural = chunks.count == 1 ? "" : "s"
            if sorting.best[NameDigest(sid)] != nil {
                problems.append(Problem(.warning, first.location,
                                        "\(chunks.count) chunk\(plural) of session \(sid) found, but that session's document carries its own event_log (orphan_chunks)",
                                        action: "the chunks were ignored; the document's event_log was used", code: .ignoredChunks))
            } else {
                problems.append(Problem(.warning, first.location,
                                        "\(chunks.count) chunk\(plural) of session \(sid) \(chunks.count == 1 ? "has" : "have") no manifest (session document) in the input (orphan_chunks)",
                                        action: "not rendered; export the session document too", code: .orphanChunks))
            }
        }
    }

    /// "1, 3–7, 9" for [1, 3, 4, 5, 6, 7, 9] (sorted input).
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < numbers.count {
            var j = i
            while j + 1 < numbers.count && numbers[j + 1] == numbers[j] + 1 { j += 1 }
            parts.append(j - i >= 2 ? "\(numbers[i])–\(numbers[j])" : (i...j).map { String(numbers[$0]) }.joined(separator: ", "))
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// FORMAT.md §1: newest `updated_at` (as an instant; missing or unreadable
    /// loses), then newest `_ts`; on a full tie the first read stays.
    static func newer(_ a: DocumentRef, than b: DocumentRef) -> Bool {
        let ta = a.header.updatedAt.flatMap(Timestamp.parse)
        let tb = b.header.updatedAt.flatMap(Timestamp.parse)
        switch (ta, tb) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: break
        }
        switch (a.header.ts, b.header.ts) {
        case let (x?, y?): return x > y
        case (_?, nil): return true
        default: return false
        }
    }
}

