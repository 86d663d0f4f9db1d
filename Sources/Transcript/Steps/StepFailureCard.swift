/// FORMAT.md §8: a failed step (`error: true`) as the step card reads it.
/// The one classification of failed steps: decided when the step enters
/// the transcript, read by the outcome (`Outcome.failedSteps`) and by the
/// report.
public struct StepFailureCard: Sendable, Equatable {
    public var kind: StepErrorKind
    /// The first non-empty `[...]` of the response; "" when there is none.
    public var code: String
    /// The response as shown; "" when it is missing.
    public var response: String

    public var summary: String { kind.summary }

    /// Nil unless the payload's `error` is the literal `true` (the
    /// frontend's `=== true`: `"true"` or `1` is not a failure).
    init?(payload: JSONValue) {
        guard payload["error"]?.isTrue == true else { return nil }
        let response = payload["response"]
        (kind, code) = StepErrorKind.parse(response)
        self.response = response?.displayText ?? ""
    }
}
