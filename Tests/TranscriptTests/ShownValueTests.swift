import Testing
@testable import Transcript

/// A JSON value and its shown form: text, string, `shown` and `int`.
struct ShownValueRow: Sendable, CustomTestStringConvertible {
    var json: String
    var text: String
    var string: String?
    var shown: String?
    var int: Int?
    var testDescription: String { json }
}

let shownValueRows: [ShownValueRow] = [
    .init(json: #""plain""#, text: "plain", string: "plain", shown: "plain"),
    .init(json: #""a\nb\u00e9""#, text: "a\nbé", string: "a\nbé", shown: "a\nbé"),
    .init(json: #""""#, text: "", string: "", shown: nil),
    .init(json: "null", text: "null", string: nil, shown: nil),
    .init(json: "true", text: "true", string: nil, shown: "true"),
    .init(json: "42", text: "42", string: nil, shown: "42", int: 42),
    .init(json: "5.0", text: "5.0", string: nil, shown: "5.0", int: 5),
    .init(json: "1e3", text: "1e3", string: nil, shown: "1e3", int: 1000),
    .init(json: "1.5", text: "1.5", string: nil, shown: "1.5"),
    .init(json: #"{"a" : [1, "x"] }"#, text: #"{"a":[1,"x"]}"#, string: nil, shown: #"{"a":[1,"x"]}"#),
    .init(json: "[]", text: "[]", string: nil, shown: "[]"),
    .init(json: #""42""#, text: "42", string: "42", shown: "42", int: nil),
]

@Suite("Transcript/Steps: values as shown")
struct ShownValueTests {
    @Test(arguments: shownValueRows)
    func aValueIsShownAsTheFrontendShowsIt(_ row: ShownValueRow) throws {
        let v = ShownValue(try parseJSON(row.json))
        #expect(v.text == row.text)
        #expect(v.string == row.string)
        #expect(v.shown == row.shown)
        #expect(v.int == row.int)
        #expect(v.isNull == (row.json == "null"))
    }

    @Test func theDocumentsFieldsAreReadOnceAndTheLastKeyWins() throws {
        let d = ShownDocument(try parseJSON(#"""
            {"status":"failed","status":"completed","alert_text":"A","scenario":7,"created_at":"2025-01-01T00:00:00Z","thread_id":null,"diagnosis":"D","query":"Q","event_log":[]}
            """#))
        #expect(d.status?.string == "completed")
        #expect(d.alertText?.string == "A")
        #expect(d.scenario?.shown == "7" && d.scenario?.string == nil)
        #expect(d.createdAt?.string == "2025-01-01T00:00:00Z")
        #expect(d.updatedAt == nil)
        #expect(d.threadID?.isNull == true)
        #expect(d.diagnosis?.string == "D")
        #expect(d.query?.string == "Q")
        let notAnObject = ShownDocument(try parseJSON("[1]"))
        #expect(notAnObject.status == nil && notAnObject.alertText == nil)
    }

    @Test(arguments: [
        (#"{"steps":4,"tokens":1234,"time":"41.3s"}"#, "4|1234|41.3s"),
        (#"{"tokens":"many"}"#, "-|-|-"),
        (#"{}"#, "-|-|-"),
        (#""done""#, "nil"),
        ("null", "nil"),
    ])
    func aRunSummaryIsReadOnlyFromAnObject(_ json: String, _ expected: String) throws {
        let meta = RunMetaRecord(try parseJSON(json))
        let got = meta.map { m in
            [m.steps?.shown ?? "-", m.tokens?.int.map(String.init) ?? "-", m.time?.shown ?? "-"].joined(separator: "|")
        } ?? "nil"
        #expect(got == expected)
    }
}
