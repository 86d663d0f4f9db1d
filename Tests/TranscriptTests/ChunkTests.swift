import Foundation
import Testing
@testable import Transcript

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
