/// FORMAT.md §8: how an investigation ended, and why.
public struct Outcome: Sendable, Equatable {
    public enum Category: String, Sendable, CaseIterable, Codable {
        case completed, completedWithErrors = "completed_with_errors", cancelled, failed
        case inProgress = "in_progress", pending, unknown
    }

    public enum Reason: String, Sendable, CaseIterable, Codable {
        case none, cancelledByUser = "cancelled_by_user", serverRestart = "server_restart"
        case capacityExhausted = "capacity_exhausted", runInterrupted = "run_interrupted"
        case noFinalResponse = "no_final_response", exception, unfinished
    }

    public var category: Category
    public var reason: Reason
    /// The quoted evidence: the error text, or the cancellation message.
    public var message: String?
    /// The turn where it happened, when known.
    public var turn: Int?
    /// For run_interrupted and capacity_exhausted: the `[code] detail` inside the message.
    public var innerCode: String?
    public var innerDetail: String?
    public var failedSteps: [FailedStep]
    /// Retries announced by `step_thinking` ("Retrying investigation (attempt 2/2)...").
    public var retries: Int

    public init(category: Category, reason: Reason, message: String? = nil, turn: Int? = nil,
                innerCode: String? = nil, innerDetail: String? = nil, failedSteps: [FailedStep] = [], retries: Int = 0) {
        self.category = category
        self.reason = reason
        self.message = message
        self.turn = turn
        self.innerCode = innerCode
        self.innerDetail = innerDetail
        self.failedSteps = failedSteps
        self.retries = retries
    }
}

/// A step whose payload has `error: true`, classified as the step card does.
public struct FailedStep: Sendable, Equatable {
    public var turn: Int
    /// The payload's `step` field (its number as the orchestrator counted it).
    public var step: Int?
    /// Position of the step in its orchestrator message (0-based).
    public var position: Int
    public var agent: String?
    public var kind: StepErrorKind
    public var code: String?
    public var summary: String { kind.summary }
    public var response: String
}

/// FORMAT.md §8: the step card's classification of a failed step.
public enum StepErrorKind: String, Sendable, CaseIterable, Codable {
    case gatewayTimeout = "gateway_timeout", badGateway = "bad_gateway", notFound = "not_found"
    case auth, rateLimited = "rate_limited", other

    /// The plain-language line the step card shows.
    public var summary: String {
        switch self {
        case .gatewayTimeout: return "The backend query timed out before it answered (gateway timeout)."
        case .badGateway: return "A gateway between the agent and the backend returned an invalid response (bad gateway)."
        case .notFound: return "The backend endpoint or resource the agent called does not exist (not found)."
        case .auth: return "The agent was not allowed to query the backend (authentication or permission error)."
        case .rateLimited: return "The backend throttled the agent (rate limit exceeded)."
        case .other: return "The backend query failed."
        }
    }

    /// First matching pattern wins, case-insensitive.
    public static func classify(_ response: String) -> StepErrorKind {
        let text = CaseInsensitiveText(response)
        if text.contains("504") || text.contains("gateway timeout") { return .gatewayTimeout }
        if text.contains("502") || text.contains("bad gateway") { return .badGateway }
        if text.contains("404") || text.contains("not found") || text.containsOnOneLine("endpoint", then: "not exist") {
            return .notFound
        }
        if text.contains("401") || text.contains("403") || text.contains("unauthorized") || text.contains("forbidden") {
            return .auth
        }
        if text.contains("rate limit") || text.contains("429") || text.contains("throttl") { return .rateLimited }
        return .other
    }

    /// The text inside the first `[...]`, after a leading "FAILED: " is removed.
    public static func code(in response: String) -> String? {
        // On bytes: "[" and "]" are ASCII, so the cut stays valid UTF-8, and
        // a combining mark after a bracket does not hide it.
        var text = Substring(response).utf8[...]
        if text.starts(with: "FAILED: ".utf8) { text = text.dropFirst(8) }
        guard let open = text.firstIndex(of: UInt8(ascii: "[")) else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return nil }
        return String(Substring(rest[..<close]))
    }
}
