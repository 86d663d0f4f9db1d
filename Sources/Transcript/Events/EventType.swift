/// Every event name the NOC backend writes (FORMAT.md §3 and §9): the one
/// list of names. A name not listed is an unknown event (`Event.unknown`).
public enum EventType: String, CaseIterable, Sendable {
    // First generation (§3)
    case userMessage = "user_message", runStart = "run_start", threadCreated = "thread_created"
    case stepThinking = "step_thinking", stepStart = "step_start", stepStarted = "step_started"
    case stepResponse = "step_response", stepComplete = "step_complete", actionExecuted = "action_executed"
    case message = "message", runComplete = "run_complete", error = "error", statusChange = "status_change"
    // Second generation (§9)
    case runStartV2 = "run.start", sessionCreated = "session.created"
    case toolCallStart = "tool_call.start", toolCallComplete = "tool_call.complete"
    case messageStart = "message.start", messageDelta = "message.delta", messageComplete = "message.complete"
    case runCompleteV2 = "run.complete", status = "status"

    /// Events that begin a turn: a log whose first event is another one lost its oldest events (§3).
    var opensTurn: Bool {
        switch self {
        case .userMessage, .runStart, .runStartV2, .sessionCreated: return true
        default: return false
        }
    }
}
