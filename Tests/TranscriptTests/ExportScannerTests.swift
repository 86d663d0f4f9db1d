import Foundation
import Testing
@testable import Transcript

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
