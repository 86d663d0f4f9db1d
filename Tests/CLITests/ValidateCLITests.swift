import Foundation
import Testing

@Suite("noc-report validate, --version, and what a pipe sees")
struct ValidateCLITests {
    @Test func versionIsOneLine() throws {
        let r = try CLI.run(["--version"])
        #expect(r.code == 0)
        #expect(r.out.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(r.out)")
    }

    @Test func theExamplesHaveNoErrors() throws {
        let r = try CLI.run(["validate", "examples"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.split(separator: "\n").count == 1)
        #expect(r.out.hasPrefix("examples/noc-export.json: document 5 (byte 111012): warning[status_inconsistent]: session \"57f53777-"))
        #expect(r.err == "noc-report: 7 documents checked in 1 file, 0 errors, 1 warning\n")
    }

    static let broken = """
        [{"id":"c","_docType":"session","status":"failed","error_detail":"x","scenario":"s","alert_text":"a","created_at":"2026-02-20T10:00:00Z","updated_at":"2026-02-20T10:00:00Z","chunk_count":2,"chunk_ids":["c:chunk-0","c:chunk-1"]},
         {"id":"c:chunk-0","_docType":"session_chunk","session_id":"c","chunk_index":0,"events":[{"event":"run_start","data":"{}","turn":"one"}]},
         {"id":"ok","_docType":"session","status":"completed","error_detail":"","scenario":"s","alert_text":"a","created_at":"2026-02-20T10:00:00Z","updated_at":"2026-02-20T10:00:00Z","event_log":[]},
         {"id":"t","event_log":[
        """

    @Test func problemsAsJSONLinesWithTheirLocation() throws {
        let r = try CLI.run(["validate", "-", "--json"], stdin: Data(Self.broken.utf8))
        #expect(r.code == 1, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        let codes = objects.map { "\($0["severity"] ?? "") \($0["code"] ?? "") \($0["document"] ?? "")" }
        #expect(codes == ["error missing_chunks 0", "warning field_type_mismatch 0", "error truncated 3"])
        #expect(objects.allSatisfy { $0["file"] as? String == "<stdin>" && $0.keys.count == 10 })
        #expect(objects[0]["session_id"] as? String == "c")
        #expect(objects[1]["field"] as? String == "event_log[0].turn")
        #expect(objects[2]["byte_offset"] as? Int == Self.broken.utf8.count)
        #expect(r.err.hasSuffix("3 documents checked in 1 file, 2 errors, 1 warning\n"), "the truncated one is not a document")
    }

    @Test func quietPrintsErrorsOnlyAndStrictFailsOnWarnings() throws {
        let quiet = try CLI.run(["validate", "-", "--quiet"], stdin: Data(Self.broken.utf8))
        #expect(quiet.code == 1)
        #expect(quiet.err.isEmpty)
        #expect(quiet.out.split(separator: "\n").allSatisfy { $0.contains(": error[") })
        #expect(quiet.out.split(separator: "\n").count == 2)
        let strict = try CLI.run(["validate", "examples", "--strict"])
        #expect(strict.code == 1)
    }

    @Test(arguments: [("", Int32(2)), ("not json", 2), ("[]", 0), ("[1]", 1)])
    func exitCodes(input: String, code: Int32) throws {
        let r = try CLI.run(["validate", "-"], stdin: Data(input.utf8))
        #expect(r.code == code, "\(input): \(r.out) \(r.err)")
    }

    @Test func aPipeGetsNoProgressLineAndNoColour() throws {
        for command in [["render", "examples", "-o", CLI.tempDir().path], ["transcript", "examples"], ["summary", "examples"], ["validate", "examples"]] {
            let r = try CLI.run(command)
            #expect(!r.err.contains("\r") && !r.err.contains("\u{1B}"), "\(command[0])")
            #expect(!r.out.contains("\u{1B}"), "\(command[0])")
            let last = r.err.split(separator: "\n").last.map(String.init) ?? ""
            #expect(last.hasPrefix("noc-report: "), "\(command[0]) ends with its summary line: \(r.err)")
        }
    }
}
