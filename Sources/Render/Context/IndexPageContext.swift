import Transcript

/// The variables an index template receives (documented in templates/README.md).
struct IndexPageContext {
    let e: TemplateEncoder
    /// "html" or "md": the reports and pages this page links to.
    let ext: String

    func build(_ page: IndexPage, totals: IndexTotals, context: IndexContext) -> [String: Any] {
        var d: [String: Any] = [:]
        d["title"] = e.text(context.title)
        d["runNotes"] = context.runNotes.map { ["runNote": e.text($0)] }
        d["hasRunNotes"] = !context.runNotes.isEmpty
        d["stamp"] = e.text(context.stamp)
        d["sessionCount"] = TextForm.grouped(totals.sessions)
        d["sessionWord"] = totals.sessions == 1 ? "session" : "sessions"
        d["interactionCount"] = totals.interactions > 0
            ? TextForm.grouped(totals.interactions) + (totals.interactions == 1 ? " saved interaction record" : " saved interaction records")
            : Missing()
        d["isEmpty"] = totals.sessions == 0

        let onPage = Set(page.entries.map(\.category))
        d["byOutcome"] = totals.byCategory.map { c, n -> [String: Any] in
            ["category": c.rawValue, "label": OutcomeNarrative.label(c), "count": TextForm.grouped(n),
             "onPage": onPage.contains(c)]
        }
        d["byReason"] = totals.byReason.map { r, n -> [String: Any] in
            ["reason": r.rawValue, "label": OutcomeNarrative.reasonLabel(r) ?? r.rawValue, "count": TextForm.grouped(n)]
        }
        d["hasReasons"] = !totals.byReason.isEmpty
        d["byFailingAgent"] = totals.byFailingAgent.map { a, n -> [String: Any] in
            ["agentName": e.text(a), "count": TextForm.grouped(n)]
        }
        d["hasFailingAgents"] = !totals.byFailingAgent.isEmpty
        d["byStepErrorKind"] = totals.byKind.map { k, n -> [String: Any] in
            ["kind": k.rawValue, "label": OutcomeNarrative.kindLabel(k), "count": TextForm.grouped(n)]
        }
        d["hasStepErrorKinds"] = !totals.byKind.isEmpty
        d["redaction"] = totals.redaction.map(redaction) ?? Missing()

        d["pageNumber"] = String(page.number)
        d["pageCount"] = String(page.count)
        d["isPaged"] = page.count > 1
        d["firstRow"] = TextForm.grouped(page.first)
        d["lastRow"] = TextForm.grouped(page.first + page.entries.count - 1)
        d["prevLink"] = page.number > 1 ? e.fileLink(IndexPage.fileName(page.number - 1, ext: ext)) : Missing()
        d["nextLink"] = page.number < page.count ? e.fileLink(IndexPage.fileName(page.number + 1, ext: ext)) : Missing()
        d["pages"] = (1...page.count).map { n -> [String: Any] in
            ["pageLink": e.fileLink(IndexPage.fileName(n, ext: ext)), "page": String(n), "isCurrent": n == page.number]
        }

        d["rows"] = page.entries.map(row)
        d["hasRows"] = !page.entries.isEmpty

        var groups: [(Outcome.Category, [IndexEntry])] = []
        for c in Outcome.Category.allCases {
            let members = page.entries.filter { $0.category == c }
            if !members.isEmpty { groups.append((c, members)) }
        }
        d["outcomeGroups"] = groups.map { c, members -> [String: Any] in
            ["groupAnchor": "outcome-\(c.rawValue)", "category": c.rawValue, "label": OutcomeNarrative.label(c),
             "count": String(members.count), "members": members.map(link)]
        }
        var scenarios: [String: [IndexEntry]] = [:]
        for entry in page.entries { scenarios[entry.scenario ?? "", default: []].append(entry) }
        d["scenarioGroups"] = scenarios.keys.sorted().enumerated().map { i, key -> [String: Any] in
            let members = scenarios[key] ?? []
            return ["groupAnchor": "scenario-\(i + 1)", "scenarioName": e.text(key.isEmpty ? "(no scenario)" : key),
                    "count": String(members.count), "members": members.map(link)]
        }
        return d
    }

    private func redaction(_ r: RedactionTotals) -> [String: Any] {
        let summary = "\(TextForm.plural(r.sessionsChecked, "session")) checked with the redaction rules; "
            + "\(TextForm.grouped(r.sessionsRedacted)) had personal data or secrets removed "
            + "(\(TextForm.plural(r.occurrences, "place")) replaced by labels)."
        return [
            "redactionSummary": e.text(summary),
            "hasRedactionRules": !r.rules.isEmpty,
            "redactionRules": r.rules.map { x -> [String: Any] in
                ["ruleSummary": e.text(x.summary), "ruleID": e.code(x.rule, inTable: true),
                 "ruleSessions": TextForm.grouped(x.sessions), "ruleValues": TextForm.grouped(x.values),
                 "rulePlaces": TextForm.grouped(x.occurrences)]
            },
        ]
    }

    private func row(_ x: IndexEntry) -> [String: Any] {
        var d = link(x)
        d["created"] = e.text(x.createdText ?? "—")
        d["createdShort"] = e.text(x.createdText.map { String($0.prefix(16)) } ?? "—")
        d["scenario"] = e.text(x.scenario ?? "—")
        d["category"] = x.category.rawValue
        d["outcomeLabel"] = OutcomeNarrative.label(x.category)
        d["reasonLabel"] = e.text(OutcomeNarrative.reasonLabel(x.reason))
        d["turns"] = String(x.turns)
        d["steps"] = String(x.steps)
        d["duration"] = x.durationSeconds.map(formatDuration) ?? "—"
        d["alertExcerpt"] = e.text(x.alertExcerpt)
        // The link already shows the short form; repeat the alert only when it says more.
        let short = TextForm.shortLine(x.alertExcerpt, limit: 90)
        d["alertMore"] = short == x.alertExcerpt ? Missing() : e.text(x.alertExcerpt)
        d["id"] = e.code(x.id, inTable: true)
        d["isInteraction"] = x.kind == .interaction
        d["warningCount"] = x.warningCount > 0 ? String(x.warningCount) : Missing()
        d["failingAgents"] = e.text(x.failingAgents.isEmpty ? nil : x.failingAgents.joined(separator: ", "))
        return d
    }

    /// What a link to one report needs.
    private func link(_ x: IndexEntry) -> [String: Any] {
        let label = x.alertExcerpt.isEmpty ? (x.id.isEmpty ? x.name : x.id) : TextForm.shortLine(x.alertExcerpt, limit: 90)
        return ["reportLink": e.fileLink(x.name + "." + ext),
                "otherLink": e.fileLink(x.name + (ext == "html" ? ".md" : ".html")),
                "linkText": e.text(label),
                "linkDate": e.text(x.createdText.map { String($0.prefix(16)) } ?? "no date"),
                "linkCategory": x.category.rawValue,
                "linkOutcome": OutcomeNarrative.label(x.category)]
    }
}
