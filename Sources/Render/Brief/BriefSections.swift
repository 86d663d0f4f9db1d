/// The brief's sections, in reading order, from the report model: key
/// findings (by section of the diagnosis), dispatches, failed steps and
/// key events. Each item is one escaped line of at most
/// `BriefWriter.itemBytes`; empty sections are left out.
struct BriefSections {
    let model: ReportModel
    /// "see `name.md`": where the cut notes send the reader.
    let see: String

    var all: [BriefSection] {
        (findings + [dispatches, failedSteps, keyEvents]).filter { !$0.items.isEmpty || !$0.lead.isEmpty }
    }

    private func line(_ text: String) -> String { BriefWriter.fit(text, BriefWriter.itemBytes, see: see) }
    private func part(_ text: String, _ bytes: Int) -> String { BriefWriter.fit(text, bytes, see: see) }

    /// Which sections keep their first item when only some can: the
    /// summary, causes, actions and failures before the rest.
    static let priorities = ["## Key findings": 0, "### Probable root causes": 1, "### Recommended actions": 2,
                             "## Failed steps": 3, "## Dispatches": 4, "### Blast radius": 5, "## Key events": 6]

    private func section(_ heading: String, _ items: [String], _ one: String, _ many: String,
                         lead: [String] = []) -> BriefSection {
        var s = BriefSection(heading: heading, lead: lead, items: items, noun: (one, many), elsewhere: see)
        s.priority = Self.priorities[heading] ?? 9
        return s
    }

    private var findings: [BriefSection] {
        guard let f = model.findings else { return [] }
        let turn = model.turns.first { $0.number == f.turnNumber }
        var levels: [String] = []
        if let s = f.severity { levels.append("**Severity:** " + line(s)) }
        if let c = f.confidence { levels.append("**Confidence:** " + line(c)) }
        var lead = ["From the final answer of turn \(f.turnNumber)" + (turn.map { " (\(MarkdownText.inline($0.title)))" } ?? "") + ".", ""]
        if !levels.isEmpty { lead += [levels.joined(separator: " · "), ""] }
        var out = [section("## Key findings", f.summary.map { line($0) + "\n" },
                           "paragraph of the incident summary", "paragraphs of the incident summary", lead: lead)]
        let causes = f.rootCauses.enumerated().map { i, c in
            "- " + line((i == 0 ? "Top: " : "") + c.text + (i == 0 && !c.details.isEmpty ? " — " + c.details.joined(separator: "; ") : ""))
        }
        out.append(section("### Probable root causes", causes, "root cause", "root causes"))
        out.append(section("### Blast radius", f.blastRadius.map { "- " + line($0) }, "line", "lines"))
        let actions = f.actions.enumerated().map { i, a in
            "\(i + 1). " + line(a.text + (a.subItems.isEmpty ? "" : " — " + a.subItems.map(\.text).joined(separator: "; ")))
        }
        out.append(section("### Recommended actions", actions, "recommended action", "recommended actions"))
        let tickets = f.precedentTickets.isEmpty ? [] : ["Tickets: " + line(f.precedentTickets.joined(separator: ", ")), ""]
        out.append(section("### Historical precedents", f.precedents.map { "- " + line($0) }, "precedent", "precedents",
                           lead: tickets))
        out.append(section("### Risk", f.risk.map { line($0) + "\n" }, "paragraph", "paragraphs"))
        out.append(section("### Marked unavailable by the agent", f.gaps.map { "- " + line($0) }, "section", "sections"))
        return out
    }

    private var dispatches: BriefSection {
        let items = model.dispatches.map { d -> String in
            // Each part cut on its own, so the id always shows.
            var parts = [d.dispatchID.map { part($0, 240) } ?? "(no id)"]
            if let u = d.urgency { parts.append("urgency " + part(u, 160)) }
            if let x = d.destination { parts.append(part(x, 400)) }
            if let e = d.engineer { parts.append("engineer " + part(e, 160)) }
            parts.append(part(d.place, 100))
            return "- " + parts.joined(separator: " · ")
        }
        return section("## Dispatches", items, "dispatch", "dispatches")
    }

    private var failedSteps: BriefSection {
        let items = model.outcome.failedSteps.map { s in
            "- " + part(s.place, 100) + (s.agent.map { " (" + part($0, 200) + ")" } ?? "") + ": " + part(s.summary, 400)
                + (s.code.map { " [" + part($0, 100) + "]" } ?? "")
        }
        return section("## Failed steps", items, "failed step", "failed steps")
    }

    private var keyEvents: BriefSection {
        let items = model.keyEvents.map { k in "- " + line((k.time.map { $0 + " · " } ?? "") + k.what) }
        return section("## Key events", items, "key event", "key events")
    }
}
