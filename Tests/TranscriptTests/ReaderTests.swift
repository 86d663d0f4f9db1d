import Foundation
import Testing
@testable import Transcript

private let sessionA = #"{"id":"a","_docType":"session","status":"completed","created_at":"T0","alert_text":"ALERT","error_detail":"","event_log":[]}"#
private let sessionB = #"{"id":"b","_docType":"session","status":"completed","created_at":"T0","alert_text":"ALERT","error_detail":"","event_log":[]}"#

@Suite("FORMAT.md §1: the export scanner")
struct ExportScannerTests {
    @Test func containerExportWithCosmosProperties() throws {
        let text = #"[{"id":"a","_docType":"session","updated_at":"2026-02-20T10:00:00+00:00","event_log":[],"_rid":"eY8oAJ3t2QgBAAAAAAAAAA==","_self":"dbs/eY8oAA==/colls/eY8oAJ3t2Qg=/docs/eY8oAJ3t2QgBAAAAAAAAAA==/","_etag":"\"0f00-0000\"","_attachments":"attachments/","_ts":1771581600},"#
            + "\n  " + #"{"id":"b","_docType":"interaction","query":"q","steps":[],"diagnosis":"d","_ts":1771581601}]"#
        let r = scan(text)
        #expect(r.shape == .array)
        #expect(r.problems.isEmpty)
        #expect(r.documents.map(\.header.id) == ["a", "b"])
        #expect(r.documents.map(\.header.docType) == ["session", "interaction"])
        #expect(r.documents.map(\.header.ts) == [1771581600, 1771581601])
        #expect(r.documents[0].header.updatedAt == "2026-02-20T10:00:00+00:00")
        #expect(r.documents[0].header.keys.contains(.eventLog))
        #expect(r.documents.map(\.location.documentIndex) == [0, 1])
        let bytes = Array(text.utf8)
        let second = r.documents[1]
        #expect(bytes[second.location.byteOffset] == UInt8(ascii: "{"))
        #expect(bytes[second.location.byteOffset + second.length - 1] == UInt8(ascii: "}"))
        #expect(r.documents.allSatisfy { !$0.inListing })
    }

    @Test func listingOfFullDocuments() {
        let r = scan(#"{"sessions": [ "# + sessionA + ", " + sessionB + "]}")
        #expect(r.shape == .listing)
        #expect(r.problems.isEmpty)
        #expect(r.documents.map(\.header.id) == ["a", "b"])
        #expect(r.documents.allSatisfy { $0.inListing })
    }

    @Test func anObjectWithSessionsAndAnIdIsOneDocument() {
        let r = scan(#"{"id":"x","status":"completed","sessions":[1,2]}"#)
        #expect(r.shape == .single)
        #expect(r.documents.map(\.header.id) == ["x"])
    }

    @Test func singleDocumentPrettyPrinted() {
        let r = scan("{\n  \"id\": \"a\",\n  \"event_log\": []\n}\n")
        #expect(r.shape == .single)
        #expect(r.problems.isEmpty)
        #expect(r.documents.map(\.header.id) == ["a"])
        #expect(r.documents.first?.location.byteOffset == 0)
    }

    @Test func jsonLinesWithABadLineInTheMiddle() throws {
        let r = scan(sessionA + "\n" + #"{"id":"broken","#  + "\n" + sessionB + "\r\n\n")
        #expect(r.shape == .jsonLines)
        #expect(r.documents.map(\.header.id) == ["a", "b"])
        #expect(r.documents.map(\.location.line) == [1, 3])
        #expect(r.problems.count == 1)
        let p = try #require(r.problems.first)
        #expect(p.severity == .error)
        #expect(p.location.document?.line == 2)
        #expect(p.description.contains("line 2") && p.message.contains("not a valid JSON document"))
    }

    @Test func jsonLinesWithABrokenFirstLine() {
        let r = scan(#"{"id":"broken","#  + "\n" + sessionA + "\n" + sessionB + "\n")
        #expect(r.shape == .jsonLines)
        #expect(r.documents.map(\.header.id) == ["a", "b"])
        #expect(r.problems.map(\.location.document?.line) == [1])
    }

    @Test func jsonLinesWithTrailingContentOnALine() {
        let r = scan(sessionA + "\n" + sessionB + " x\n")
        #expect(r.shape == .jsonLines)
        #expect(r.documents.map(\.header.id) == ["a", "b"])
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.location.document?.line == 2)
        #expect(r.problems.first?.message.contains("unexpected content after the document") == true)
    }

    @Test func utf8ByteOrderMarkIsAccepted() {
        let r = scanBytes([0xEF, 0xBB, 0xBF] + Array(("[" + sessionA + "]").utf8))
        #expect(r.shape == .array)
        #expect(r.problems.isEmpty)
        #expect(r.documents.map(\.header.id) == ["a"])
        #expect(r.documents.first?.location.byteOffset == 4)
        let single = scanBytes([0xEF, 0xBB, 0xBF] + Array(sessionA.utf8))
        #expect(single.shape == .single)
        #expect(single.documents.map(\.header.id) == ["a"])
        #expect(single.documents.first?.location.byteOffset == 3)
    }

    @Test(arguments: [
        ("UTF-16LE", [0xFF, 0xFE] as [UInt8], true),
        ("UTF-16BE", [0xFE, 0xFF] as [UInt8], false),
        ("UTF-16LE", [] as [UInt8], true),
        ("UTF-16BE", [] as [UInt8], false),
    ])
    func utf16IsRefused(_ encoding: String, _ bom: [UInt8], _ littleEndian: Bool) {
        var bytes = bom
        for u in ("[" + sessionA + "]").utf16 {
            bytes += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        let r = scanBytes(bytes)
        #expect(r.documents.isEmpty)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.severity == .error)
        #expect(r.problems.first?.message.contains(encoding) == true)
    }

    @Test(arguments: [("", "the file is empty"), ("  \n\t\r\n ", "the file holds only whitespace")])
    func emptyAndWhitespaceOnlyFiles(_ text: String, _ what: String) {
        let r = scan(text)
        #expect(r.shape == .empty)
        #expect(r.documents.isEmpty)
        #expect(r.problems.map(\.message) == [what])
    }

    @Test func notJSONAtAll() {
        let r = scan("hello")
        #expect(r.documents.isEmpty)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.message.contains("does not start with JSON") == true)
    }

    @Test(arguments: [
        "[" + sessionA + "," + #"{"id":"b","event_log":[{"ev"#,
        "[" + sessionA + ",",
        "[" + sessionA + ",\n  ",
        "[" + sessionA,
    ])
    func truncatedArrayKeepsCompleteDocuments(_ text: String) {
        let r = scan(text)
        #expect(r.shape == .array)
        #expect(r.documents.map(\.header.id) == ["a"])
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.severity == .error)
        #expect(r.problems.first?.message.contains("truncated") == true)
        #expect(r.problems.first?.action?.contains("kept the 1 complete document") == true)
    }

    @Test(arguments: [
        ("[" + sessionA + "] xyz", ["a"]),
        ("[" + sessionA + "]]", ["a"]),
        (sessionA + " }", ["a"]),
        (#"{"sessions":["# + sessionA + "]} []", ["a"]),
    ])
    func trailingGarbageIsReported(_ text: String, _ ids: [String]) {
        let r = scan(text)
        #expect(r.documents.map(\.header.id) == ids)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.message.contains("trailing garbage") == true)
    }

    @Test func missingCommaBetweenElementsStopsTheFile() {
        let r = scan("[" + sessionA + " " + sessionB + "]")
        #expect(r.documents.map(\.header.id) == ["a"])
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.message.contains("expected ','") == true)
    }

    @Test func deepNestingIsAProblemNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let r = scan("[" + sessionA + ",{\"id\":\"deep\",\"event_log\":" + deep + "}]")
        #expect(r.documents.map(\.header.id) == ["a"])
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.message.contains("nests deeper than 512") == true)
    }

    @Test func emptyArrayAndEmptyListing() {
        let a = scan("[ ]")
        #expect(a.shape == .array)
        #expect(a.documents.isEmpty && a.problems.isEmpty)
        let l = scan(#"{"sessions": []}"#)
        #expect(l.shape == .listing)
        #expect(l.documents.isEmpty && l.problems.isEmpty)
    }

    @Test func escapedHeaderStringsAreDecoded() {
        let r = scan(#"[{"id":"s\u00e9\"1","updated_at":"2026-02-20T10:00:00Z","event_log":[]}]"#)
        #expect(r.documents.first?.header.id == "sé\"1")
    }
}

// MARK: - Catalog

@Suite("FORMAT.md §1 and §6: the catalog")
struct CatalogTests {
    @Test(arguments: [
        (#"{"id":"a","_docType":"session"}"#, DocumentClass.session),
        (#"{"id":"a","_docType":"interaction"}"#, .interaction),
        (#"{"id":"a:chunk-0","_docType":"session_chunk","session_id":"a","chunk_index":0,"events":[]}"#, .chunk),
        (#"{"id":"a","_docType":"feedback"}"#, .other("feedback")),
        (#"{"id":"a","_docType":3}"#, .other("(non-string _docType)")),
        (#"{"id":"a","event_log":[]}"#, .session),
        (#"{"id":"a","alert_text":"x"}"#, .session),
        (#"{"id":"a","status":"failed"}"#, .session),
        (#"{"id":"a","chunk_count":2,"chunk_ids":[]}"#, .session),
        (#"{"id":"a","query":"q","steps":[],"diagnosis":"d"}"#, .interaction),
        (#"{"id":"a","query":"q","steps":[],"diagnosis":"d","created_at":"T0","run_meta":null}"#, .interaction),
        (#"{"id":"a","query":"q","steps":[],"diagnosis":"d","event_log":[]}"#, .session),
        (#"{"id":"a","query":"q","steps":[]}"#, .other("(no _docType)")),
        (#"{"id":"a","scenario":"telco-noc"}"#, .other("(no _docType)")),
        ("3", .notAnObject),
        (#""a string""#, .notAnObject),
    ])
    func classification(_ document: String, _ expected: DocumentClass) throws {
        let r = scan("[" + document + "]")
        let ref = try #require(r.documents.first)
        #expect(DocumentClass(ref.header, inListing: false) == expected)
    }

    @Test(arguments: [
        (#"{"id":"a","step_count":3,"status":"completed","alert_text":"x"}"#, DocumentClass.summaryItem),
        (#"{"id":"a","step_count":3,"event_log":[]}"#, .session),
        (#"{"id":"a","step_count":3,"chunk_count":1}"#, .session),
        (#"{"id":"a","step_count":3,"_docType":"session"}"#, .session),
    ])
    func summaryItemsOnlyInListings(_ document: String, _ expected: DocumentClass) throws {
        let r = scan(#"{"sessions":["# + document + "]}")
        let ref = try #require(r.documents.first)
        #expect(DocumentClass(ref.header, inListing: true) == expected)
        // Outside a listing, step_count means nothing.
        let alone = try #require(scan("[" + document + "]").documents.first)
        #expect(DocumentClass(alone.header, inListing: false) != .summaryItem)
    }

    @Test func summaryListingIsRefusedWithAnError() throws {
        let r = scan(#"{"sessions":[{"id":"a","status":"completed","step_count":3,"alert_text":"x","created_at":"T0"},{"id":"b","status":"failed","step_count":0}]}"#)
        let c = Catalog(documents: r.documents)
        #expect(c.summaryItems == 2)
        #expect(c.items.isEmpty)
        #expect(c.problems.count == 1)
        let p = try #require(c.problems.first)
        #expect(p.severity == .error)
        #expect(p.message.contains("2 items are session summaries"))
        #expect(p.location.document?.documentIndex == 0)
    }

    @Test func mixedListingKeepsTheFullDocuments() {
        let r = scan(#"{"sessions":["# + sessionA + #",{"id":"b","step_count":1}]}"#)
        let c = Catalog(documents: r.documents)
        #expect(c.items.map(\.document.header.id) == ["a"])
        #expect(c.summaryItems == 1)
        #expect(c.problems.count == 1)
        #expect(c.problems.first?.message.contains("1 item is a session summary") == true)
    }

    @Test func otherDocTypesAreCountedAndSkipped() {
        let r = scan("[" + [sessionA, #"{"id":"f1","_docType":"feedback"}"#, #"{"id":"f2","_docType":"feedback"}"#,
                            #"{"id":"i","_docType":"interaction","query":"q","steps":[],"diagnosis":"d"}"#,
                            #"{"id":"cfg","_docType":"config"}"#, #"{"id":"x"}"#].joined(separator: ",") + "]")
        let c = Catalog(documents: r.documents)
        #expect(c.documentsRead == 6)
        #expect(c.items.map(\.document.header.id) == ["a", "i"])
        #expect(c.items.map(\.kind) == [.session, .interaction])
        #expect(c.otherDocuments == ["feedback": 2, "config": 1, "(no _docType)": 1])
        #expect(c.problems.isEmpty)
    }

    @Test func documentsWithoutAStringIdAreSkippedWithAnErrorNamingWhere() throws {
        let r = scan("[" + [#"{"_docType":"session","event_log":[]}"#, #"{"id":7,"_docType":"session","event_log":[]}"#,
                            #"{"id":null,"query":"q","steps":[],"diagnosis":"d"}"#, sessionA, "42"].joined(separator: ",") + "]")
        let c = Catalog(documents: r.documents)
        #expect(c.items.map(\.document.header.id) == ["a"])
        #expect(c.problems.count == 4)
        #expect(c.problems.allSatisfy { $0.severity == .error })
        #expect(c.problems.map(\.location.document?.documentIndex) == [0, 1, 2, 4])
        #expect(c.problems[0].description.hasPrefix("t.json: document 0 (byte 1)"))
        #expect(c.problems[0].message.contains("session document cannot be reported: it has no id"))
        #expect(c.problems[1].message.contains("not a string (7)"))
        #expect(c.problems[2].message.contains("interaction document"))
        #expect(c.problems[2].message.contains("not a string (null)"))
        #expect(c.problems[3].message.contains("not a JSON object"))
    }

    /// Two copies of session "d" (documents 0 and 1); which one survives.
    @Test(arguments: [
        ("newer updated_at wins (second)", #""updated_at":"2026-02-20T10:00:00+00:00""#, #""updated_at":"2026-02-20T11:00:00+00:00""#, 1),
        ("newer updated_at wins (first)", #""updated_at":"2026-02-20T12:00:00+00:00""#, #""updated_at":"2026-02-20T11:00:00+00:00""#, 0),
        ("offsets compare as instants, not as text", #""updated_at":"2026-02-20T10:30:00+01:00""#, #""updated_at":"2026-02-20T10:00:00+00:00""#, 1),
        ("a negative offset is later", #""updated_at":"2026-02-20T10:00:00+00:00""#, #""updated_at":"2026-02-20T09:30:00-01:00""#, 1),
        ("microseconds count", #""updated_at":"2026-02-20T10:00:00.000002+00:00""#, #""updated_at":"2026-02-20T10:00:00.000001+00:00""#, 0),
        ("a missing updated_at loses (first)", #""_ts":9"#, #""updated_at":"2026-02-20T10:00:00+00:00","_ts":1"#, 1),
        ("a missing updated_at loses (second)", #""updated_at":"2026-02-20T10:00:00+00:00""#, #""_ts":9"#, 0),
        ("an unreadable updated_at loses", #""updated_at":"yesterday","_ts":9"#, #""updated_at":"2026-02-20T10:00:00+00:00""#, 1),
        ("a non-string updated_at loses", #""updated_at":1771581600,"_ts":9"#, #""updated_at":"2026-02-20T10:00:00+00:00""#, 1),
        ("same instant (Z vs +00:00): newer _ts wins", #""updated_at":"2026-02-20T10:00:00Z","_ts":5"#, #""updated_at":"2026-02-20T10:00:00+00:00","_ts":9"#, 1),
        ("same updated_at: newer _ts wins (first)", #""updated_at":"2026-02-20T10:00:00Z","_ts":9"#, #""updated_at":"2026-02-20T10:00:00Z","_ts":5"#, 0),
        ("same updated_at: a missing _ts loses", #""updated_at":"2026-02-20T10:00:00Z""#, #""updated_at":"2026-02-20T10:00:00Z","_ts":1"#, 1),
        ("both updated_at missing: _ts decides", #""_ts":1"#, #""_ts":2"#, 1),
        ("full tie: the first read stays", #""updated_at":"2026-02-20T10:00:00Z","_ts":5"#, #""updated_at":"2026-02-20T10:00:00Z","_ts":5"#, 0),
        ("nothing to compare: the first read stays", "", "", 0),
    ])
    func duplicates(_ name: String, _ first: String, _ second: String, _ winner: Int) throws {
        func copy(_ n: Int, _ extra: String) -> String {
            #"{"id":"d","_docType":"session","alert_text":"copy \#(n)","event_log":[]"# + (extra.isEmpty ? "" : "," + extra) + "}"
        }
        let c = Catalog(documents: scan("[" + copy(0, first) + "," + copy(1, second) + "]").documents)
        #expect(c.items.count == 1)
        #expect(c.duplicatesDropped == 1)
        let item = try #require(c.items.first)
        #expect(item.document.location.documentIndex == winner)
        #expect(item.warnings.map(\.code) == [.duplicateSessionDropped])
        #expect(item.warnings.first?.message.contains("document \(1 - winner)") == true)
    }

    @Test func theSurvivorIsReportedAtTheFirstOccurrence() {
        let r = scan("[" + [#"{"id":"d","event_log":[],"updated_at":"2026-01-01T00:00:00Z"}"#, sessionA,
                            #"{"id":"d","event_log":[],"updated_at":"2026-01-02T00:00:00Z"}"#,
                            #"{"id":"d","event_log":[],"updated_at":"2025-12-31T00:00:00Z"}"#].joined(separator: ",") + "]")
        let c = Catalog(documents: r.documents)
        #expect(c.items.map(\.document.header.id) == ["d", "a"])
        #expect(c.items.first?.document.location.documentIndex == 2)
        #expect(c.duplicatesDropped == 2)
        #expect(c.items.first?.warnings.count == 2)
    }

    @Test func duplicatesAcrossFilesKeepTheNewest() throws {
        let old = #"[{"id":"d","_docType":"session","status":"failed","error_detail":"old","updated_at":"2026-02-20T10:00:00+00:00","event_log":[]}]"#
        let new = #"{"id":"d","_docType":"session","status":"completed","error_detail":"","updated_at":"2026-02-20T10:05:00+00:00","event_log":[]}"#
        let p = try pipeline([("old.json", Array(old.utf8)), ("new.json", Array(new.utf8))])
        #expect(p.transcripts.count == 1)
        let t = try #require(p.transcripts.first)
        #expect(t.input.source.file == "new.json")
        #expect(t.outcome.category == .completed)
        #expect(codes(t) == ["duplicate_session_dropped"])
        #expect(t.warnings.first?.message.contains("old.json") == true)
    }
}

// MARK: - Chunks and the loader


@Suite("FORMAT.md §6: chunked persistence, and the loader")
struct ChunkTests {
    @Test func chunksInAnyOrderAndAnyFileAreReassembled() throws {
        let p = try pipeline([("one.json", Array(("[" + chunk2 + "," + chunkedManifest + "]").utf8)),
                              ("two.jsonl", Array((chunk1 + "\n" + chunk0 + "\n").utf8))])
        #expect(p.scans.map(\.shape) == [.array, .jsonLines])
        let item = try #require(p.catalog.items.first)
        #expect(p.catalog.items.count == 1)
        #expect(item.isChunked)
        #expect(item.chunkCount == 3)
        #expect(item.chunks.map(\.header.chunkIndex) == [0, 1, 2])
        #expect(item.missingChunks == [])
        let t = try #require(p.transcripts.first)
        #expect(try messagesJSON(t) == #"[{"role":"user","text":"a","timestamp":"T0"},{"role":"orchestrator","timestamp":"R1","steps":[{"step":1,"agent":"A"},{"step":2,"agent":"A"}],"status":"complete","diagnosis":"d","runMeta":{"steps":1,"tokens":10,"time":"1.0s"}}]"#)
        #expect(codes(t) == [])
        #expect(t.eventCount == 6)
        #expect(p.catalog.orphanChunks.isEmpty)
        #expect(p.catalog.problems.isEmpty)
    }

    // A 70-byte manifest claiming 999999999 chunks made the catalogue list
    // every missing index (8 GB, then a trap). Found by reading the code
    // during the fuzz run (the fuzzer had not reached it).
    @Test func anUnbelievableChunkCountIsNotBelieved() throws {
        let huge = chunkedManifest.replacingOccurrences(of: #""chunk_count":3"#, with: #""chunk_count":999999999"#)
        let p = try pipeline("x.json", "[" + huge + "," + chunk0 + "]")
        let item = try #require(p.catalog.items.first)
        #expect(item.chunkCount == 1)
        #expect(item.missingChunks == [])
        #expect(p.catalog.problems.map(\.code) == [.badChunkCount])
        #expect(p.catalog.problems.first?.message.contains("chunk_count 999999999") == true)
        #expect(p.transcripts.count == 1)
    }

    @Test func anUnbelievableChunkIndexIsIgnored() throws {
        let far = sessionChunk(999_999_998, [answer("far")])
        let p = try pipeline("x.json", "[" + chunkedManifest + "," + chunk0 + "," + chunk1 + "," + chunk2 + "," + far + "]")
        let item = try #require(p.catalog.items.first)
        #expect(item.chunks.map(\.header.chunkIndex) == [0, 1, 2])
        #expect(item.missingChunks == [])
        #expect(p.catalog.problems.map(\.code) == [.badChunkIndex])
        #expect(p.catalog.problems.first?.message.contains("chunk_index 999999998") == true)
    }

    @Test func missingChunksAreNamedAsRanges() throws {
        let eight = chunkedManifest.replacingOccurrences(of: #""chunk_count":3"#, with: #""chunk_count":9"#)
        let p = try pipeline("x.json", "[" + eight + "," + chunk0 + "," + chunk2 + "]")
        let item = try #require(p.catalog.items.first)
        #expect(item.missingChunks == [1, 3, 4, 5, 6, 7, 8])
        #expect(item.warnings.map(\.message) == ["chunks 1, 3–8 of 9 are missing from the input: the transcript is partial"])
        #expect(Catalog.ranges([0, 1, 2, 5, 7, 8]) == "0–2, 5, 7, 8")
    }

    @Test func aMissingMiddleChunkLeavesAGapAndAWarning() throws {
        let p = try pipeline("t.json", "[" + [chunk2, chunkedManifest, chunk0].joined(separator: ",") + "]")
        let item = try #require(p.catalog.items.first)
        #expect(item.missingChunks == [1])
        let input = try #require(p.inputs.first)
        let log = try #require(input.chunkedLog)
        let shape = log.map { entry -> String in
            switch entry {
            case .event(let e): return e["event"]?.string ?? "?"
            case .gap(let missing): return "gap \(missing)"
            }
        }
        #expect(shape == ["user_message", "run_start", "gap [1]", "message", "run_complete"])
        let t = try #require(p.transcripts.first)
        #expect(codes(t) == ["missing_chunks"])
        #expect(t.warnings.first?.message.contains("chunk 1 of 3 is missing") == true)
        #expect(timeline(t.notes[0]) == ["gap [1]"])
        #expect(try messagesJSON(t) == #"[{"role":"user","text":"a","timestamp":"T0"},{"role":"orchestrator","timestamp":"R1","steps":[],"status":"complete","diagnosis":"d","runMeta":{"steps":1,"tokens":10,"time":"1.0s"}}]"#)
        #expect(compact(try encoded(t)["missing_chunks"]) == "[1]")
    }

    @Test func aMissingLastChunkLeavesAGapAtTheEnd() throws {
        let p = try pipeline("t.json", "[" + [chunkedManifest, chunk1, chunk0].joined(separator: ",") + "]")
        let t = try #require(p.transcripts.first)
        #expect(t.input.missingChunks == [2])
        #expect(timeline(t.notes[0]) == ["step 0", "step 1", "gap [2]"])
        #expect(t.outcome.category == .completed)
        #expect(codes(t) == ["missing_chunks"])
    }

    @Test func aMissingFirstChunkIsShownAtTheFirstTurn() throws {
        let p = try pipeline("t.json", "[" + [chunkedManifest, sessionChunk(1, [runStart("R1"), stepDone(1)]), chunk2].joined(separator: ",") + "]")
        let t = try #require(p.transcripts.first)
        #expect(t.input.missingChunks == [0])
        #expect(timeline(t.notes[0]) == ["gap [0]", "step 0"])
        #expect(t.synthesisedFirstMessage)
    }

    @Test func orphanChunksAreReported() throws {
        let p = try pipeline("t.json", "[" + [sessionA, sessionChunk(0, [userMsg("x")], session: "zz"), sessionChunk(1, [], session: "zz")].joined(separator: ",") + "]")
        #expect(p.catalog.items.map(\.document.header.id) == ["a"])
        #expect(p.catalog.orphanChunks.map(\.sessionID) == ["zz"])
        #expect(p.catalog.orphanChunks.map(\.chunks) == [2])
        #expect(p.catalog.problems.count == 1)
        #expect(p.catalog.problems.first?.severity == .warning)
        #expect(p.catalog.problems.first?.message.contains("orphan_chunks") == true)
        #expect(p.catalog.problems.first?.location.document?.documentIndex == 1)
    }

    @Test func aDocumentTheFirstPassAcceptedButThatIsInvalidIsSkipped() throws {
        let bad = #"{"id":"bad","_docType":"session","event_log":[1,]}"#
        let p = try pipeline("t.json", "[" + [sessionA, bad, sessionB].joined(separator: ",") + "]")
        #expect(p.catalog.items.count == 3)
        #expect(p.transcripts.map(\.id) == ["a", "b"])
        #expect(p.loadProblems.count == 1)
        let problem = try #require(p.loadProblems.first)
        #expect(problem.message.contains("document 1 (session bad) is not valid JSON"))
        #expect(problem.location.document?.documentIndex == 1)
    }

    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        var bytes = Array(("[" + #"{"id":"u","_docType":"session","alert_text":"caf"#).utf8)
        bytes += [0xE9]  // Latin-1 é
        bytes += Array((#"","status":"completed","error_detail":"","event_log":[]}]"#).utf8)
        let p = try pipeline([("t.json", bytes)])
        let t = try #require(p.transcripts.first)
        #expect(codes(t) == ["invalid_utf8"])
        #expect(t.document["alert_text"]?.string == "caf\u{FFFD}")
    }

    @Test func singleFileAndJSONLinesGoThroughTheWholePipeline() throws {
        let single = try pipeline("one.json", sessionA)
        #expect(single.transcripts.map(\.id) == ["a"])
        #expect(single.transcripts.first?.input.source.documentIndex == 0)
        let lines = try pipeline("many.jsonl", sessionA + "\n" + sessionB + "\n")
        #expect(lines.transcripts.map(\.id) == ["a", "b"])
        #expect(lines.transcripts.map(\.input.source.line) == [1, 2])
        let root = try encoded(try #require(lines.transcripts.last))
        #expect(compact(root["source"]) == #"{"file":"many.jsonl","document":1,"line":2,"byte_offset":\#(sessionA.utf8.count + 1)}"#)
    }

    @Test func inMemoryInputReadsLikeTheSameFileOnDisk() throws {
        let text = "[" + sessionA + ",\n" + sessionB + "]"
        let onDisk = try pipeline("x.json", text)
        let file = InputFile.inMemory(Array(text.utf8), displayName: "x.json")
        let scan = ExportScanner().scan(file, fileIndex: 0)
        let catalog = Catalog(documents: scan.documents)
        let loader = DocumentLoader(files: [file])
        let lines = try catalog.items.flatMap { TranscriptJSON.encode(Replay.run(try loader.load($0).get())) }
        #expect(file.size == text.utf8.count)
        #expect(scan.documents.map(\.location.byteOffset) == onDisk.scans[0].documents.map(\.location.byteOffset))
        #expect(lines == onDisk.jsonLines)
        #expect(file.read(offset: text.utf8.count - 1, count: 10) == [UInt8(ascii: "]")])
        #expect(file.read(offset: text.utf8.count + 5, count: 1).isEmpty)
    }
}
