import Foundation
import Testing
@testable import Render
import Transcript

/// Requirement 4 and 5 of the redaction issue: redaction happens on the
/// data, so the reports keep their structure, and each says what was removed.
@Suite struct RedactionRenderTests {
    static let email = "mia.nguyen@fieldops.example"

    /// A session whose agent Markdown links to, tabulates and autolinks personal data.
    static func redactedModel(_ name: String = "redacted") throws -> ReportModel {
        let diagnosis = "## Root cause\\n\\n[Mia Nguyen](mailto:\(email)) is on the way; <\(email)>; "
            + "see <https://x.blob.core.windows.net/c?sv=1&sig=abcDEF123%3D&sp=r>.\\n\\n| who | how |\\n|---|---|\\n| Mia Nguyen | \(email) |"
        let action = #"{"status":"dispatched","dispatch_id":"DSP-2026-00042","engineer":{"name":"Mia Nguyen","email":"\#(email)","phone":"+61 412 884 190"},"email_body":"Hi Mia,\n\nCall the NOC."}"#
        let step = #"{"step":1,"agent":"dispatch_field_engineer","query":"Dispatch","response":"Mia Nguyen dispatched","is_action":true,"action":\#(action)}"#
        func event(_ type: String, _ data: String) -> String {
            #"{"event":"\#(type)","data":\#(jsonString(data))}"#
        }
        let log = [event("user_message", #"{"text":"Link down, call +1 (425) 555-0142"}"#),
                   event("run_start", #"{"run_id":"r","timestamp":"2026-02-20T10:00:00+00:00"}"#),
                   event("step_complete", step), event("message", #"{"text":"\#(diagnosis)"}"#),
                   event("run_complete", #"{"steps":1,"tokens":10,"time":"1.0s"}"#)]
        let document = #"{"id":"s-1","status":"completed","created_at":"2026-02-20T10:00:00+00:00","alert_text":"x","error_detail":"","event_log":[\#(log.joined(separator: ","))]}"#
        let input = SessionInput(document: try JSONTape.parse(Array(document.utf8)).root, kind: .session,
                                 source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        return ReportBuilder.build(Replay.run(Redactor().redact(input)), name: name, options: Cases.options)
    }

    static func jsonString(_ s: String) -> String {
        var out: [UInt8] = []
        appendJSONString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func markdownKeepsItsLinksAndEndsWithTheRedactionNote() throws {
        let md = ReportRenderer().markdown(try Self.redactedModel())
        #expect(!md.contains(Self.email) && !md.contains("Nguyen") && !md.contains("555-0142") && !md.contains("abcDEF123"))
        guard let outline = try MarkdownOutline.parse(md) else {
            Issue.record("cmark is not installed: the Markdown structure was not checked")
            return
        }
        try outline.checkReportShape(name: "redacted")
        #expect(outline.headings.last.map { $0.level == 2 && $0.text == "Redaction" } == true)
        // The mailto link is still a link, to a harmless target; the autolink still an autolink.
        #expect(outline.destinations.contains("mailto:redacted-email-1"))
        #expect(outline.destinations.contains("https://x.blob.core.windows.net/c?sv=1&sig=redacted-secret-1&sp=r"))
        #expect(md.contains("| field engineer's name (key path engineer.name) | `[redacted name N]` | 1 |"))
    }

    @Test func htmlStaysSafeAndSaysWhatWasRemoved() throws {
        let html = ReportRenderer().html(try Self.redactedModel())
        try HTMLSafety.check(html, name: "redacted")
        #expect(!html.contains(Self.email) && !html.contains("Nguyen"))
        #expect(html.contains("<li><a href=\"#redaction\">Redaction</a></li>"))
        #expect(html.contains("<section id=\"redaction\">"))
        #expect(html.contains("Hi [redacted name 1],"))
        #expect(html.contains("<a href=\"mailto:redacted-email-1\">[redacted name 1]</a>"))
    }

    /// The whole redacted report and index, byte for byte (the Redaction
    /// section's layout; `NOC_RECORD=1` re-records).
    @Test func redactedReportsMatchTheirGoldenFiles() throws {
        let model = try Self.redactedModel()
        try Golden.check(ReportRenderer().markdown(model), "redacted.md")
        try Golden.check(ReportRenderer().html(model), "redacted.html")
        var clean = IndexEntry(try Cases.model("completed"))
        clean.redaction = RedactionReport()
        let files = IndexRenderer.render(entries: [IndexEntry(model), clean], context: IndexContext(), templates: .embedded)
        for file in files { try Golden.check(file.contents, file.fileName.replacingOccurrences(of: "index", with: "index-redacted")) }
    }

    @Test func withoutRedactionThereIsNoNote() throws {
        let model = try Cases.model("completed")
        #expect(model.redaction == nil)
        #expect(!ReportRenderer().markdown(model).contains("## Redaction"))
        #expect(!ReportRenderer().html(model).contains("id=\"redaction\""))
    }

    @Test func theIndexTotalsTheRules() throws {
        var a = IndexEntry(try Self.redactedModel("a"))
        var b = IndexEntry(try Self.redactedModel("b"))
        a.id = "a"; b.id = "b"
        var clean = IndexEntry(try Cases.model("completed"))
        clean.redaction = RedactionReport()
        let files = IndexRenderer.render(entries: [a, b, clean], context: IndexContext(), templates: .embedded)
        let md = try #require(files.first { $0.fileName == "index.md" }).contents
        #expect(md.contains("3 sessions checked with the redaction rules; 2 had personal data or secrets removed"))
        #expect(md.contains("| field engineer's name (key path engineer.name) | 2 |"))
        let html = try #require(files.first { $0.fileName == "index.html" }).contents
        try HTMLSafety.check(html, name: "index")
        #expect(html.contains("Redaction (places replaced)"))
        // Without --redact the index has no redaction totals.
        let plain = IndexRenderer.render(entries: [IndexEntry(try Cases.model("completed"))], context: IndexContext(), templates: .embedded)
        #expect(!plain.contains { $0.contents.contains("redaction") || $0.contents.contains("Redaction") })
    }
}
