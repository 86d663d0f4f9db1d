import Testing
@testable import Transcript

private let withLog = String(chunkedManifest.dropLast()) + #","event_log":["# + userMsg("own") + "]}"

/// Issue 17 items 3, 4 and 5 through the whole pipeline (FORMAT.md §1, §6).
@Suite("FORMAT.md §6: what the API and the backend do with chunks")
struct ChunkExportTests {
    /// Rows: the files, the transcript's warning codes, and its event count.
    @Test(arguments: [
        ("a detail export's event_log wins over stray chunks", "[" + withLog + "," + chunk0 + "," + chunk1 + "]",
         ["ignored_chunks"], 1),
        ("a listing of manifests alone: every chunk missing", #"{"sessions":["# + chunkedManifest + "]}", ["missing_chunks"], 0),
        ("one empty chunk is an empty log, not a missing chunk",
         "[" + chunkedManifest.replacingOccurrences(of: #""chunk_count":3"#, with: #""chunk_count":1"#) + "," + sessionChunk(0, []) + "]", [], 0),
        ("every chunk missing beside steps: a lost log",
         "[" + chunkedManifest.replacingOccurrences(of: #""alert_text""#, with: #""steps":[{"step":1}],"alert_text""#) + "]",
         ["missing_chunks", "lost_log"], 0),
    ])
    func chunkedExports(_ name: String, _ text: String, _ warnings: [String], _ events: Int) throws {
        let p = try pipeline("x.json", text)
        let t = try #require(p.transcripts.first, "\(name)")
        #expect(p.transcripts.count == 1)
        #expect(codes(t) == warnings, "\(name)")
        #expect(t.eventCount == events, "\(name)")
        #expect(p.loadProblems.isEmpty)
    }

    @Test func anInteractionsListingRoutesLegacySessionsAndInteractions() throws {
        let text = #"{"interactions":[{"id":"i1","_docType":"interaction","query":"q","steps":[],"diagnosis":"d"},"#
            + #"{"id":"s1","status":"completed","alert_text":"A","event_log":[]},"#
            + #"{"id":"i2","query":"q2","steps":[],"diagnosis":"d2"}]}"#
        let p = try pipeline("x.json", text)
        #expect(p.catalog.items.map(\.kind) == [.interaction, .session, .interaction])
        #expect(p.transcripts.map(\.id) == ["i1", "s1", "i2"])
    }
}
