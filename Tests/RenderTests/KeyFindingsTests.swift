import Testing
@testable import Render

@Suite("Key findings from the final diagnosis")
struct KeyFindingsTests {
    /// One row per heading form: the heading, and where its planted token must land.
    static let headingRows: [(heading: String, field: String)] = [
        ("### 1. Incident Summary", "summary"), ("### Incident Summary", "summary"), ("## Summary", "summary"),
        ("### 2. Blast Radius", "blast"), ("### Impact", "blast"), ("#### Customer impact:", "blast"),
        ("### 3. Top 3 Probable Root Causes", "cause"), ("### Probable Root Cause", "cause"),
        ("### Root cause", "cause"), ("### Root Causes", "cause"), ("### Top 1 probable root cause", "cause"),
        ("### 4. Recommended Actions", "action"), ("### Recommended action", "action"), ("### 4) Recommended actions", "action"),
        ("### 5. Historical Precedents", "precedent"), ("### Historical precedent", "precedent"), ("### Precedents", "precedent"),
        ("### 6. Risk Assessment", "risk"), ("### Risk", "risk"),
    ]

    static func field(_ f: ReportModel.KeyFindings, _ name: String) -> [String] {
        switch name {
        case "summary": return f.summary
        case "blast": return f.blastRadius
        case "cause": return f.rootCauses.map(\.text)
        case "action": return f.actions.map(\.text)
        case "precedent": return f.precedents
        case "risk": return f.risk
        default: return []
        }
    }

    @Test(arguments: headingRows)
    func eachHeadingFormIsRecognised(row: (heading: String, field: String)) {
        let f = KeyFindingsExtractor.extract("\(row.heading)\n\nTOKENQ7 text here.\n", turn: 2)
        #expect(Self.field(f, row.field) == ["TOKENQ7 text here."], "\(row.heading)")
        #expect(f.turnNumber == 2)
        for other in ["summary", "blast", "cause", "action", "precedent", "risk"] where other != row.field {
            #expect(Self.field(f, other).isEmpty, "\(row.heading) leaked into \(other)")
        }
    }

    static let notSections = ["### Evidence", "### Actions taken", "## Diagnosis: link down", "### Root cause analysis pending",
                              "### Summary of telemetry", "**Root cause**", "Root cause: a splice"]

    @Test(arguments: notSections)
    func otherHeadingsAreNotSections(text: String) {
        let f = KeyFindingsExtractor.extract("\(text)\n\nTOKENX1 body.\n", turn: 1)
        #expect(f.isEmpty, "\(text)")
    }

    static let lineRows: [(text: String, severity: String?, confidence: String?)] = [
        ("**Severity:** P2 — major  \n**Confidence:** 86%", "P2 — major", "86%"),
        ("**Severity**: P1", "P1", nil),
        ("Severity: P3 — minor", "P3 — minor", nil),
        ("### 1. Incident Summary\n\nLink down. Severity: P1 — critical. More text.", "P1 — critical", nil),
        ("**Confidence:** 72% — the topology lookup failed", nil, "72% — the topology lookup failed"),
        ("The severity: unknown", nil, nil),
        ("**Severity:**", nil, nil),
    ]

    @Test(arguments: lineRows)
    func labelledLines(row: (text: String, severity: String?, confidence: String?)) {
        let f = KeyFindingsExtractor.extract(row.text, turn: 1)
        #expect(f.severity == row.severity)
        #expect(f.confidence == row.confidence)
    }

    static let situationReport = """
    ### 1. Incident Summary
    Link TKA1 down. Severity: P1 — critical. TKA2 sentence.
    ### 2. Blast Radius
    | a | b |
    |---|---|
    | TKB0 | x |

    TKB1 affected services.
    ### 3. Top 3 Probable Root Causes
    - **Root Cause 1:** TKC1 failing splice (SPL-1)
      - **Evidence for:** TKC1E
      - **Remediation:** TKC1R (runbook RB-FIB-001)
    - **Root Cause 2:** TKC2 amplifier
    ### 4. Recommended Actions
    1. TKD1 first
    2. TKD2 second
    3. TKD3 third
    ### 5. Historical Precedents
    - INC482913: TKE1 same signature
    - CHG-1044 TKE2
    ### 6. Risk Assessment
    TKF1 risk text.
    """

    @Test func situationReportInFull() {
        let f = KeyFindingsExtractor.extract(Self.situationReport, turn: 1)
        #expect(f.severity == "P1 — critical")
        #expect(f.summary == ["Link TKA1 down. Severity: P1 — critical. TKA2 sentence."])
        #expect(f.blastRadius == ["TKB1 affected services."])
        #expect(f.rootCauses.map(\.text) == ["Root Cause 1: TKC1 failing splice (SPL-1)", "Root Cause 2: TKC2 amplifier"])
        #expect(f.rootCauses.first?.details == ["Evidence for: TKC1E", "Remediation: TKC1R (runbook RB-FIB-001)"])
        #expect(f.actions.map(\.text) == ["TKD1 first", "TKD2 second", "TKD3 third"])
        #expect(f.precedentTickets == ["INC482913", "CHG-1044"])
        #expect(f.risk == ["TKF1 risk text."])
        #expect(f.gaps.isEmpty)
        #expect(f.firstSentence == "Link TKA1 down.")
    }

    @Test func unavailableSectionsAreGaps() {
        let md = "### 5. Historical Precedents\nData unavailable due to query error.\n### 6. Risk Assessment\nData unavailable due to query error.\n"
        let f = KeyFindingsExtractor.extract(md, turn: 1)
        #expect(f.gaps == ["Historical Precedents", "Risk Assessment"])
        #expect(f.precedents.isEmpty && f.risk.isEmpty)
    }

    /// A section ends at the next heading of its level or above; a deeper
    /// heading inside it stays part of it.
    @Test func sectionsEndAtTheirLevel() {
        let md = "## Root cause\nTKR1\n### Detail\nTKR2\n## Evidence\nTKZ9 must not appear\n"
        let f = KeyFindingsExtractor.extract(md, turn: 1)
        #expect(f.rootCauses.map(\.text) == ["TKR1 TKR2"])
    }

    /// No token the diagnosis did not contain ever appears: every word of
    /// every finding is a word of the diagnosis.
    @Test(arguments: [situationReport, "**Severity:** <b>P1</b>\n### Root cause\n[x](javascript:alert(1)) `code` *em*\n### Recommended actions\n- [ ] a\n- b\n"])
    func plantedTokensOnly(md: String) {
        let f = KeyFindingsExtractor.extract(md, turn: 1)
        var all: [String] = [f.severity, f.confidence].compactMap { $0 }
        all += f.summary + f.blastRadius + f.actions.flatMap { [$0.text] + $0.subItems.map(\.text) } + f.precedents + f.risk + f.gaps + f.precedentTickets
        all += f.rootCauses.flatMap { [$0.text] + $0.details }
        let words = Set(md.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init))
        for text in all {
            for w in text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
                #expect(words.contains(String(w)), "\(w) not in the diagnosis")
            }
        }
        #expect(!all.isEmpty)
    }

    @Test func noSectionsNoFindings() {
        #expect(KeyFindingsExtractor.extract("The link is fine. Nothing else to say.\n\n- a list\n", turn: 1).isEmpty)
        #expect(KeyFindingsExtractor.extract("", turn: 1).isEmpty)
    }
    /// Recommended actions keep what the agent nested under them, in order and depth.
    static let nestedActionRows: [(markdown: String, actions: [ReportModel.ActionItem])] = [
        ("### Recommended Actions\n1. TKN1 reroute\n   - TKN1a via ring B\n   - TKN1b notify\n2. TKN2 dispatch\n",
         [.init(text: "TKN1 reroute", subItems: [.init(text: "TKN1a via ring B", level: 1), .init(text: "TKN1b notify", level: 1)]),
          .init(text: "TKN2 dispatch")]),
        ("### Recommended actions\n- TKM1\n  - TKM1a\n    - TKM1a1 deeper\n  - TKM1b\n",
         [.init(text: "TKM1", subItems: [.init(text: "TKM1a", level: 1), .init(text: "TKM1a1 deeper", level: 2),
                                          .init(text: "TKM1b", level: 1)])]),
        ("### Recommended actions\n- TKP1 first paragraph\n\n  TKP1 second paragraph\n",
         [.init(text: "TKP1 first paragraph", subItems: [.init(text: "TKP1 second paragraph", level: 1)])]),
    ]

    @Test(arguments: nestedActionRows)
    func nestedActionContentIsKept(row: (markdown: String, actions: [ReportModel.ActionItem])) {
        #expect(KeyFindingsExtractor.extract(row.markdown, turn: 1).actions == row.actions)
    }
    /// The nested content reaches both reports as sub-items of the checklist item.
    @Test func nestedActionsRenderAsSubItems() throws {
        var m = try Cases.model("completed")
        var f = ReportModel.KeyFindings()
        f.turnNumber = 1
        f.actions = Self.nestedActionRows[1].actions
        m.findings = f
        let md = ReportRenderer().markdown(m)
        #expect(md.contains("- [ ] TKM1\n  - TKM1a\n    - TKM1a1 deeper\n  - TKM1b\n"), "\(md)")
        let html = ReportRenderer().html(m)
        #expect(html.contains("TKM1<ul class=\"action-sub\"><li class=\"sub-level-1\">TKM1a</li><li class=\"sub-level-2\">TKM1a1 deeper</li>"))
    }
}
