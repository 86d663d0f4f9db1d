import Transcript

extension ReportBuilder {
    /// Timeline items other than steps (FORMAT.md §4, last paragraph).
    static func note(_ item: TimelineItem) -> ReportModel.Note? {
        switch item {
        case .retry(let text, let i):
            return .init(kind: .retry, title: "Retry", text: text, eventIndex: i)
        case .statusChange(let status, let message, let i):
            if status == "cancelling" {
                return .init(kind: .cancelRequested, title: "Cancellation requested",
                             text: message ?? "The operator asked to cancel the investigation.", eventIndex: i)
            }
            return .init(kind: .status, title: "Status changed" + (status.map { " to \($0)" } ?? ""),
                         text: message ?? "", eventIndex: i)
        case .statusNote(let text, let i):
            return .init(kind: .status, title: "Status", text: text, eventIndex: i)
        case .thread(let id, let i):
            return .init(kind: .thread, title: "Agent thread", text: id, eventIndex: i)
        case .error(let text, let i):
            let shown = text ?? "(the error event has no message)"
            return .init(kind: .error, title: "Error", text: shown, eventIndex: i)
        case .gap(let missing):
            let list = TextForm.list(missing.map(String.init))
            return .init(kind: .gap, title: "Missing part of the log",
                         text: "Chunk\(missing.count == 1 ? "" : "s") \(list) of the event log \(missing.count == 1 ? "is" : "are") missing here: whatever happened in between is unknown.",
                         eventIndex: nil)
        case .step, .stepInFlight:
            return nil
        }
    }
}
