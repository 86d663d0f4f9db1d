/// FORMAT.md §8: category from the status, then the first reason rule that applies.
enum OutcomeRules {
    static let serverRestartPrefix = "Session was in progress when the server restarted"

    static func decide(_ t: inout Transcript, evidence: OutcomeEvidence) {
        let doc = t.document
        var errorDetail = ""
        if let value = doc["error_detail"], !value.isNull {
            if let s = value.string {
                errorDetail = s
            } else {
                t.warnings.append(.init(.fieldTypeMismatch, "error_detail is \(value.kind.article), not a string: ignored"))
            }
        }
        let status = doc["status"]?.string
        let category: Outcome.Category
        switch status {
        case "completed": category = errorDetail.isEmpty ? .completed : .completedWithErrors
        case "cancelled": category = .cancelled
        case "failed": category = .failed
        case "in_progress": category = .inProgress
        case "pending": category = .pending
        default: category = .unknown
        }
        if category == .unknown {
            let shown = doc["status"].map { $0.isString ? "\"\($0.displayText)\"" : $0.kind.article } ?? "missing"
            t.warnings.append(.init(.statusInconsistent, "status is \(shown): outcome unknown"))
        }

        var outcome = Outcome(category: category, reason: .none, retries: evidence.retries)
        outcome.failedSteps = failedSteps(t)
        let lastTurn = t.notes.last?.turn

        // Rule 3's error text: error_detail, else the last error event's message.
        var errorText: String? = nil
        var errorTurn: Int? = nil
        if !errorDetail.isEmpty {
            // error_detail is cleared when a follow-up starts (§2): it is the last turn's.
            errorText = errorDetail
            errorTurn = lastTurn
        } else if let last = evidence.lastError, let message = last.message, !message.isNull {
            let text = message.displayText
            if !text.isEmpty {
                errorText = text
                errorTurn = last.turn
            }
        }

        switch category {
        case .completed:
            outcome.reason = .none
        case .cancelled:
            outcome.reason = .cancelledByUser
            outcome.message = errorText ?? evidence.cancelling?.message
            outcome.turn = errorText != nil ? errorTurn : (evidence.cancelling?.turn ?? lastTurn)
        default:
            if let text = errorText {
                outcome.reason = classify(text)
                outcome.message = text
                outcome.turn = errorTurn
                if outcome.reason == .runInterrupted || outcome.reason == .capacityExhausted {
                    (outcome.innerCode, outcome.innerDetail) = innerError(text)
                }
            } else if let cancel = evidence.cancelling {
                outcome.reason = .cancelledByUser
                outcome.message = cancel.message
                outcome.turn = cancel.turn
            } else if t.notes.last.map({ !$0.sawFinalMessage && !$0.sawRunComplete }) ?? true {
                outcome.reason = .unfinished
                outcome.turn = lastTurn
            } else {
                outcome.reason = .none
                t.warnings.append(.init(.statusInconsistent, "status is \(status ?? "missing") but the log shows a finished run and no error"))
            }
        }

        switch category {
        case .completedWithErrors:
            t.warnings.append(.init(.statusInconsistent, "status is completed but error_detail is set: an older backend wrote this; under current rules the session failed"))
        case .failed where errorText == nil && evidence.cancelling == nil:
            t.warnings.append(.init(.statusInconsistent, "status is failed but neither error_detail nor an error event says why"))
        case .inProgress:
            t.warnings.append(.init(.statusInconsistent, "status is in_progress: the export was taken mid-run, or the server stopped before recovery marked the session failed"))
        default:
            break
        }
        t.outcome = outcome
    }

    static func classify(_ text: String) -> Outcome.Reason {
        if text.hasPrefix(serverRestartPrefix) { return .serverRestart }
        if text.contains("Investigation cancelled by user") { return .cancelledByUser }
        if text.contains("Fabric capacity exhausted") { return .capacityExhausted }
        if text.contains("Agent run interrupted") { return .runInterrupted }
        if text.contains("did not produce a final response") { return .noFinalResponse }
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
            for (position, step) in message.steps.enumerated() where step["error"]?.isTrue == true {
                let card = StepErrorKind.parse(step["response"])
                result.append(FailedStep(turn: notes.turn, step: step["step"]?.int, position: position,
                                         agent: step["agent"]?.string, kind: card.kind, code: card.code,
                                         response: step["response"]?.displayText ?? ""))
            }
        }
        return result
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
