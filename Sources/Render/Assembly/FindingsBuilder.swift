import Transcript

/// The postmortem top of a report: key findings, dispatches, the banner of
/// a capped or partial log, and the key-events timeline. Pure functions of
/// the turns already built.
enum FindingsBuilder {
    /// From the last turn that has a final answer.
    static func findings(_ turns: [ReportModel.Turn]) -> ReportModel.KeyFindings? {
        guard let turn = turns.last(where: { $0.diagnosis != nil }), let d = turn.diagnosis else { return nil }
        let f = KeyFindingsExtractor.extract(d.source, turn: turn.number)
        return f.isEmpty ? nil : f
    }

    static func dispatches(_ turns: [ReportModel.Turn]) -> [ReportModel.Dispatch] {
        var out: [ReportModel.Dispatch] = []
        for turn in turns {
            for case .step(let s) in turn.entries {
                guard let a = s.action else { continue }
                out.append(.init(dispatchID: a.dispatchID, urgency: a.urgency, destination: a.destination,
                                 engineer: a.engineerName, status: a.status,
                                 place: "Turn \(turn.number), step \(s.number)", anchor: s.anchor))
            }
        }
        return out
    }

    /// What is missing from the log, said before anything else.
    static func banner(_ t: Transcript) -> String? {
        var parts: [String] = []
        if t.warnings.contains(where: { $0.code == .truncatedLog }) {
            parts.append("The event log was capped by the backend: its oldest events were dropped")
        }
        if !t.input.missingChunks.isEmpty {
            let list = TextForm.list(t.input.missingChunks.map(String.init))
            parts.append("chunk\(t.input.missingChunks.count == 1 ? "" : "s") \(list) of the event log \(t.input.missingChunks.count == 1 ? "is" : "are") missing")
        } else if t.warnings.contains(where: { $0.code == .missingChunks }) {
            parts.append("parts of the event log are missing")
        }
        if t.warnings.contains(where: { $0.code == .partialLog }) {
            parts.append("the exporting API could not read every chunk of the event log: the log is incomplete")
        }
        if let lost = t.recordedSteps {
            parts.append("the event log was lost: only the \(TextForm.plural(lost.steps.count, "step")) recorded on the session document are shown")
        }
        guard !parts.isEmpty else { return nil }
        var text = parts.joined(separator: "; ") + "."
        text = text.prefix(1).uppercased() + text.dropFirst()
        if t.synthesisedFirstMessage {
            text += " The conversation below starts in the middle of the investigation; the alert shown first is the session's alert_text."
        }
        return text
    }

    /// Alert, first step, each failure and retry, dispatches, cancellation
    /// request, final answer, with times; one per turn boundary.
    static func keyEvents(_ turns: [ReportModel.Turn]) -> [ReportModel.KeyEvent] {
        var out: [ReportModel.KeyEvent] = []
        for turn in turns {
            if let m = turn.operatorMessages.first {
                let what = turn.number == 1 ? "Alert received" : "\(turn.title): operator question"
                out.append(.init(time: m.timeText ?? turn.startedText, what: what + ": " + TextForm.shortLine(m.text, limit: 90), anchor: turn.anchor))
            }
            var sawStep = false
            for entry in turn.entries {
                switch entry {
                case .step(let s):
                    if !sawStep { out.append(.init(time: s.timeText, what: "First step: \(s.agent ?? "agent")", anchor: s.anchor)) }
                    sawStep = true
                    if let f = s.failure {
                        out.append(.init(time: s.timeText, what: "Step \(s.number) failed (\(s.agent ?? "agent")): \(f.summary)", anchor: s.anchor))
                    }
                    if let a = s.action {
                        out.append(.init(time: s.timeText, what: "Dispatch \(a.dispatchID ?? "(no id)")" + (a.urgency.map { ", urgency \($0)" } ?? ""), anchor: s.anchor))
                    }
                case .note(let n) where n.kind == .retry || n.kind == .cancelRequested || n.kind == .error:
                    out.append(.init(time: nil, what: "\(n.title): " + TextForm.shortLine(n.text, limit: 120), anchor: nil))
                case .stepInFlight(let p):
                    out.append(.init(time: p.timeText, what: "Step \(p.number) still running when the log ends", anchor: p.anchor))
                default: break
                }
            }
            if turn.diagnosis != nil {
                out.append(.init(time: nil, what: "Final answer (\(turn.title))", anchor: turn.anchor))
            } else if turn.hasRun {
                out.append(.init(time: nil, what: "No final answer (\(turn.title))", anchor: turn.anchor))
            }
        }
        return out
    }
}
