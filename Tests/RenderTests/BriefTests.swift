import Foundation
import Testing
@testable import Render

@Suite("The brief: a ticket-sized report")
struct BriefTests {
    static let megabyte = String(repeating: "alert <b>x</b> & | pipe ", count: 1 << 20 / 24)
    static let reports = ["s.md", "s.html", "s.json"]

    /// Hostile sessions: each row changes the model of a failed run.
    static let hostileRows: [(name: String, change: @Sendable (inout ReportModel) -> Void)] = [
        ("as rendered", { _ in }),
        ("1 MB title and alert", { $0.title = megabyte; $0.alert = megabyte }),
        ("10,000 actions", { m in m.findings = findings { $0.actions = (1...10_000).map { .init(text: "Action \($0) do the thing.") } } }),
        ("one 1 MB action with no sentence end", { m in m.findings = findings { $0.actions = [.init(text: String(repeating: "ü", count: 1 << 20))] } }),
        ("1 MB summary of sentences", { m in m.findings = findings { $0.summary = [String(repeating: "Link down at site <i>. ", count: 45_000)] } }),
        ("10,000 dispatches with huge ids", { m in
            m.dispatches = (1...10_000).map { .init(dispatchID: String(repeating: "D\($0)|", count: 2_000), urgency: "high",
                                                   destination: "Site <7>", engineer: "E", status: nil, place: "Turn 1, step \($0)", anchor: "a") }
        }),
        ("100 dispatches to 1 MB destinations", { m in
            m.dispatches = (1...100).map { .init(dispatchID: "DSP-\($0)", urgency: megabyte, destination: megabyte, engineer: nil,
                                                status: nil, place: "Turn 1, step \($0)", anchor: "a") }
        }),
        ("10,000 key events and failed steps", { m in
            m.keyEvents = (1...10_000).map { .init(time: "10:00:00", what: "Event \($0) <script>", anchor: nil) }
            let f = m.outcome.failedSteps.first
            if let f { m.outcome.failedSteps = Array(repeating: f, count: 10_000) }
        }),
        ("huge banner and outcome paragraph", { $0.banner = megabyte; $0.outcome.paragraph = megabyte }),
        ("everything at once", { m in
            m.title = megabyte
            m.findings = findings { f in
                f.severity = megabyte; f.confidence = megabyte
                f.summary = Array(repeating: "Summary sentence. Another one.", count: 5_000)
                f.rootCauses = Array(repeating: .init(text: megabyte, details: [megabyte]), count: 20)
                f.actions = (1...10_000).map { .init(text: "A\($0).", subItems: [.init(text: "sub", level: 1)]) }
                f.precedents = Array(repeating: "INC123456 <x>", count: 5_000); f.gaps = Array(repeating: "Risk", count: 5_000)
            }
            m.keyEvents = Array(repeating: .init(time: nil, what: megabyte, anchor: nil), count: 1_000)
        }),
    ]

    static func findings(_ change: (inout ReportModel.KeyFindings) -> Void) -> ReportModel.KeyFindings {
        var f = ReportModel.KeyFindings()
        f.turnNumber = 1
        change(&f)
        return f
    }

    static func brief(_ row: Int, limit: Int) throws -> (String, ReportModel) {
        var m = try Cases.model("failed-interrupted")
        hostileRows[row].change(&m)
        let bytes = ReportRenderer().brief(m, limit: limit, reports: reports)
        #expect(bytes.count <= limit, "\(hostileRows[row].name): \(bytes.count) bytes over \(limit)")
        return (String(decoding: bytes, as: UTF8.self), m)
    }

    static let limits = [BriefWriter.minimumLimit, 5000, BriefWriter.defaultLimit]

    @Test(arguments: 0..<hostileRows.count, limits)
    func staysWithinTheLimitAndNamesOutcomeAndReason(row: Int, limit: Int) throws {
        let (text, m) = try Self.brief(row, limit: limit)
        #expect(text.contains("**Outcome:** Failed · **Reason:** Agent run interrupted (`run_interrupted`)"), "\(Self.hostileRows[row].name)")
        #expect(text.hasPrefix("# "))
        for r in Self.reports { #expect(text.contains("`\(r)`"), "\(r) not named") }
        try Self.expectNoRawHTML(text, Self.hostileRows[row].name)
        _ = m
    }

    /// Parsed by cmark (the CommonMark reference): no html_block or html_inline node.
    static func expectNoRawHTML(_ text: String, _ what: String) throws {
        guard let r = try runTool("cmark", ["--to", "xml"], stdin: text) else {
            Issue.record("cmark is not installed (apt-get install cmark): raw HTML not checked")
            return
        }
        #expect(r.status == 0)
        #expect(!r.stdout.contains("<html_block") && !r.stdout.contains("<html_inline"), "\(what): raw HTML in the brief")
    }

    /// Cut parts end with a note naming what is left out and where it is;
    /// every action shown is whole, in the agent's order.
    @Test func cutNotesSayWhatIsLeftOut() throws {
        let (text, _) = try Self.brief(2, limit: BriefWriter.defaultLimit)
        let shown = text.split(separator: "\n").filter { $0.first?.isNumber == true && $0.contains(". Action ") }
        #expect(shown.count > 10)
        for (i, line) in shown.enumerated() { #expect(line == "\(i + 1). Action \(i + 1) do the thing.") }
        #expect(text.contains("… \(TextForm.grouped(10_000 - shown.count)) more recommended actions: see s.md"))
        #expect(text.contains("*Cut to fit 16,384 bytes: the full report is s.md.*"))
    }

    /// A text cut inside an item stops at a sentence end; one sentence too
    /// long to show is only said to be there.
    @Test(arguments: [
        ("First one. Second one. " + String(repeating: "More words here. ", count: 200), "First one. Second one.", true),
        (String(repeating: "x", count: 5000), "(a text of 5,000 bytes: see s.md)", false),
        ("Short and whole.", "Short and whole.", false),
    ])
    func itemsAreCutAtSentences(text: String, starts: String, continues: Bool) {
        let line = BriefWriter.fit(text, 1200, see: "see s.md")
        #expect(line.hasPrefix(starts))
        #expect(line.utf8.count <= 1200)
        #expect(line.hasSuffix(" … (continues: see s.md)") == continues)
    }

    @Test func theUncutBriefHoldsTheFindingsAndFailedSteps() throws {
        let m = try Cases.model("failed-interrupted")
        let text = String(decoding: ReportRenderer().brief(m, reports: Self.reports), as: UTF8.self)
        #expect(!text.contains("Cut to fit"))
        for s in m.outcome.failedSteps { #expect(text.contains(MarkdownText.inline(s.place))) }
        #expect(text.contains("## Key events"))
        for k in m.keyEvents { #expect(text.contains(BriefWriter.fit(k.what, 1200, see: "").prefix(40))) }
    }

    @Test func sharesGiveSmallPartsAllTheyNeed() {
        #expect(BriefWriter.shares([10, 1000, 20, 1000], 1030) == [10, 500, 20, 500])
        #expect(BriefWriter.shares([10, 20], 1000) == [10, 20])
    }
}

extension BriefTests {
    /// A section given exactly the bytes it needs shows every item, whatever
    /// the length of the cut note it would otherwise need.
    @Test(arguments: [["- a", "- b", "- c"], ["- x"], (1...40).map { "- item \($0)" }])
    func aSectionThatFitsIsNotCut(items: [String]) {
        var section = BriefSection(heading: "## H", items: items, noun: ("item", "items"), elsewhere: "see s.md")
        var doc = BriefBlocks(limit: 100_000)
        #expect(!section.write(into: &doc, budget: section.fullSize))
        #expect(doc.bytes.count == section.fullSize)
        #expect(!String(decoding: doc.bytes, as: UTF8.self).contains("more items"))
    }
}

extension BriefTests {
    /// With little room, the first root cause, action and failed step come
    /// before everything else; a section with no room is named in the cut note.
    @Test func priorityPartsKeepTheirFirstItem() throws {
        var m = try Cases.model("failed-interrupted")
        m.findings = Self.findings { f in
            f.summary = (1...50).map { "Summary paragraph \($0) about the incident." }
            f.rootCauses = (1...50).map { .init(text: "Cause \($0) in the plant.", details: []) }
            f.actions = (1...50).map { .init(text: "Action \($0) now.") }
            f.risk = (1...50).map { "Risk \($0) stays." }
        }
        m.keyEvents = (1...200).map { .init(time: "10:00:00", what: "Event \($0) happened", anchor: nil) }
        let text = String(decoding: ReportRenderer().brief(m, limit: BriefWriter.minimumLimit, reports: Self.reports), as: UTF8.self)
        #expect(text.utf8.count <= BriefWriter.minimumLimit)
        for first in ["Summary paragraph 1 about", "- Top: Cause 1 in the plant.", "1. Action 1 now."] {
            #expect(text.contains(first), "\(first) missing:\n\(text)")
        }
        #expect(text.contains("more recommended actions: see s.md"))
        if !text.contains("Risk 1 stays.") { #expect(text.contains("not shown: ") && text.contains("Risk")) }
    }
}
