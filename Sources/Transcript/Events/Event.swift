/// An event of the log decoded once into what the replay, the outcome and
/// validation read (FORMAT.md §3 and §9). Every payload keeps its `data`
/// object as written (`raw`), so what goes into `messages` stays byte-exact
/// (§4); the typed fields are views of it.
public enum Event: Sendable {
    // First generation (§3)
    case userMessage(UserMessagePayload)
    case runStart(RunStartPayload)
    case threadCreated(ThreadPayload)
    case stepThinking(StepThinkingPayload)
    case stepStart(UnreadPayload)
    case stepStarted(StepStartedPayload)
    case stepResponse(UnreadPayload)
    case stepComplete(StepCompletePayload)
    case actionExecuted(ActionExecutedPayload)
    case message(FinalMessagePayload)
    case runComplete(RunCompletePayload)
    case error(ErrorPayload)
    case statusChange(StatusChangePayload)
    // Second generation (§9)
    case runStartV2(RunStartPayload)
    case sessionCreated(ThreadPayload)
    case toolCallStart(StepStartedPayload)
    case toolCallComplete(StepCompletePayload)
    case messageStart(UnreadPayload)
    case messageDelta(MessageDeltaPayload)
    case messageComplete(FinalMessagePayload)
    case runCompleteV2(RunCompletePayload)
    case status(StatusPayload)
    /// A name FORMAT.md does not list, and the event as written.
    case unknown(String, JSONValue)

    /// The one place an event's `data` becomes its payload; `data` is called
    /// only for the events whose payload is read.
    init(_ type: EventType, of event: LoggedEvent, data: () -> JSONValue) {
        switch type {
        case .userMessage: self = .userMessage(UserMessagePayload(raw: data()))
        case .runStart: self = .runStart(RunStartPayload(firstGeneration: data()))
        case .threadCreated: self = .threadCreated(ThreadPayload(raw: data()))
        case .stepThinking: self = .stepThinking(StepThinkingPayload(raw: data()))
        case .stepStart: self = .stepStart(UnreadPayload(event: event))
        case .stepStarted: self = .stepStarted(StepStartedPayload(data(), byID: false))
        case .stepResponse: self = .stepResponse(UnreadPayload(event: event))
        case .stepComplete: self = .stepComplete(StepCompletePayload(data(), byID: false))
        case .actionExecuted: self = .actionExecuted(ActionExecutedPayload(raw: data()))
        case .message: self = .message(FinalMessagePayload(data(), withID: false))
        case .runComplete: self = .runComplete(RunCompletePayload(raw: data()))
        case .error: self = .error(ErrorPayload(raw: data()))
        case .statusChange: self = .statusChange(StatusChangePayload(raw: data()))
        case .runStartV2: self = .runStartV2(RunStartPayload(secondGeneration: data(), event: event))
        case .sessionCreated: self = .sessionCreated(ThreadPayload(raw: data()))
        case .toolCallStart: self = .toolCallStart(StepStartedPayload(data(), byID: true))
        case .toolCallComplete: self = .toolCallComplete(StepCompletePayload(data(), byID: true))
        case .messageStart: self = .messageStart(UnreadPayload(event: event))
        case .messageDelta: self = .messageDelta(MessageDeltaPayload(raw: data()))
        case .messageComplete: self = .messageComplete(FinalMessagePayload(data(), withID: true))
        case .runCompleteV2: self = .runCompleteV2(RunCompletePayload(raw: data()))
        case .status: self = .status(StatusPayload(raw: data()))
        }
    }
}

/// The payload of an event nothing reads (`step_start`, `step_response`,
/// `message.start`): kept undecoded. `step_response` repeats the
/// `step_complete` payload and is the bulk of every log, so skipping it matters.
public struct UnreadPayload: Sendable {
    public let event: LoggedEvent

    /// Decodes `data` now (validation checks these payloads too).
    public func decode(warnings: inout [Problem]) -> JSONValue {
        event.decodeData(warnings: &warnings)
    }
}

extension Event {
    /// The payload kept undecoded, for the events nothing reads.
    public var unread: UnreadPayload? {
        switch self {
        case .stepStart(let p), .stepResponse(let p), .messageStart(let p): return p
        default: return nil
        }
    }
}
