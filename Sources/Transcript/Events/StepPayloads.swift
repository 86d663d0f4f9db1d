/// `step_started` (§3) and `tool_call.start` (§9): a step began. The payload
/// goes on as written (a step still in flight at the end shows it). The
/// completion events have the same shape (`StepCompletePayload`).
public struct StepStartedPayload: Sendable {
    public let raw: JSONValue
    /// What pairs it with its completion: the v2 `id`, else the `step` number, as text.
    public let key: String?
    /// When it is a string.
    public let timestamp: String?

    init(_ data: JSONValue, byID: Bool) {
        raw = data
        key = stepKey(data, byID: byID)
        timestamp = data["timestamp"]?.string
    }
}

/// `step_complete` (§3) and `tool_call.complete` (§9) carry the same fields:
/// the payload object is appended to the message's `steps` as it is (§4),
/// what a step holds is read from it later by the step's own model, and
/// `key` names the started step it completes.
public typealias StepCompletePayload = StepStartedPayload

/// `action_executed` (§3): an action a step took; nothing in the replay reads it.
public struct ActionExecutedPayload: Sendable {
    public let raw: JSONValue
    public var step: Int? { raw["step"]?.int }
    public var actionName: String? { raw["action_name"]?.string }
}

/// A v2 tool call is keyed by its id, else (like v1) by its step number.
private func stepKey(_ data: JSONValue, byID: Bool) -> String? {
    if byID, let id = data["id"] { return id.displayText }
    return data["step"]?.displayText
}
