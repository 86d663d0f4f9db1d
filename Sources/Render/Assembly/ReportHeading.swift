import Transcript

/// What a report is called: its id, scenario, alert and title.
struct ReportHeading {
    var id: String
    var scenario: String?
    /// The NOC sidebar's title is alert_text; a capped log's first user
    /// message is a follow-up question, never the alert.
    var alert: String?
    var shortAlert: String
    /// "<scenario>: <short alert>".
    var title: String

    init(_ t: Transcript, _ doc: ShownDocument, turns: [ReportModel.Turn]) {
        alert = {
            if t.input.kind == .interaction { return doc.query?.shown }
            if let a = doc.alertText?.string, !a.isEmpty { return a }
            if let first = turns.first?.operatorMessages.first, !first.text.isEmpty { return first.text }
            return doc.alertText?.shown
        }()
        id = t.input.id ?? ""
        scenario = doc.scenario?.shown
        shortAlert = alert.map { TextForm.shortLine($0, limit: 90) } ?? ""
        let head = shortAlert.isEmpty ? (id.isEmpty ? "Session without id" : "Session \(id)") : shortAlert
        title = scenario.map { "\($0): \(head)" } ?? head
    }
}
