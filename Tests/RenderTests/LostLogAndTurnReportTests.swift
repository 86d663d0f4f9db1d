import Foundation
import Testing
@testable import Render
import Transcript

/// Issue 17 items 4 and 6 in the reports: a session whose log was lost
/// shows the steps its document recorded (never "0 steps"), a log whose
/// chunks are all missing says so, and each turn's own error shows in that
/// turn and in the Outcome.
@Suite struct LostLogAndTurnReportTests {
    static func model(_ document: String, chunked: [LogEntry]? = nil, missing: [Int] = []) throws -> ReportModel {
        var input = SessionInput(document: try JSONTape.parse(Array(document.utf8)).root, kind: .session,
                                 source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        input.chunkedLog = chunked
        input.missingChunks = missing
        if !missing.isEmpty { input.warnings.append(.init(.missingChunks, "chunks missing")) }
        return ReportBuilder.build(Replay.run(input), name: "t", options: Cases.options)
    }

    static func manifest(status: String, steps: String? = nil, extra: String = "") -> String {
        #"{"id":"m1","_docType":"session","scenario":"telco","alert_text":"VPN down","status":"\#(status)","error_detail":"","created_at":"2026-02-24T13:27:19+00:00","chunk_count":3,"chunk_ids":["m1:chunk-0","m1:chunk-1","m1:chunk-2"]"#
            + (steps.map { #","steps":\#($0)"# } ?? "") + extra + "}"
    }

    static let twoSteps = #"[{"step":1,"agent":"GraphExplorerAgent","response":"ok"},{"step":2,"agent":"TelemetryAgent","error":true,"response":"FAILED: [429] Rate limit"}]"#

    static func both(_ m: ReportModel) -> (md: String, html: String) {
        let r = ReportRenderer(templates: .embedded)
        return (r.markdown(m), r.html(m))
    }

    /// Rows: how the log came to be empty, and what the report must say.
    @Test(arguments: [
        ("event_log [] beside steps", #","event_log":[]"#, false, "the event log is empty, but the document records 2 steps"),
        ("one empty chunk beside steps", "", true, "the event log stored in chunks is empty, but the document records 2 steps"),
    ])
    func aLostLogShowsTheRecordedSteps(_ name: String, _ log: String, _ chunked: Bool, _ integrity: String) throws {
        let doc = Self.manifest(status: "completed", steps: Self.twoSteps,
                                extra: log + #","diagnosis":"The VPN concentrator lost power.","run_meta":{"steps":2,"tokens":100,"time":"9.0s"}"#)
        let m = try Self.model(doc, chunked: chunked ? [] : nil)
        #expect(m.logState == .lost)
        #expect(m.stats.stepCount == 2)
        #expect(IndexEntry(m).steps == 2)
        let (md, html) = Self.both(m)
        for text in [md, html] {
            #expect(text.contains("Steps recorded on the session document (the event log was lost)"))
            #expect(!text.contains("0 steps"), "\(name)")
            #expect(text.contains(integrity))
            #expect(text.contains("Diagnosis recorded on the session document"))
            #expect(text.contains("The VPN concentrator lost power."))
            #expect(text.contains("Run summary recorded on the session document: 2 steps · 100 tokens · 9.0s"))
            #expect(text.contains("its event log was lost: the session document records 2 steps and the last diagnosis any turn wrote"))
        }
        #expect(md.contains("#### Step 2 · TelemetryAgent · FAILED (Rate limited)"))
        #expect(md.contains("| Steps | 2 recorded on the session document (1 failed) |"))
        #expect(md.contains("**The event log was lost** (`lost_log`)"))
        #expect(md.contains("| Recorded step 2 | TelemetryAgent | Rate limited |"))
        #expect(html.contains("id=\"recorded-step-2\""))
        try HTMLSafety.check(html, name: name)
    }

    /// Rows: a session without any event, and the words that replace "0 steps".
    @Test(arguments: [
        ("every chunk missing, completed", "completed", nil, true, "its event log is missing (every chunk of it is missing from the input)"),
        ("every chunk missing, failed", "failed", nil, true, "Its event log is missing (every chunk of it is missing from the input)"),
        ("every chunk missing, steps kept", "completed", twoSteps, true, "its event log was lost: the session document records 2 steps"),
        ("partial: true, no event", "completed", nil, false, "its event log is incomplete"),
    ] as [(String, String, String?, Bool, String)])
    func aSessionWithoutEventsNeverCompletesAfterZeroSteps(_ name: String, _ status: String, _ steps: String?,
                                                           _ missing: Bool, _ said: String) throws {
        let extra = missing ? "" : #","event_log":[],"partial":true"#
        let m = try Self.model(Self.manifest(status: status, steps: steps, extra: extra),
                               chunked: missing ? [.gap(missingChunks: [0, 1, 2])] : nil, missing: missing ? [0, 1, 2] : [])
        let (md, html) = Self.both(m)
        for text in [md, html] {
            #expect(text.contains(said), "\(name)")
            #expect(!text.contains("after 0 steps"), "\(name)")
            #expect(!text.contains("completed 0 steps"), "\(name)")
            #expect(!text.contains("its event log is empty"), "\(name)")
        }
        #expect(md.contains("> **Incomplete log:**"), "\(name)")
    }

    @Test func anEarlierTurnsFailureShowsInItsTurnAndInTheOutcome() throws {
        let m = try Cases.model("followup-failed")
        #expect(m.outcome.category == .completed)
        #expect(m.turns.map { $0.failure?.reason } == [.runInterrupted, nil])
        let (md, html) = Self.both(m)
        for text in [md, html] {
            #expect(text.contains("This turn ended with an error: Agent run interrupted (error event 3)."))
            #expect(text.contains("Turn 1 (Initial alert) ended with an error: Agent run interrupted (error event 3)."))
        }
    }

    @Test func theDocumentDiagnosisIsNeverTheUnansweredLastTurnsAnswer() throws {
        let m = try Cases.model("lastturn-unanswered")
        #expect(m.turns.map { $0.diagnosis != nil } == [true, false])
        #expect(m.turns[1].missingAnswerNote?.contains("The session document's diagnosis is not this turn's answer") == true)
        #expect(m.turns[1].failure?.reason == .noFinalResponse)
        let md = Self.both(m).md
        let turn2 = try #require(md.range(of: "### Turn 2"))
        let timelineEnd = try #require(md.range(of: "## Data integrity"))
        #expect(!md[turn2.upperBound..<timelineEnd.lowerBound].contains("Fan tray 2 failed"))
        #expect(md[turn2.upperBound..<timelineEnd.lowerBound].contains("This turn has no final answer."))
    }
}
