import Transcript

/// A transcript's warning for the Data integrity section: what its code
/// means (`ProblemCode.reportTitle`), then its own message.
enum WarningText {
    static func warning(_ w: Problem) -> ReportModel.Warning {
        .init(code: w.code.rawValue, title: w.code.reportTitle, detail: w.message, eventIndex: w.location.eventIndex)
    }
}
