import ByteLevel

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
    /// The first non-empty `[...]`; "" when there is none (as the step card).
    public var code: String
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
        case .gatewayTimeout: return "Gateway timeout — the backend query took too long"
        case .badGateway: return "Bad gateway — upstream service unavailable"
        case .notFound: return "Endpoint not found — data source may need rediscovery"
        case .auth: return "Authentication failed"
        case .rateLimited: return "Rate limited — too many requests"
        case .other: return "Agent call failed"
        }
    }

    /// The step card's reading of a failed step's `response`: the first of
    /// its five patterns that matches (JavaScript semantics, see
    /// `StepCardPatterns`), and the code from the first non-empty `[...]`.
    /// A response that is missing, not a string, or empty is `other`, code "".
    public static func parse(_ response: JSONValue?) -> (kind: StepErrorKind, code: String) {
        // The decoded string, not the raw bytes: a lone surrogate kept as
        // "\udc40" text must not read as digits.
        guard let text = response?.string, !text.isEmpty else { return (.other, "") }
        return parse(text)
    }

    public static func parse(_ response: String) -> (kind: StepErrorKind, code: String) {
        let text = response
        return ByteView.of(text) { parse(utf8: $0) }
    }

    // `replace(/^FAILED:\s*/i, '')` is not done: no pattern and no bracket
    // can use a byte of "FAILED:" or the white space after it, so removing
    // the prefix never changes the result (the test table checks it).
    static func parse(utf8: ByteView) -> (kind: StepErrorKind, code: String) {
        let patterns = StepCardPatterns(bytes: utf8)
        return (patterns.kind(), patterns.code())
    }

    public static func classify(_ response: String) -> StepErrorKind { parse(response).kind }

    public static func code(in response: String) -> String { parse(response).code }
}
