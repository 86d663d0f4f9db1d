import Foundation
import Testing
@testable import Transcript

/// Runs the validator over one in-memory file, every document in order.
private func validate(_ text: String) -> [Problem] { validateBytes(Array(text.utf8)) }

private func validateBytes(_ bytes: [UInt8]) -> [Problem] {
    let file = InputFile.inMemory(bytes, displayName: "t.json")
    let scan = ExportScanner().scan(file, fileIndex: 0)
    let v = Validator(files: [file], documents: scan.documents, readerProblems: scan.problems)
    return scan.documents.indices.flatMap(v.problems(forDocument:)) + v.trailing
}

private let t0 = js("2026-02-20T10:00:00+00:00")
private let t1 = js("2026-02-20T10:05:00+00:00")

/// A session with valid ISO-8601 times (the shared `doc` uses placeholders).
private func good(_ events: [String] = [userMsg("ALERT"), runStart("2026-02-20T10:00:01+00:00"), answer("ok"), runDone()],
                  _ fields: [(String, String?)] = []) -> String {
    doc(events, [("created_at", t0), ("updated_at", t1)] + fields)
}

private func stepAt(_ n: Int, _ stamp: String) -> String {
    E("step_complete", "{\"step\":\(n),\"agent\":\"A\",\"timestamp\":\(js(stamp))}")
}

private let manifest = #"{"id":"c","_docType":"session","scenario":"x","alert_text":"A","status":"completed","error_detail":"","created_at":"2026-02-20T10:00:00Z","updated_at":"2026-02-20T10:00:00Z","chunk_count":3,"chunk_ids":["c:chunk-0","c:chunk-1","c:chunk-2"]}"#
private func chunk(_ i: Int, id: String? = nil, events: String = "[]") -> String {
    #"{"id":"\#(id ?? "c:chunk-\(i)")","_docType":"session_chunk","session_id":"c","chunk_index":\#(i),"events":\#(events)}"#
}

@Suite("validate: one row per rule, code, severity and field")
struct ValidationRuleTests {
    @Test(arguments: [
        ("a clean session", "[" + good() + "]", []),
        ("created_at missing", "[" + good([], [("created_at", nil)]) + "]", ["warning missing_field created_at"]),
        ("created_at not ISO 8601", "[" + good([], [("created_at", js("yesterday"))]) + "]", ["warning bad_timestamp created_at"]),
        ("created_at a number", "[" + good([], [("created_at", "1771581600")]) + "]", ["warning field_type_mismatch created_at"]),
        ("turn_count a string", "[" + good([], [("turn_count", js("3"))]) + "]", ["warning field_type_mismatch turn_count"]),
        ("turn_count negative", "[" + good([], [("turn_count", "-1")]) + "]", ["warning field_type_mismatch turn_count"]),
        ("run_meta a number", "[" + good([], [("run_meta", "5")]) + "]", ["warning field_type_mismatch run_meta"]),
        ("run_meta null is fine", "[" + good([], [("run_meta", "null"), ("thread_id", "null")]) + "]", []),
        ("updated before created", "[" + good([], [("updated_at", js("2026-02-19T00:00:00Z"))]) + "]", ["warning timestamps_out_of_order updated_at"]),
        ("unknown _docType", #"[{"id":"x","_docType":"audit"}]"#, ["warning unknown_doc_type _docType"]),
        ("no _docType and no session shape", #"[{"id":"x","foo":1}]"#, ["warning unknown_doc_type _docType"]),
        ("legacy session without event_log", #"[{"id":"x","scenario":"s","alert_text":"a","status":"completed","error_detail":"","created_at":"2026-02-20T10:00:00Z","updated_at":"2026-02-20T10:00:00Z"}]"#,
         ["warning missing_field event_log"]),
        ("event turn not a number", "[" + good([#"{"event":"user_message","data":"{\"text\":\"A\"}","turn":"x"}"#]) + "]",
         ["warning field_type_mismatch event_log[0].turn"]),
        ("event timestamp not ISO", "[" + good([userMsg("A", ts: js("noon"))]) + "]", ["warning bad_timestamp event_log[0].timestamp"]),
        ("step_response data not JSON", "[" + good([userMsg("A"), runStart(), E("step_response", raw: js("{oops")), answer("x"), runDone()]) + "]",
         ["warning malformed_event_data event_log[2].data"]),
        ("unknown event type", "[" + good([userMsg("A"), runStart(), E("step.weird", "{}"), answer("x"), runDone()]) + "]", ["warning unknown_event_type -"]),
        ("steps going backwards", "[" + good([userMsg("A"), runStart("2026-02-20T10:00:01Z"), stepAt(1, "2026-02-20T10:00:09Z"), stepAt(2, "2026-02-20T10:00:05Z"), answer("x"), runDone()]) + "]",
         ["warning timestamps_out_of_order messages[1].steps[1].timestamp"]),
        ("a step timestamp not ISO", "[" + good([userMsg("A"), runStart(), stepAt(1, "soon"), answer("x"), runDone()]) + "]",
         ["warning bad_timestamp messages[1].steps[0].timestamp"]),
        ("a missing chunk", "[" + manifest + "," + chunk(2) + "," + chunk(0) + "]", ["error missing_chunks -"]),
        ("an orphan chunk", "[" + chunk(0) + "]", ["error orphan_chunks -"]),
        ("a repeated chunk", "[" + manifest + "," + chunk(0) + "," + chunk(1) + "," + chunk(2) + "," + chunk(1) + "]", ["warning duplicate_chunk chunk_index"]),
        ("a chunk id that does not match", "[" + manifest + "," + chunk(0) + "," + chunk(1, id: "c-1") + "," + chunk(2) + "]", ["warning chunk_id_mismatch id"]),
        ("chunk_ids that do not match chunk_count", "[" + manifest.replacingFirst(#""chunk_count":3"#, #""chunk_count":2"#) + "," + chunk(0) + "," + chunk(1) + "]",
         ["warning chunk_ids_mismatch chunk_ids"]),
        ("a chunk without events", "[" + manifest.replacingFirst(#""chunk_count":3,"chunk_ids":["c:chunk-0","c:chunk-1","c:chunk-2"]"#, #""chunk_count":1"#) + "," + #"{"id":"c:chunk-0","_docType":"session_chunk","session_id":"c","chunk_index":0}"# + "]",
         ["warning field_type_mismatch -", "warning missing_field events"]),
        ("a chunk without chunk_index", "[" + manifest + "," + chunk(0) + "," + chunk(1).replacingFirst(#","chunk_index":1"#, "") + "," + chunk(2) + "]",
         ["warning bad_chunk_index -", "error missing_chunks -"]),
        ("an unbelievable chunk_count", "[" + manifest.replacingFirst(#""chunk_count":3"#, #""chunk_count":999999999"#) + "," + chunk(0) + "," + chunk(1) + "," + chunk(2) + "]",
         ["warning bad_chunk_count -"]),
        ("a session without an id", "[" + good([], [("id", nil)]) + "]", ["error missing_id -"]),
        ("a truncated array", "[" + good() + ",{\"id\":", ["error truncated -"]),
        ("a summary listing", #"{"sessions":[{"id":"s","step_count":3}]}"#, ["error summary_listing -"]),
        ("a re-exported session", "[" + good() + "," + good([], [("updated_at", js("2026-02-20T11:00:00Z"))]) + "]", ["warning duplicate_session_dropped -"]),
        ("an interaction without its query", #"[{"id":"i","_docType":"interaction","scenario":"s","steps":[],"diagnosis":"d","created_at":"2026-02-20T10:00:00Z"}]"#,
         ["warning missing_field query"]),
        ("a status the replay does not know", "[" + good([], [("status", js("done"))]) + "]", ["warning status_inconsistent -"]),
    ] as [(String, String, [String])])
    func rule(name: String, input: String, expected: [String]) {
        let got = validate(input).map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.location.field ?? "-")" }
        #expect(got.sorted() == expected.sorted(), "\(name)")
    }

    @Test func invalidUTF8InsideADocumentIsAnError() throws {
        var raw = Array(("[" + good() + "]").utf8)
        let at = try #require(raw.firstIndex(of: UInt8(ascii: "A")))  // the "A" of "ALERT"
        raw[at] = 0xFF
        let problems = validateBytes(raw)
        #expect(problems.map(\.code) == [.invalidUTF8])
        #expect(problems.first?.severity == .error)
    }
}

@Suite("validate: where problems are, and how they are printed")
struct ValidationOutputTests {
    @Test func problemsNameFileDocumentOffsetSessionAndEvent() throws {
        let first = good()
        let second = good([userMsg("A"), runStart(), E("mystery", "{}"), answer("x"), runDone()], [("id", js("s2"))])
        let text = "[" + first + ",\n" + second + "]"
        let problems = validate(text)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.location.document?.file == "t.json")
        #expect(p.location.document?.documentIndex == 1)
        #expect(p.location.document?.byteOffset == first.utf8.count + 3)
        #expect(p.location.sessionID == "s2")
        #expect(p.description.hasPrefix("t.json: document 1 (byte \(first.utf8.count + 3)): warning[unknown_event_type]: session \"s2\": "))
    }

    @Test func readerProblemsComeInInputOrderAmongDocumentProblems() {
        // Line 2 is broken; lines 1 and 3 have a problem each.
        let text = good([], [("id", js("a")), ("turn_count", js("x"))]) + "\n{\"id\":\n" + good([], [("id", js("b")), ("run_meta", "1")]) + "\n"
        let got = validate(text).map { "\($0.location.document?.line ?? 0) \($0.code.rawValue)" }
        #expect(got == ["1 field_type_mismatch", "2 truncated", "3 field_type_mismatch"])
    }

    @Test func aJSONLineHasEveryKeyAndReadsBack() throws {
        let p = Problem(.badTimestamp, SourceLocation(file: "x\".json", documentIndex: 2, line: 3, byteOffset: 40),
                        sessionID: nil, eventIndex: 7, field: "event_log[7].timestamp", "bad \u{1B}[31m")
        let root = try JSONTape.parse(p.jsonLine).root
        #expect(p.jsonLine.last == 0x0A)
        #expect(root.members.map(\.key) == ["severity", "code", "file", "document", "line", "byte_offset", "session_id", "event_index", "field", "message"])
        #expect(root["severity"]?.string == "warning")
        #expect(root["file"]?.string == "x\".json")
        #expect(root["session_id"]?.isNull == true)
        #expect(root["event_index"]?.int == 7)
        #expect(root["message"]?.string == "bad \u{1B}[31m")
    }

    @Test func textLinesCannotCarryTerminalEscapes() {
        let p = Problem(.missingField, SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0),
                        sessionID: "a\u{1B}]0;pwned\u{07}\u{202E}b", "x\u{1B}[2Jy")
        #expect(!p.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(p.description.contains(#"session "a\u{1b}]0;pwned\u{7}\u{202e}b""#))
    }
}

@Suite("validate: one severity table for every code")
struct ValidateSeverityTests {
    /// The README's table lists exactly the codes there are, each once.
    @Test func theReadmeListsEveryCodeOnce() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| error") || $0.hasPrefix("| warning") }
        let listed = rows.flatMap { row -> [String] in
            let columns = row.split(separator: "|")
            guard columns.count > 1 else { return [] }
            return columns[1].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        #expect(listed.sorted() == ProblemCode.allCases.map(\.rawValue).sorted())
        #expect(Set(listed).count == listed.count)
    }

    @Test(arguments: ProblemCode.allCases)
    func errorsAreWhatMakesAnExportUnfitToArchive(code: ProblemCode) {
        let errors: Set<ProblemCode> = [.unreadableFile, .notUTF8, .emptyFile, .invalidJSON, .truncated, .tooDeep, .tooLarge,
                                           .trailingContent, .notAnObject, .missingID, .chunkWithoutSession, .orphanChunks,
                                           .summaryListing, .fileChanged, .missingChunks, .invalidUTF8]
        #expect((code.severity == .error) == (errors.contains(code) || code.isOutput))
    }
}

private extension String {
    func replacingFirst(_ a: String, _ b: String) -> String {
        guard let r = range(of: a) else { return self }
        return replacingCharacters(in: r, with: b)
    }
}
