import Testing
@testable import Transcript

/// A session document's top-level fields and what `SessionHeader` reads from them.
struct HeaderRow: Sendable, CustomTestStringConvertible {
    var name: String
    var document: String
    var header: String
    var testDescription: String { name }
}

let headerRows: [HeaderRow] = [
    .init(name: "the usual fields", document: doc([], [("chunk_count", "2"), ("partial", "true")]),
          header: #"id=s1 scenario=telco-noc status="completed" created="T0" updated="T1" alert="ALERT" detail="" partial=true chunks=2 log=[]"#),
    .init(name: "missing fields stay missing",
          document: doc([], [("id", nil), ("scenario", nil), ("status", nil), ("created_at", nil), ("updated_at", nil),
                             ("alert_text", nil), ("error_detail", nil), ("event_log", nil)]),
          header: "id=- scenario=- status=- created=- updated=- alert=- detail=- partial=false chunks=- log=-"),
    .init(name: "wrong types: strings read as nil, values kept as written",
          document: doc([], [("id", "7"), ("scenario", "[1]"), ("status", "3"), ("created_at", "null"), ("partial", js("true")),
                             ("event_log", "{}")]),
          header: #"id=- scenario=- status=3 created=null updated="T1" alert="ALERT" detail="" partial=false chunks=- log={}"#),
    .init(name: "a repeated key: the last one wins, as in JSON.parse",
          document: #"{"id":"a","status":"failed","id":"b","status":"completed","partial":true,"partial":false}"#,
          header: #"id=b scenario=- status="completed" created=- updated=- alert=- detail=- partial=false chunks=- log=-"#),
]

@Suite("Transcript/Events: the session header")
struct SessionHeaderTests {
    @Test(arguments: headerRows)
    func reads(_ row: HeaderRow) throws {
        let h = SessionHeader(try parseJSON(row.document))
        func v(_ value: JSONValue?) -> String { compact(value) ?? "-" }
        let shown = "id=\(h.id ?? "-") scenario=\(h.scenario ?? "-") status=\(v(h.status)) created=\(v(h.createdAt)) "
            + "updated=\(v(h.updatedAt)) alert=\(v(h.alertText)) detail=\(v(h.errorDetail)) partial=\(h.partial) "
            + "chunks=\(v(h.chunkCount)) log=\(v(h.eventLog))"
        #expect(shown == row.header)
    }

    @Test func theTranscriptCarriesItsHeader() throws {
        let t = try session([userMsg("a")], [("created_at", js("2026-02-20T10:00:00+00:00")), ("scenario", js("x"))])
        #expect(t.header.scenario == "x")
        #expect(t.header.created == Timestamp.parse("2026-02-20T10:00:00+00:00"))
        #expect(t.id == "s1")
        let i = try replay(#"{"id":"i1","_docType":"interaction","query":"q?","steps":[]}"#, kind: .interaction)
        #expect(i.header.query?.string == "q?")
        #expect(i.id == "i1")
    }
}
