/// Decides, from the first pass alone, which documents become reports:
/// classification (§1), duplicate ids (newest wins), chunk reassembly (§6).
public struct Catalog: Sendable {
    /// One session or interaction to replay, in input order of its first
    /// appearance (the survivor of duplicates is reported at that position).
    public struct Item: Sendable {
        public var document: DocumentRef
        public var kind: DocumentKind
        /// For a chunk manifest: its chunks by index (duplicates removed).
        public var chunks: [DocumentRef]
        public var chunkCount: Int?
        public var missingChunks: [Int]
        public var warnings: [TranscriptWarning]
        public var isChunked: Bool
    }

    /// FORMAT.md §6: a chunk holds 100 events and logs are capped at 2000
    /// (20 chunks). A `chunk_count` or `chunk_index` beyond this cannot be
    /// real, and believing one would allocate without bound (a 70-byte
    /// manifest with `"chunk_count": 999999999` asked for 8 GB).
    public static let maxChunks = 10_000

    public var items: [Item] = []
    public var problems: [InputProblem] = []
    public var documentsRead = 0
    public var otherDocuments: [String: Int] = [:]
    public var summaryItems = 0
    public var duplicatesDropped = 0
    public var orphanChunks: [(sessionID: String, chunks: Int)] = []

    public init(documents: [DocumentRef]) {
        documentsRead = documents.count
        var order: [String] = []
        var best: [String: (ref: DocumentRef, kind: DocumentKind, dropped: [DocumentRef])] = [:]
        var chunksBySession: [String: [DocumentRef]] = [:]
        var chunkOrder: [String] = []
        var firstSummary: SourceLocation? = nil

        for ref in documents {
            let cls = DocumentClass(ref.header, inListing: ref.inListing)
            let kind: DocumentKind
            switch cls {
            case .session: kind = .session
            case .interaction: kind = .interaction
            case .chunk:
                guard let sid = ref.header.sessionID else {
                    problems.append(InputProblem(.error, ref.location, "a session_chunk without a string session_id", action: "skipped it", code: .chunkWithoutSession))
                    continue
                }
                if chunksBySession[sid] == nil { chunkOrder.append(sid) }
                chunksBySession[sid, default: []].append(ref)
                continue
            case .summaryItem:
                summaryItems += 1
                if firstSummary == nil { firstSummary = ref.location }
                continue
            case .other(let type):
                otherDocuments[type, default: 0] += 1
                continue
            case .notAnObject:
                problems.append(InputProblem(.error, ref.location, "the document is not a JSON object", action: "skipped it", code: .notAnObject))
                continue
            }
            guard let id = ref.header.id else {
                let what = ref.header.nonStringID.map { "its id is not a string (\($0))" } ?? "it has no id"
                problems.append(InputProblem(.error, ref.location, "a \(kind.rawValue) document cannot be reported: \(what)", action: "skipped it", code: .missingID))
                continue
            }
            if var existing = best[id] {
                duplicatesDropped += 1
                if Self.newer(ref, than: existing.ref) {
                    existing.dropped.append(existing.ref)
                    existing.ref = ref
                    existing.kind = kind
                } else {
                    existing.dropped.append(ref)
                }
                best[id] = existing
            } else {
                best[id] = (ref, kind, [])
                order.append(id)
            }
        }

        var usedChunks = Set<String>()
        for id in order {
            guard let entry = best[id] else { continue }
            var warnings: [TranscriptWarning] = []
            for dropped in entry.dropped {
                let stamp = dropped.header.updatedAt.map { "updated_at \($0)" } ?? "no updated_at"
                warnings.append(.init(.duplicateSessionDropped,
                                      "another copy of this session at \(dropped.location) (\(stamp)) was dropped; this copy (updated_at \(entry.ref.header.updatedAt ?? "missing")) is newer"))
            }
            var item = Item(document: entry.ref, kind: entry.kind, chunks: [], chunkCount: nil, missingChunks: [],
                            warnings: warnings, isChunked: false)
            let h = entry.ref.header
            // FORMAT.md §6: a document that has its own event_log uses it.
            if entry.kind == .session && h.keys.contains(.eventLog), let found = chunksBySession[id], !found.isEmpty {
                item.warnings.append(.init(.ignoredChunks, "\(found.count) chunk\(found.count == 1 ? "" : "s") of this session found in the input \(found.count == 1 ? "was" : "were") ignored: the document carries its own event_log, which was used"))
            }
            if entry.kind == .session && !h.keys.contains(.eventLog) && (h.keys.contains(.chunkCount) || h.keys.contains(.chunkIDs)) {
                item.isChunked = true
                usedChunks.insert(id)
                var byIndex: [Int: DocumentRef] = [:]
                for chunk in chunksBySession[id] ?? [] {
                    guard let index = chunk.header.chunkIndex, index >= 0, index < Self.maxChunks else {
                        let what = chunk.header.chunkIndex.map { "chunk_index \($0), outside 0..<\(Self.maxChunks)" } ?? "no usable chunk_index"
                        problems.append(InputProblem(.warning, chunk.location, "a chunk of session \(id) has \(what)", action: "ignored it", code: .badChunkIndex))
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
                var count = h.chunkCount ?? ((found.last ?? -1) + 1)
                if count < 0 || count > Self.maxChunks {
                    problems.append(InputProblem(.warning, entry.ref.location,
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
            items.append(item)
        }
        for sid in chunkOrder where !usedChunks.contains(sid) {
            let chunks = chunksBySession[sid] ?? []
            orphanChunks.append((sid, chunks.count))
            guard let first = chunks.first else { continue }
            let plural = chunks.count == 1 ? "" : "s"
            if best[sid] != nil {
                problems.append(InputProblem(.warning, first.location,
                                             "\(chunks.count) chunk\(plural) of session \(sid) found, but that session's document carries its own event_log (orphan_chunks)",
                                             action: "the chunks were ignored; the document's event_log was used", code: .ignoredChunks))
            } else {
                problems.append(InputProblem(.warning, first.location,
                                             "\(chunks.count) chunk\(plural) of session \(sid) \(chunks.count == 1 ? "has" : "have") no manifest (session document) in the input (orphan_chunks)",
                                             action: "not rendered; export the session document too", code: .orphanChunks))
            }
        }
        if let firstSummary {
            problems.append(InputProblem(.error, firstSummary,
                                         "\(summaryItems) item\(summaryItems == 1 ? " is a session summary" : "s are session summaries") (GET /api/sessions), not full documents",
                                         action: "nothing rendered for them; export full documents with GET /api/sessions/{id}, GET /query/sessions?limit=N or a Cosmos container export",
                                         code: .summaryListing))
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
