/// Every event name the NOC backend writes (FORMAT.md §3 and §9), decoded in
/// this one place. Unknown names are kept, counted and warned about.
public enum EventType: Equatable, Hashable, Sendable {
    // First generation (§3)
    case userMessage, runStart, threadCreated, stepThinking, stepStart, stepStarted
    case stepResponse, stepComplete, actionExecuted, message, runComplete, error, statusChange
    // Second generation (§9)
    case runStartV2, sessionCreated, toolCallStart, toolCallComplete
    case messageStart, messageDelta, messageComplete, runCompleteV2, status
    case unknown(String)

    public init(name: String) {
        switch name {
        case "user_message": self = .userMessage
        case "run_start": self = .runStart
        case "thread_created": self = .threadCreated
        case "step_thinking": self = .stepThinking
        case "step_start": self = .stepStart
        case "step_started": self = .stepStarted
        case "step_response": self = .stepResponse
        case "step_complete": self = .stepComplete
        case "action_executed": self = .actionExecuted
        case "message": self = .message
        case "run_complete": self = .runComplete
        case "error": self = .error
        case "status_change": self = .statusChange
        case "run.start": self = .runStartV2
        case "session.created": self = .sessionCreated
        case "tool_call.start": self = .toolCallStart
        case "tool_call.complete": self = .toolCallComplete
        case "message.start": self = .messageStart
        case "message.delta": self = .messageDelta
        case "message.complete": self = .messageComplete
        case "run.complete": self = .runCompleteV2
        case "status": self = .status
        default: self = .unknown(name)
        }
    }

    /// Events whose payload nothing reads: their `data` is never decoded.
    /// `step_response` repeats the `step_complete` payload and is the bulk of
    /// every log, so skipping it matters.
    var payloadUnused: Bool {
        switch self {
        case .stepResponse, .stepStart, .messageStart, .unknown: return true
        default: return false
        }
    }
}
