import Transcript

/// The summary facts table, in display order.
extension ReportBuilder {
    static func facts(_ m: ReportModel, _ t: Transcript, _ doc: ShownDocument) -> [ReportModel.Fact] {
        let stats = m.stats
        let threadID = threadID(t, doc)
        func fact(_ label: String, _ value: String, isCode: Bool = false) -> ReportModel.Fact {
            .init(label: label, value: value, isCode: isCode)
        }
        var facts = [
            fact(m.kind == .interaction ? "Interaction ID" : "Session ID", m.id.isEmpty ? "—" : m.id, isCode: !m.id.isEmpty),
            fact("Scenario", m.scenario ?? "—"),
            fact("Status", m.status ?? (doc.status?.shown.map { "\($0) (not a string)" } ?? "missing")),
            fact("Outcome", m.outcome.label + (m.outcome.reasonLabel.map { " — \($0)" } ?? "")),
            fact("Created", stats.createdText ?? "—"),
            fact("Updated", stats.updatedText ?? "—"),
            fact("Duration", stats.durationSeconds.map { "\(formatDuration($0)) (first to last timestamp)" } ?? "—"),
            fact("Turns", String(stats.turnCount) + (m.recorded != nil ? " (the event log was lost)" : "")),
            fact("Steps", stepsFact(stats.stepCount, failed: stats.failedStepCount, logState: m.logState)),
            fact("Agents used", stats.agents.isEmpty ? "—" : stats.agents.joined(separator: ", ")),
            fact("Tokens", stats.tokens.map(TextForm.grouped) ?? "—"),
            fact("Thread ID", threadID ?? "—", isCode: threadID != nil),
            fact("Source file", m.source),
        ]
        if m.kind == .session {
            var events = TextForm.plural(t.eventCount, "event")
            if t.ignoredEvents > 0 { events += " (\(t.ignoredEvents) ignored)" }
            if !t.input.missingChunks.isEmpty { events += "; chunks missing: " + t.input.missingChunks.map(String.init).joined(separator: ", ") }
            facts.append(fact("Event log", events))
        }
        return facts
    }

    /// The document's `thread_id`, else the first `thread_created` of the log.
    static func threadID(_ t: Transcript, _ doc: ShownDocument) -> String? {
        if let id = doc.threadID?.shown { return id }
        for n in t.notes {
            for case .thread(let id, _) in n.timeline { return id }
        }
        return nil
    }

    /// "4 (1 failed)"; for a log that is not there, what is known instead.
    static func stepsFact(_ count: Int, failed: Int, logState: ReportModel.LogState) -> String {
        let failures = failed > 0 ? " (\(failed) failed)" : ""
        switch logState {
        case .events, .empty: return String(count) + failures
        case .lost: return "\(count) recorded on the session document" + failures
        case .missing: return "unknown (the event log is missing)"
        case .incomplete: return "unknown (the event log is incomplete)"
        }
    }

    /// "fixture.json (document 0)". The file name only: a path given on
    /// the command line can name a user.
    static func sourceText(_ source: SourceLocation) -> String {
        let place = source.line.map { "line \($0)" } ?? "document \(source.documentIndex)"
        return "\(fileName(source.file)) (\(place))"
    }

    static func fileName(_ path: String) -> String {
        if path == "-" { return "standard input" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
