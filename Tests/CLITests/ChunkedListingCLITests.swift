import Foundation
import Testing

/// Issue 17 item 3 (FORMAT.md §6): a listing export of a chunked deployment
/// holds manifests only; an empty log is one chunk with `events: []`.
@Suite("chunked listings")
struct ChunkedListingCLITests {
    static func manifest(_ id: String, chunks: Int) -> [String: Any] {
        ["id": id, "_docType": "session", "scenario": "telco", "alert_text": "VPN down", "status": "completed",
         "created_at": "2026-02-24T13:27:19+00:00", "chunk_count": chunks,
         "chunk_ids": (0..<chunks).map { "\(id):chunk-\($0)" }]
    }

    static func write(_ object: Any) throws -> (input: String, out: URL) {
        let dir = CLI.tempDir()
        let url = dir.appendingPathComponent("export.json")
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
        return (url.path, dir.appendingPathComponent("out"))
    }

    /// Rows: chunk_count of each manifest, and the missing list the banner names.
    @Test(arguments: [(3, "Chunks 0, 1 and 2 of the event log are missing."),
                      (1, "Chunk 0 of the event log is missing.")])
    func aListingOfManifestsRendersEverySessionAsPartial(chunks: Int, banner: String) throws {
        let (input, out) = try Self.write(["sessions": [Self.manifest("m-1", chunks: chunks), Self.manifest("m-2", chunks: chunks)]])
        let r = try CLI.run(["render", input, "-o", out.path])
        #expect(r.code == 0, "warnings, not errors: \(r.err)")
        #expect(!r.err.contains("error:"))
        for id in ["m-1", "m-2"] {
            let md = try String(contentsOf: out.appendingPathComponent("\(id).md"), encoding: .utf8)
            #expect(md.contains("> **Incomplete log:** \(banner)"))
            #expect(md.contains("`missing_chunks`"))
            // The log is missing, not empty, and nothing completed "after 0 steps".
            #expect(md.contains("its event log is missing (every chunk of it is missing from the input)"))
            #expect(!md.contains("0 steps"))
            #expect(!md.contains("event log is empty"))
            #expect(r.err.contains("(session \(id)): [missing_chunks]"))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(id).html").path))
        }
    }

    @Test func oneEmptyChunkIsAnEmptyLogNotAMissingChunk() throws {
        let chunk: [String: Any] = ["id": "e-1:chunk-0", "_docType": "session_chunk", "session_id": "e-1",
                                    "scenario": "telco", "chunk_index": 0, "events": [Any]()]
        let (input, out) = try Self.write([Self.manifest("e-1", chunks: 1), chunk])
        let r = try CLI.run(["render", input, "-o", out.path])
        #expect(r.code == 0)
        #expect(!r.err.contains("missing_chunks"))
        let md = try String(contentsOf: out.appendingPathComponent("e-1.md"), encoding: .utf8)
        #expect(!md.contains("Incomplete log"))
        #expect(!md.contains("missing_chunks"))
        #expect(md.contains("its event log is empty"))
    }
}
