/// `user_message` (§3): the operator's message (turn 0 = the alert).
public struct UserMessagePayload: Sendable {
    public let raw: JSONValue
    /// As written (it goes into `messages`); nil = missing.
    public var text: JSONValue? { raw["text"] }
}

/// `message` (§3) and `message.complete` (§9): the final answer, Markdown.
public struct FinalMessagePayload: Sendable {
    public let raw: JSONValue
    /// `message.complete`'s `id` as text, naming the deltas it completes; nil for `message`.
    public let id: String?
    /// As written (it becomes `diagnosis`); nil = missing.
    public var text: JSONValue? { raw["text"] }

    init(_ data: JSONValue, withID: Bool) {
        raw = data
        id = withID ? data["id"]?.displayText : nil
    }
}

/// `message.delta` (§9): a piece of an answer still being written.
public struct MessageDeltaPayload: Sendable {
    public let raw: JSONValue
    /// The message id as text ("" when missing), so deltas of one message merge.
    public var id: String { raw["id"]?.displayText ?? "" }
    /// "" when missing or not a string.
    public var text: String { raw["text"]?.string ?? "" }
}

/// `run_complete` (§3) and `run.complete` (§9): the payload object is the message's `runMeta` as it is.
public struct RunCompletePayload: Sendable {
    public let raw: JSONValue
    public var steps: Int? { raw["steps"]?.int }
    public var time: String? { raw["time"]?.string }
}
