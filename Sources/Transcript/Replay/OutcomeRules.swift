import ByteLevel

/// FORMAT.md §8: category from the status, then the first reason rule that applies.
enum OutcomeRules {
    static let serverRestartPrefix = "Session was in progress when the server restarted"

    /// The outcome of a replayed session, and the warnings deciding it raised.
    static func decide(_ t: Transcript, evidence: OutcomeEvidence) -> OutcomeDecision {
        var warnings: [Problem] = []
        let errorDetail = errorDetail(t.header.errorDetail, warnings: &warnings)
        let status = t.header.status?.string
        let category = category(status, errorDetail: errorDetail)
        if category == .unknown {
            let shown = t.header.status.map { $0.isString ? "\"\($0.displayText)\"" : $0.kind.article } ?? "missing"
            warnings.append(.init(.statusInconsistent, "status is \(shown): outcome unknown"))
        }
        var outcome = Outcome(category: category, reason: .none, retries: evidence.retries)
        outcome.failedSteps = failedSteps(t)
        let lastTurn = t.notes.last?.turn
        let error = errorEvidence(errorDetail, evidence: evidence, lastTurn: lastTurn)
        switch category {
        case .completed:
            outcome.reason = .none
        case .cancelled:
            outcome.reason = .cancelledByUser
            outcome.message = error?.text ?? evidence.cancelling?.message
            outcome.turn = error != nil ? error?.turn : (evidence.cancelling?.turn ?? lastTurn)
        default:
            if !explainFailure(&outcome, error: error, evidence: evidence, last: t.notes.last) {
                warnings.append(.init(.statusInconsistent, "status is \(status ?? "missing") but the log shows a finished run and no error"))
            }
        }
        if let warning = categoryWarning(category, explained: error != nil || evidence.cancelling != nil) {
            warnings.append(warning)
        }
        return OutcomeDecision(outcome: outcome, warnings: warnings)
    }

    /// `error_detail` as a string; empty when missing, null or not a string (which is warned of).
    private static func errorDetail(_ value: JSONValue?, warnings: inout [Problem]) -> String {
        guard let value, !value.isNull else { return "" }
        if let s = value.string { return s }
        warnings.append(.init(.fieldTypeMismatch, "error_detail is \(value.kind.article), not a string: ignored"))
        return ""
    }

    private static func category(_ status: String?, errorDetail: String) -> Outcome.Category {
        switch status {
        case "completed": return errorDetail.isEmpty ? .completed : .completedWithErrors
        case "cancelled": return .cancelled
        case "failed": return .failed
        case "in_progress": return .inProgress
        case "pending": return .pending
        default: return .unknown
        }
    }

    /// Rule 3's error text: error_detail, else the last error event's message.
    private static func errorEvidence(_ errorDetail: String, evidence: OutcomeEvidence,
                                      lastTurn: Int?) -> (text: String, turn: Int?)? {
        if !errorDetail.isEmpty {
            // error_detail is cleared when a follow-up starts (§2): it is the last turn's.
            return (errorDetail, lastTurn)
        }
        guard let last = evidence.lastError, let message = last.message, !message.isNull else { return nil }
        let text = message.displayText
        return text.isEmpty ? nil : (text, last.turn)
    }

    /// The reason of a session that did not end cleanly; false when nothing
    /// in the log explains it (the status and the log disagree).
    private static func explainFailure(_ outcome: inout Outcome, error: (text: String, turn: Int?)?,
                                       evidence: OutcomeEvidence, last: TurnNotes?) -> Bool {
        if let error {
            outcome.reason = classify(error.text)
            outcome.message = error.text
            outcome.turn = error.turn
            if outcome.reason == .runInterrupted || outcome.reason == .capacityExhausted {
                (outcome.innerCode, outcome.innerDetail) = innerError(error.text)
            }
        } else if let cancel = evidence.cancelling {
            outcome.reason = .cancelledByUser
            outcome.message = cancel.message
            outcome.turn = cancel.turn
        } else if last.map({ !$0.sawFinalMessage && !$0.sawRunComplete }) ?? true {
            outcome.reason = .unfinished
            outcome.turn = last?.turn
        } else {
            outcome.reason = .none
            return false
        }
        return true
    }

    /// What a status says about the export itself; `explained` when an error or a cancellation says why.
    private static func categoryWarning(_ category: Outcome.Category, explained: Bool) -> Problem? {
        switch category {
        case .completedWithErrors:
            return .init(.statusInconsistent, "status is completed but error_detail is set: an older backend wrote this; under current rules the session failed")
        case .failed where !explained:
            return .init(.statusInconsistent, "status is failed but neither error_detail nor an error event says why")
        case .inProgress:
            return .init(.statusInconsistent, "status is in_progress: the export was taken mid-run, or the server stopped before recovery marked the session failed")
        default:
            return nil
        }
    }

    static func classify(_ text: String) -> Outcome.Reason {
        if text.hasPrefix(serverRestartPrefix) { return .serverRestart }
        if text.containsLiteral("Investigation cancelled by user") { return .cancelledByUser }
        if text.containsLiteral("Fabric capacity exhausted") { return .capacityExhausted }
        if text.containsLiteral("Agent run interrupted") { return .runInterrupted }
        if text.containsLiteral("did not produce a final response") { return .noFinalResponse }
        return .exception
    }

    /// The `[code] detail` after "Error detail: " or after the blank line.
    static func innerError(_ text: String) -> (String?, String?) {
        var rest: Substring
        if let r = text.firstRange(of: "Error detail: ") {
            rest = text[r.upperBound...]
        } else if let r = text.firstRange(of: "\n\n") {
            rest = text[r.upperBound...]
        } else {
            return (nil, nil)
        }
        rest = rest.drop(while: { $0.isWhitespace })
        let trimmed = String(rest).trimmingTrailingWhitespace()
        guard trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") else {
            return (nil, trimmed.isEmpty ? nil : trimmed)
        }
        let code = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        let detail = String(trimmed[trimmed.index(after: close)...]).drop(while: { $0.isWhitespace })
        return (code, detail.isEmpty ? nil : String(detail))
    }

    static func failedSteps(_ t: Transcript) -> [FailedStep] {
        var result: [FailedStep] = []
        for notes in t.notes {
            guard case .orchestrator(let message) = t.messages[notes.messageIndex] else { continue }
            for (position, step) in message.steps.enumerated() {
                guard let card = step.failure else { continue }
                result.append(FailedStep(turn: notes.turn, step: step.number?.int, position: position,
                                         agent: step.agent?.string, kind: card.kind, code: card.code,
                                         response: card.response))
            }
        }
        return result
    }
}

/// What `OutcomeRules.decide` found: the outcome and the warnings to add after the replay's.
struct OutcomeDecision {
    var outcome: Outcome
    var warnings: [Problem]
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
