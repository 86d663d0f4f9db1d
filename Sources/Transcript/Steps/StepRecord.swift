/// One step of an orchestrator message: a `step_complete` (FORMAT.md §3) or
/// `tool_call.complete` (§9) payload, one of the document's `steps` (§6,
/// §7), or the payload of a step started and never completed. A typed view
/// of the payload: the keys of a step are spelled here and nowhere else.
/// The payload is kept as written, so `messages` stay byte-exact (§4).
public struct StepRecord: Sendable {
    /// The payload exactly as written.
    public let raw: JSONValue
    /// Set when the step failed (`error: true`); classified once, here.
    public let failure: StepFailureCard?

    public init(_ raw: JSONValue) {
        self.raw = raw
        failure = StepFailureCard(payload: raw)
    }

    /// `step`: the number the orchestrator gave the step, as written.
    public var number: ShownValue? { raw.shown("step") }
    public var agent: ShownValue? { raw.shown("agent") }
    public var timestamp: ShownValue? { raw.shown("timestamp") }
    /// "3.2s", as written.
    public var duration: ShownValue? { raw.shown("duration") }
    public var query: ShownValue? { raw.shown("query") }
    public var reasoning: ShownValue? { raw.shown("reasoning") }
    /// Agent Markdown, or (when failed) "FAILED: [code] message".
    public var response: ShownValue? { raw.shown("response") }
    /// `is_action: true` (the literal).
    public var isAction: Bool { raw["is_action"]?.isTrue == true }

    /// `visualizations` (an array), then the legacy single `visualization` (an object).
    public var visualizations: [StepVisualization] {
        var out: [StepVisualization] = []
        if let list = raw["visualizations"], list.isArray {
            for v in list.elements { out.append(StepVisualization(v)) }
        }
        if let single = raw["visualization"], single.isObject {
            out.append(StepVisualization(single))
        }
        return out
    }

    /// `action`; nil when absent or null.
    public var action: StepAction? {
        guard let a = raw["action"], !a.isNull else { return nil }
        return StepAction(a)
    }

    /// v2 `sub_steps` (§9); empty when absent or not an array.
    public var subSteps: [StepSubStep] {
        guard let list = raw["sub_steps"], list.isArray else { return [] }
        return list.elements.map(StepSubStep.init)
    }
}

/// One v2 `sub_steps` item: `{index, query, result_summary, agent?}`.
/// An item that is not an object has none of them.
public struct StepSubStep: Sendable {
    public var index: ShownValue?
    public var agent: ShownValue?
    public var query: ShownValue?
    public var resultSummary: ShownValue?

    init(_ item: JSONValue) {
        index = item.shown("index")
        agent = item.shown("agent")
        query = item.shown("query")
        resultSummary = item.shown("result_summary")
    }
}
