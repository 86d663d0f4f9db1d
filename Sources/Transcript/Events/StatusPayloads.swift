import ByteLevel

/// `step_thinking` (§3): progress of an agent; a retry is announced here.
public struct StepThinkingPayload: Sendable {
    public let raw: JSONValue
    /// When it is a string.
    public var status: String? { raw["status"]?.string }

    /// "Retrying investigation (attempt N/2)...", when that is what it says.
    public var retry: String? { status.flatMap(retryText) }
}

/// `status_change` (§3): `{"status": "cancelling"}` is a cancellation request (§8 rule 4).
public struct StatusChangePayload: Sendable {
    public let raw: JSONValue
    /// When it is a string (also for `message`).
    public var status: String? { raw["status"]?.string }
    public var message: String? { raw["message"]?.string }

    public var isCancellation: Bool { status == "cancelling" }
}

/// `status` (§9): what `status_change` and `step_thinking` carried before: a
/// cancellation request, a retry, or a progress note.
public struct StatusPayload: Sendable {
    public let raw: JSONValue
    /// As written (a note shows any value); `messageText` when it is a string.
    public var message: JSONValue? { raw["message"] }
    public var messageText: String? { message?.string }
    /// `{"status": "cancelling"}` from the cancel endpoint or "Cancelling..." from the orchestrator.
    public var isCancellation: Bool {
        raw["status"]?.string == "cancelling" || messageText?.hasPrefix("Cancelling") == true
    }

    /// The retry announcement, when that is what it says.
    public var retry: String? { messageText.flatMap(retryText) }
}

/// "Retrying investigation (attempt N/2)..." (§3 `step_thinking`, §9 `status`).
private func retryText(_ text: String) -> String? {
    text.containsLiteral("Retrying") ? text : nil
}
