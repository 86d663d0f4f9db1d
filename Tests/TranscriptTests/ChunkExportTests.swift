import Testing
@testable import Transcript

private let manifest = #"{"id":"c1","_docType":"session","scenario":"telco-noc","status":"completed","created_at":"T0","alert_text":"ALERT","error_detail":"","chunk_count":3,"chunk_ids":["c1:chunk-0","c1:chunk-1","c1:chunk-2"]}"#

private func chunk(_ i: Int, _ events: [String], session: String = "c1") -> String {
    #"{"id":"\#(session):chunk-\#(i)","_docType":"session_chunk","session_id":"\#(session)","scenario":"telco-noc","chunk_index":\#(i),"events":["#
        + events.joined(separator: ",") + "]}"
}

private let chunk0 = chunk(0, [userMsg("a"), runStart("R1")])
private let chunk1 = chunk(1, [stepDone(1), stepDone(2)])
private let withLog = String(manifest.dropLast()) + #","event_log":["# + userMsg("own") + "]}"

/// Issue 17 items 3, 4 and 5 through the whole pipeline (FORMAT.md §1, §6).
@Suite("FORMAT.md §6: what the API and the backend do with chunks")
struct ChunkExportTests {
    /// Rows: the files, the transcript's warning codes, and its event count.
    @Test(arguments: [
        ("a detail export's event_log wins over stray chunks", "[" + withLog + "," + chunk0 + "," + chunk1 + "]",
         ["ignored_chunks"], 1),
        ("a listing of manifests alone: every chunk missing", #"{"sessions":["# + manifest + "]}", ["missing_chunks"], 0),
        ("one empty chunk is an empty log, not a missing chunk",
         "[" + manifest.replacingOccurrences(of: #""chunk_count":3"#, with: #""chunk_count":1"#) + "," + chunk(0, []) + "]", [], 0),
        ("every chunk missing beside steps: a lost log",
         "[" + manifest.replacingOccurrences(of: #""alert_text""#, with: #""steps":[{"step":1}],"alert_text""#) + "]",
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
