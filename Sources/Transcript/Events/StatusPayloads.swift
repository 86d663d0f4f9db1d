/// `step_thinking` (§3): progress of an agent; a retry is announced here.
public struct StepThinkingPayload: Sendable {
    public let raw: JSONValue
    /// When it is a string.
    public let status: String?

    init(_ data: JSONValue) {
        raw = data
        status = data["status"]?.string
    }

    /// "Retrying investigation (attempt N/2)...", when that is what it says.
    public var retry: String? { status.flatMap(retryText) }
}

/// `status_change` (§3): `{"status": "cancelling"}` is a cancellation request (§8 rule 4).
public struct StatusChangePayload: Sendable {
    public let raw: JSONValue
    /// When it is a string (also for `message`).
    public let status: String?
    public let message: String?

    init(_ data: JSONValue) {
        raw = data
        status = data["status"]?.string
        message = data["message"]?.string
    }

    public var isCancellation: Bool { status == "cancelling" }
}

/// `status` (§9): what `status_change` and `step_thinking` carried before: a
/// cancellation request, a retry, or a progress note.
public struct StatusPayload: Sendable {
    public let raw: JSONValue
    /// As written (a note shows any value); `messageText` when it is a string.
    public let message: JSONValue?
    public let messageText: String?
    /// `{"status": "cancelling"}` from the cancel endpoint or "Cancelling..." from the orchestrator.
    public let isCancellation: Bool

    init(_ data: JSONValue) {
        raw = data
        message = data["message"]
        messageText = message?.string
        isCancellation = data["status"]?.string == "cancelling" || messageText?.hasPrefix("Cancelling") == true
    }

    /// The retry announcement, when that is what it says.
    public var retry: String? { messageText.flatMap(retryText) }
}

/// "Retrying investigation (attempt N/2)..." (§3 `step_thinking`, §9 `status`).
private func retryText(_ text: String) -> String? {
    text.contains("Retrying") ? text : nil
}
