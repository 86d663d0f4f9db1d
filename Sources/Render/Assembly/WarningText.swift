import Transcript

/// What each warning code means, for the Data integrity section.
enum WarningText {
    static func title(_ code: TranscriptWarning.Code) -> String {
        switch code {
        case .malformedEventData: return "An event's data could not be read"
        case .nonObjectEventData: return "An event carried no usable data"
        case .missingEventType: return "An entry of the event log is not an event"
        case .eventBeforeRunStart: return "Events outside any run were ignored"
        case .unknownEventType: return "Events of a type this tool does not know"
        case .truncatedLog: return "The event log is incomplete"
        case .statusInconsistent: return "The stored status does not match the log"
        case .fieldTypeMismatch: return "A field has an unexpected type"
        case .duplicateSessionDropped: return "Another copy of this session was dropped"
        case .missingChunks: return "Parts of the event log are missing"
        case .orphanChunks: return "Event log chunks without their session"
        case .invalidUTF8: return "The document contained invalid text bytes"
        case .ignoredChunks: return "Event log chunks were ignored"
        case .partialLog: return "The event log is incomplete"
        case .lostLog: return "The event log was lost"
        }
    }

    static func warning(_ w: TranscriptWarning) -> ReportModel.Warning {
        .init(code: w.code.rawValue, title: title(w.code), detail: w.message, eventIndex: w.eventIndex)
    }
}
