import Foundation
import Testing
@testable import Transcript

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

    /// Ids are the same only byte for byte (as the frontend's `===`): "é"
    /// composed and decomposed are two sessions, each with its own copy dropped.
    @Test func idsThatAreOnlyCanonicallyEqualAreTwoSessions() {
        let r = scan("[" + [#"{"id":"\u00e9","event_log":[],"updated_at":"2026-01-01T00:00:00Z"}"#,
                            #"{"id":"e\u0301","event_log":[],"updated_at":"2026-01-01T00:00:00Z"}"#,
                            #"{"id":"\u00e9","event_log":[],"updated_at":"2026-01-02T00:00:00Z"}"#].joined(separator: ",") + "]")
        let c = Catalog(documents: r.documents)
        #expect(c.items.map { Array(($0.document.header.id ?? "").utf8) } == [Array("\u{e9}".utf8), Array("e\u{301}".utf8)])
        #expect(c.items.map(\.document.location.documentIndex) == [2, 1])
        #expect(c.duplicatesDropped == 1)
        #expect(c.items.map(\.warnings.count) == [1, 0])
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
