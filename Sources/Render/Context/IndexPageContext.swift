import Transcript

/// The variables an index template receives (documented in templates/README.md).
struct IndexPageContext {
    let e: TemplateEncoder
    /// "html" or "md": the reports and pages this page links to.
    let ext: String
    /// The archive's charts: set on the first page only.
    var chart: ArchiveChart? = nil

    func build(_ page: IndexPage, totals: IndexTotals, context: IndexContext) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 48)
        addHeading(&d, totals: totals, context: context)
        addTallies(&d, totals: totals, onPage: Set(page.entries.map(\.category)))
        addPaging(&d, page)
        addChartAndRows(&d, page)
        addGroups(&d, page)
        return d
    }

    /// Title, run notes and the counts the page opens with.
    private func addHeading(_ d: inout TemplateObject, totals: IndexTotals, context: IndexContext) {
        d["title"] = e.text(context.title)
        d["runNotes"] = .list(context.runNotes.map { ["runNote": e.text($0)] })
        d["hasRunNotes"] = .bool(!context.runNotes.isEmpty)
        d["stamp"] = e.text(context.stamp)
        d["runSummary"] = e.text(context.runSummary)
        d["runFilters"] = context.runFilters.isEmpty ? .missing : e.text(context.runFilters.joined(separator: " "))
        d["sessionCount"] = .text(TextForm.grouped(totals.sessions))
        d["sessionWord"] = totals.sessions == 1 ? "session" : "sessions"
        d["interactionCount"] = totals.interactions > 0
            ? .text(TextForm.grouped(totals.interactions) + (totals.interactions == 1 ? " saved interaction record" : " saved interaction records"))
            : .missing
        d["isEmpty"] = .bool(totals.sessions == 0)
    }

    /// Sessions per outcome, reason, failing agent and step-error kind.
    private func addTallies(_ d: inout TemplateObject, totals: IndexTotals, onPage: Set<Outcome.Category>) {
        d["byOutcome"] = .list(totals.byCategory.map { c, n -> TemplateValue in
            ["category": .text(c.rawValue), "label": .text(OutcomeNarrative.label(c)), "count": .text(TextForm.grouped(n)),
             "onPage": .bool(onPage.contains(c))]
        })
        d["byReason"] = .list(totals.byReason.map { r, n -> TemplateValue in
            ["reason": .text(r.rawValue), "label": .text(OutcomeNarrative.reasonLabel(r) ?? r.rawValue), "count": .text(TextForm.grouped(n))]
        })
        d["hasReasons"] = .bool(!totals.byReason.isEmpty)
        d["byFailingAgent"] = .list(totals.byFailingAgent.map { a, n -> TemplateValue in
            ["agentName": e.text(a), "count": .text(TextForm.grouped(n))]
        })
        d["hasFailingAgents"] = .bool(!totals.byFailingAgent.isEmpty)
        d["byStepErrorKind"] = .list(totals.byKind.map { k, n -> TemplateValue in
            ["kind": .text(k.rawValue), "label": .text(OutcomeNarrative.kindLabel(k)), "count": .text(TextForm.grouped(n))]
        })
        d["hasStepErrorKinds"] = .bool(!totals.byKind.isEmpty)
        d["redaction"] = totals.redaction.map { .object(redaction($0)) } ?? .missing
    }

    private func addPaging(_ d: inout TemplateObject, _ page: IndexPage) {
        d["pageNumber"] = .text(String(page.number))
        d["pageCount"] = .text(String(page.count))
        d["isPaged"] = .bool(page.count > 1)
        d["firstRow"] = .text(TextForm.grouped(page.first))
        d["lastRow"] = .text(TextForm.grouped(page.first + page.entries.count - 1))
        d["prevLink"] = page.number > 1 ? e.fileLink(IndexPage.fileName(page.number - 1, ext: ext)) : .missing
        d["nextLink"] = page.number < page.count ? e.fileLink(IndexPage.fileName(page.number + 1, ext: ext)) : .missing
        d["pages"] = .list((1...page.count).map { n -> TemplateValue in
            ["pageLink": e.fileLink(IndexPage.fileName(n, ext: ext)), "page": .text(String(n)), "isCurrent": .bool(n == page.number)]
        })
    }

    /// The first page's charts (SVG in HTML, a table in Markdown) and the rows.
    private func addChartAndRows(_ d: inout TemplateObject, _ page: IndexPage) {
        d["hasArchiveChart"] = .bool(chart.map { $0.sessions.total > 0 } ?? false)
        d["archiveChartHTML"] = ext == "html" ? chart.map { .html(ArchiveChartFigure.html($0)) } ?? .missing : .missing
        d["archiveChartTable"] = ext == "md" ? chart.map { .markdown(SafeMarkdown(trusted: ArchiveChartTable.markdown($0))) } ?? .missing : .missing
        d["rows"] = .list(page.entries.map { .object(row($0)) })
        d["hasRows"] = .bool(!page.entries.isEmpty)
    }

    /// The page's reports grouped by outcome and by scenario.
    private func addGroups(_ d: inout TemplateObject, _ page: IndexPage) {
        var groups: [(Outcome.Category, [IndexEntry])] = []
        for c in Outcome.Category.allCases {
            let members = page.entries.filter { $0.category == c }
            if !members.isEmpty { groups.append((c, members)) }
        }
        d["outcomeGroups"] = .list(groups.map { c, members -> TemplateValue in
            ["groupAnchor": .text("outcome-\(c.rawValue)"), "category": .text(c.rawValue), "label": .text(OutcomeNarrative.label(c)),
             "count": .text(String(members.count)), "members": .list(members.map { .object(link($0)) })]
        })
        var scenarios: [String: [IndexEntry]] = [:]
        for entry in page.entries { scenarios[entry.scenario ?? "", default: []].append(entry) }
        d["scenarioGroups"] = .list(scenarios.keys.sorted().enumerated().map { i, key -> TemplateValue in
            let members = scenarios[key] ?? []
            return ["groupAnchor": .text("scenario-\(i + 1)"), "scenarioName": e.text(key.isEmpty ? "(no scenario)" : key),
                    "count": .text(String(members.count)), "members": .list(members.map { .object(link($0)) })]
        })
    }

    private func redaction(_ r: RedactionTotals) -> TemplateObject {
        let summary = "\(TextForm.plural(r.sessionsChecked, "session")) checked with the redaction rules; "
            + "\(TextForm.grouped(r.sessionsRedacted)) had personal data or secrets removed "
            + "(\(TextForm.plural(r.occurrences, "place")) replaced by labels)."
        return [
            "redactionSummary": e.text(summary),
            "hasRedactionRules": .bool(!r.rules.isEmpty),
            "redactionRules": .list(r.rules.map { x -> TemplateValue in
                ["ruleSummary": e.text(x.summary), "ruleID": e.code(x.rule, inTable: true),
                 "ruleSessions": .text(TextForm.grouped(x.sessions)), "ruleValues": .text(TextForm.grouped(x.values)),
                 "rulePlaces": .text(TextForm.grouped(x.occurrences))]
            }),
        ]
    }

    /// "2026-02-20 10:01:02 UTC" -> "2026-02-20 10:01 UTC": the zone stays (issue 19).
    static func withoutSeconds(_ text: String) -> String {
        let b = Array(text.utf8)
        guard b.count >= 19, b[16] == UInt8(ascii: ":"), b[10] == UInt8(ascii: " ") else { return text }
        return String(decoding: b[0..<16] + b[19...], as: UTF8.self)
    }

    private func row(_ x: IndexEntry) -> TemplateObject {
        var d = link(x)
        d["created"] = e.text(x.createdText ?? "—")
        d["createdShort"] = e.text(x.createdText.map(Self.withoutSeconds) ?? "—")
        d["scenario"] = e.text(x.scenario ?? "—")
        d["category"] = .text(x.category.rawValue)
        d["outcomeLabel"] = .text(OutcomeNarrative.label(x.category))
        d["reasonLabel"] = e.text(OutcomeNarrative.reasonLabel(x.reason))
        d["turns"] = .text(String(x.turns))
        d["steps"] = .text(String(x.steps))
        d["duration"] = .text(x.durationSeconds.map(formatDuration) ?? "—")
        d["alertExcerpt"] = e.text(x.alertExcerpt)
        // The link already shows the short form; repeat the alert only when it says more.
        let short = TextForm.shortLine(x.alertExcerpt, limit: 90)
        d["alertMore"] = short == x.alertExcerpt ? .missing : e.text(x.alertExcerpt)
        d["id"] = e.code(x.id, inTable: true)
        d["isInteraction"] = .bool(x.kind == .interaction)
        d["entrySeverity"] = e.text(x.severity)
        d["entryFinding"] = e.text(x.finding)
        d["warningCount"] = x.warningCount > 0 ? .text(String(x.warningCount)) : .missing
        d["failingAgents"] = e.text(x.failingAgents.isEmpty ? nil : x.failingAgents.joined(separator: ", "))
        return d
    }

    /// What a link to one report needs.
    private func link(_ x: IndexEntry) -> TemplateObject {
        let label = x.alertExcerpt.isEmpty ? (x.id.isEmpty ? x.name : x.id) : TextForm.shortLine(x.alertExcerpt, limit: 90)
        return ["reportLink": e.fileLink(x.name + "." + ext),
                "otherLink": e.fileLink(x.name + (ext == "html" ? ".md" : ".html")),
                "linkText": e.text(label),
                "linkDate": e.text(x.createdText.map { String($0.prefix(16)) } ?? "no date"),
                "linkCategory": .text(x.category.rawValue),
                "linkOutcome": .text(OutcomeNarrative.label(x.category)),
                "entrySeverity": e.text(x.severity), "entryFinding": e.text(x.finding)]
    }
}
