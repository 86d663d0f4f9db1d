import Transcript

/// The variables a report template receives (documented in
/// templates/README.md), built from the model for one output format.
struct ReportContext {
    let e: TemplateEncoder

    /// Agent headings start at level 5: below the step (level 4) and the
    /// turn's "Diagnosis" heading (level 4), so agent text never adds a
    /// heading at the report's own levels.
    static let agentHeadingFloor = 5

    func build(_ m: ReportModel) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 48)
        d["title"] = e.text(m.title)
        d["id"] = e.code(m.id)
        d["scenario"] = e.text(m.scenario)
        d["kindLabel"] = .text(m.kind == .interaction ? "Interaction" : "Session")
        d["isInteraction"] = .bool(m.kind == .interaction)
        d["shortAlert"] = e.text(m.shortAlert)
        e.put(m.alert, as: "alert", prose: true, into: &d)
        d["outcome"] = .object(outcome(m.outcome))
        d["facts"] = .list(m.facts.map { f -> TemplateValue in
            ["label": e.text(f.label), "value": f.isCode ? e.code(f.value, inTable: true) : e.text(f.value), "isCode": .bool(f.isCode)]
        })
        d["headline"] = e.text(m.headline)
        d["createdText"] = e.text(m.stats.createdText)
        d["turns"] = .list(m.turns.map { .object(turn($0)) })
        d["hasTurns"] = .bool(!m.turns.isEmpty)
        d["emptyTimeline"] = e.text(m.emptyTimelineText)
        d["recorded"] = m.recorded.map { .object(recorded($0)) } ?? .missing
        d["warnings"] = .list(m.warnings.map { w -> TemplateValue in
            ["code": e.code(w.code), "warningTitle": e.text(w.title), "detail": e.text(w.detail),
             "eventIndex": .optional(w.eventIndex.map(String.init))]
        })
        d["hasWarnings"] = .bool(!m.warnings.isEmpty)
        d["warningCount"] = .text(String(m.warnings.count))
        d["source"] = e.text(m.source)
        d["timeZone"] = .text(m.timeZone.description)
        d["stamp"] = e.text(m.stamp)
        d["redaction"] = m.redaction.map { .object(redaction($0)) } ?? .missing
        putFindings(m, into: &d)
        if let index = m.indexFileName {
            d["indexLink"] = e.pageLink(htmlName: index, markdownName: Self.markdownName(index))
        } else {
            d["indexLink"] = .missing
        }
        return d
    }

    /// FORMAT.md §6: the document's own record of a lost log.
    private func recorded(_ r: ReportModel.RecordedRun) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 8)
        d["recordedHeading"] = e.text(r.heading)
        d["recordedExplanation"] = e.text(r.explanation)
        d["recordedSteps"] = .list(r.steps.map { ["step": .object(step($0))] })
        e.putAgent(r.diagnosis, floor: Self.agentHeadingFloor, as: "recordedDiagnosis", into: &d)
        d["hasRecordedDiagnosis"] = .bool(r.diagnosis != nil)
        d["recordedRunMeta"] = r.runMeta.map { e.text($0.summary) } ?? .missing
        return d
    }

    /// The Redaction note: what fired and how often, never the values.
    private func redaction(_ r: RedactionReport) -> TemplateObject {
        let summary = r.isEmpty
            ? "This report was checked with the redaction rules; nothing matched."
            : "Personal data and secrets were removed before this report was written: "
                + "\(TextForm.plural(r.values, "value")) in \(TextForm.plural(r.occurrences, "place")). "
                + "Each value is replaced by a label such as [redacted email 1]; the same value has the same label throughout this report."
        return [
            "redactionSummary": e.text(summary),
            "hasRedactionRules": .bool(!r.isEmpty),
            "redactionRules": .list(r.entries.map { x -> TemplateValue in
                ["ruleSummary": e.text(x.summary), "ruleID": e.code(x.rule, inTable: true),
                 "ruleLabel": e.code("[redacted \(x.kind) N]", inTable: true),
                 "ruleValues": .text(TextForm.grouped(x.values)), "rulePlaces": .text(TextForm.grouped(x.occurrences))]
            }),
        ]
    }

    static func markdownName(_ htmlName: String) -> String {
        htmlName.hasSuffix(".html") ? String(htmlName.dropLast(5)) + ".md" : htmlName
    }

    private func outcome(_ o: ReportModel.OutcomeSummary) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 48)
        d["label"] = .text(o.label)
        d["category"] = .text(o.category.rawValue)
        d["reason"] = .text(o.reason.rawValue)
        d["reasonLabel"] = e.text(o.reasonLabel)
        d["paragraph"] = e.text(o.paragraph)
        d["errorText"] = e.block(o.errorText)
        d["errorLabel"] = .text(o.errorLabel)
        d["countsAsFailed"] = .bool(o.countsAsFailed)
        d["retries"] = o.retries > 0 ? .text(String(o.retries)) : .missing
        d["failedSteps"] = .list(o.failedSteps.map { f -> TemplateValue in
            ["place": e.text(f.place), "anchor": .text(f.anchor), "failedAgent": e.text(f.agent),
             "kind": .text(f.kind.rawValue), "kindLabel": .text(OutcomeNarrative.kindLabel(f.kind)),
             "code": e.code(f.code, inTable: true), "summary": e.text(f.summary)]
        })
        d["hasFailedSteps"] = .bool(!o.failedSteps.isEmpty)
        return d
    }

    private func turn(_ t: ReportModel.Turn) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 48)
        d["number"] = .text(String(t.number))
        d["anchor"] = .text(t.anchor)
        d["turnTitle"] = e.text(t.title)
        d["operatorMessages"] = .list(t.operatorMessages.map { msg -> TemplateValue in
            var m: TemplateObject = ["messageTime": e.text(msg.timeText), "fromAlertText": .bool(msg.fromAlertText)]
            if msg.text.isEmpty {
                m["message"] = e.text("(empty message)")
                m["messageIsBlock"] = .bool(false)
            } else {
                e.put(msg.text, as: "message", prose: true, into: &m)
            }
            return .object(m)
        })
        d["startedText"] = e.text(t.startedText)
        d["turnDuration"] = e.text(t.durationText)
        d["hasRun"] = .bool(t.hasRun)
        var stepLinks: [TemplateValue] = []
        d["entries"] = .list(t.entries.map { entry -> TemplateValue in
            switch entry {
            case .step(let s):
                stepLinks.append(["stepAnchor": .text(s.anchor), "stepNumber": e.text(s.number), "stepFailed": .bool(s.failure != nil)])
                return ["step": .object(step(s))]
            case .stepInFlight(let p):
                var pd: TemplateObject = ["pendingNumber": e.text(p.number), "pendingAnchor": .text(p.anchor),
                                         "pendingAgent": e.text(p.agent), "pendingTime": e.text(p.timeText),
                                         "pendingReasoning": e.text(p.reasoning)]
                e.put(p.query, as: "pendingQuery", into: &pd)
                return ["pending": .object(pd)]
            case .note(let n):
                var nd: TemplateObject = ["noteKind": .text(n.kind.rawValue), "noteTitle": e.text(n.title),
                                         "noteEvent": .optional(n.eventIndex.map(String.init))]
                e.put(n.text, as: "noteText", prose: true, into: &nd)
                return ["note": .object(nd)]
            }
        })
        d["hasEntries"] = .bool(!t.entries.isEmpty)
        d["stepLinks"] = .list(stepLinks)
        d["stepCount"] = .text(TextForm.plural(stepLinks.count, "step"))
        e.putAgent(t.diagnosis, floor: Self.agentHeadingFloor, as: "diagnosis", into: &d)
        d["hasDiagnosis"] = .bool(t.diagnosis != nil)
        d["unfinishedAnswer"] = e.block(t.unfinishedAnswer)
        d["runMeta"] = t.runMeta.map { e.text($0.summary) } ?? .missing
        d["turnError"] = e.block(t.errorMessage)
        d["missingAnswerNote"] = e.text(t.missingAnswerNote)
        d["turnFailure"] = t.failure.map { e.text($0.sentence) } ?? .missing
        return d
    }

    private func step(_ s: ReportModel.Step) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 48)
        d["stepNumber"] = e.text(s.number)
        d["stepAnchor"] = .text(s.anchor)
        d["agent"] = e.text(s.agent)
        d["stepTime"] = e.text(s.timeText)
        d["stepDuration"] = e.text(s.duration)
        e.put(s.query, as: "query", into: &d)
        d["reasoning"] = e.text(s.reasoning)
        e.putAgent(s.response, floor: Self.agentHeadingFloor, as: "response", into: &d)
        if let f = s.failure {
            var fd: TemplateObject = ["kind": .text(f.kind.rawValue), "kindLabel": .text(OutcomeNarrative.kindLabel(f.kind)),
                                     "errorCode": e.code(f.code), "errorSummary": e.text(f.summary)]
            e.put(f.message, as: "errorMessage", into: &fd)
            d["failure"] = .object(fd)
        } else {
            d["failure"] = .missing
        }
        d["failed"] = .bool(s.failure != nil)
        d["isAction"] = .bool(s.isAction)
        d["folded"] = .bool(s.folded)
        d["compact"] = .bool(s.compact)
        d["visualizations"] = .list(s.visualizations.map { .object(visualization($0)) })
        d["action"] = s.action.map { .object(action($0)) } ?? .missing
        d["subSteps"] = .list(s.subSteps.map { sub -> TemplateValue in
            ["subIndex": e.text(sub.index), "subAgent": e.text(sub.agent),
             "subQuery": e.code(sub.query, inTable: true), "subResult": e.text(sub.result)]
        })
        d["hasSubSteps"] = .bool(!s.subSteps.isEmpty)
        d["isEmpty"] = .bool(s.isEmpty)
        return d
    }

    private func visualization(_ v: ReportModel.Visualization) -> TemplateObject {
        switch v {
        case .table(let t):
            var d = TemplateObject(minimumCapacity: 48)
            d["tableTitle"] = .optional(t.title)
            d["columns"] = .list(t.columns.map { c -> TemplateValue in
                ["columnName": e.text(c.name), "columnType": e.text(c.type)]
            })
            d["rows"] = .list(t.rows.map { row -> TemplateValue in
                ["cells": .list(row.map { cell -> TemplateValue in ["cell": e.text(cell)] })]
            })
            d["rowCount"] = .text(TextForm.plural(t.totalRows, "row"))
            d["hiddenRows"] = t.hiddenRows > 0 ? .text(TextForm.grouped(t.hiddenRows)) : .missing
            d["hasRows"] = .bool(!t.rows.isEmpty)
            e.put(t.query, as: "tableQuery", into: &d)
            return ["table": .object(d)]
        case .documents(let doc):
            var d = TemplateObject(minimumCapacity: 48)
            e.putAgent(doc.content, floor: Self.agentHeadingFloor, as: "content", alsoMissing: true, into: &d)
            d["documentAgent"] = e.text(doc.agent)
            d["searchHits"] = e.text(doc.searchHits)
            d["indexName"] = e.code(doc.indexName)
            d["citations"] = .list(doc.citations.map { c -> TemplateValue in
                ["citationTitle": e.text(c.title), "citationURL": e.url(c.linkURL),
                 "citationText": c.linkURL == nil ? e.code(c.url) : .missing]
            })
            d["hasCitations"] = .bool(!doc.citations.isEmpty)
            return ["documents": .object(d)]
        case .other(let type, let json):
            return ["other": ["otherType": e.code(type), "otherJSON": e.block(json, json: true)]]
        }
    }

    private func action(_ a: ReportModel.Action) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 48)
        d["actionName"] = e.code(a.name)
        d["actionStatus"] = e.text(a.status)
        d["dispatchID"] = e.code(a.dispatchID, inTable: true)
        d["dispatchTime"] = e.text(a.dispatchTime)
        d["engineerName"] = e.text(a.engineerName)
        d["engineerEmail"] = e.text(a.engineerEmail)
        d["engineerPhone"] = e.text(a.engineerPhone)
        d["hasEngineer"] = .bool(a.engineerName != nil || a.engineerEmail != nil || a.engineerPhone != nil)
        d["urgency"] = e.text(a.urgency)
        d["urgencyLevel"] = .text(a.urgencyLevel)
        d["destination"] = e.text(a.destination)
        d["coordinates"] = e.text(a.coordinates)
        d["mapsURL"] = e.url(a.mapsURL)
        d["mapsText"] = a.mapsURL == nil ? e.code(a.mapsLink, inTable: true) : .missing
        d["sensorIDs"] = .list(a.sensorIDs.map { ["sensorID": e.code($0, inTable: true)] })
        d["hasSensors"] = .bool(!a.sensorIDs.isEmpty)
        d["emailSubject"] = e.text(a.emailSubject)
        d["emailBody"] = e.block(a.emailBody)
        d["rawOutput"] = e.block(a.rawOutput)
        return d
    }
}
