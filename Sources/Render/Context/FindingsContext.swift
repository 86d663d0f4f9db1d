/// Template variables of the postmortem top (key findings, dispatches,
/// banner, key events); documented in templates/README.md.
extension ReportContext {
    func putFindings(_ m: ReportModel, into d: inout TemplateObject) {
        d["banner"] = e.text(m.banner)
        d["printTitle"] = .text(Self.cssSafe(m.title))
        d["keyEvents"] = .list(m.keyEvents.map { k -> TemplateValue in
            ["eventTime": e.text(k.time ?? "—"), "eventWhat": e.text(k.what), "eventAnchor": .optional(k.anchor)]
        })
        d["hasKeyEvents"] = .bool(!m.keyEvents.isEmpty)
        d["dispatches"] = .list(m.dispatches.map { x -> TemplateValue in
            ["dispatchID": e.code(x.dispatchID ?? "—", inTable: true), "dispatchUrgency": e.text(x.urgency ?? "—"),
             "dispatchDestination": e.text(x.destination ?? "—"), "dispatchEngineer": e.text(x.engineer ?? "—"),
             "dispatchPlace": e.text(x.place), "dispatchAnchor": .text(x.anchor)]
        })
        d["hasDispatches"] = .bool(!m.dispatches.isEmpty)
        d["findings"] = m.findings.map { .object(findings($0, turns: m.turns)) } ?? .missing
        d["hasTopFindings"] = .bool(m.findings != nil || !m.dispatches.isEmpty || !m.outcome.failedSteps.isEmpty || m.outcome.reasonLabel != nil)
    }

    private func findings(_ f: ReportModel.KeyFindings, turns: [ReportModel.Turn]) -> TemplateObject {
        var d = TemplateObject(minimumCapacity: 24)
        let turn = turns.first { $0.number == f.turnNumber }
        d["fromTurn"] = e.text("Turn \(f.turnNumber)" + (turn.map { " · \($0.title)" } ?? ""))
        d["fromAnchor"] = .text(turn?.anchor ?? "turn-\(f.turnNumber)")
        d["severity"] = e.text(f.severity)
        d["confidence"] = e.text(f.confidence)
        d["incidentSummary"] = list(f.summary, "summaryLine")
        if let top = f.rootCauses.first {
            d["topCause"] = .object(["causeText": e.text(top.text), "causeDetails": list(top.details, "causeDetail")])
        } else {
            d["topCause"] = .missing
        }
        d["otherCauses"] = .list(f.rootCauses.dropFirst().map { c -> TemplateValue in
            ["causeText": e.text(c.text), "causeDetails": list(c.details, "causeDetail")]
        })
        d["hasOtherCauses"] = .bool(f.rootCauses.count > 1)
        d["blastRadius"] = list(f.blastRadius, "blastLine")
        d["actions"] = .list(f.actions.map { a -> TemplateValue in
            ["actionText": e.text(a.text), "hasSubItems": .bool(!a.subItems.isEmpty), "actionSubItems": .list(a.subItems.map { s -> TemplateValue in
                // Markdown: two spaces per level under "- [ ] " (content column 2).
                ["subText": e.text(s.text), "subIndent": .markdown(.indentation(s.level)),
                 "subLevel": .text(String(min(s.level, 6)))]
            })]
        })
        d["precedents"] = list(f.precedents, "precedentText")
        d["tickets"] = .text(f.precedentTickets.joined(separator: ", "))
        d["hasTickets"] = .bool(!f.precedentTickets.isEmpty)
        d["risk"] = list(f.risk, "riskLine")
        d["gaps"] = list(f.gaps, "gapTitle")
        d["hasLevels"] = .bool(f.severity != nil || f.confidence != nil)
        d["hasIncidentSummary"] = .bool(!f.summary.isEmpty)
        d["hasCauseDetails"] = .bool(!(f.rootCauses.first?.details.isEmpty ?? true))
        d["hasBlastRadius"] = .bool(!f.blastRadius.isEmpty)
        d["hasActions"] = .bool(!f.actions.isEmpty)
        d["hasPrecedents"] = .bool(!f.precedents.isEmpty)
        d["hasRisk"] = .bool(!f.risk.isEmpty)
        d["hasGaps"] = .bool(!f.gaps.isEmpty)
        return d
    }

    /// The title for a CSS string (page margin box): letters, digits and
    /// plain punctuation only, so no quote or backslash can end the string.
    static func cssSafe(_ s: String) -> String {
        let kept = s.unicodeScalars.map { c -> Character in
            let ok = c.properties.isAlphabetic || c.properties.numericType != nil
                || " .,:;-_/#@+=%·—".unicodeScalars.contains(c)
            return ok ? Character(c) : " "
        }
        return String(String(kept).prefix(120))
    }

    private func list(_ items: [String], _ key: String) -> TemplateValue {
        items.isEmpty ? .missing : .list(items.map { .object([TemplateKey(key): e.text($0)]) })
    }
}
