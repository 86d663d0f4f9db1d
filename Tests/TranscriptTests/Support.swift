import Testing
@testable import Transcript

// Helpers shared by the test files: small builders of session documents, so
// that each table row is one short line, and readers of what the library
// produced. They deliberately do not use the library's own writer to build
// inputs, so a bug there cannot hide itself.

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A JSON string literal holding `text` (quotes included).
func js(_ text: String) -> String {
    let hex = Array("0123456789abcdef")
    var out = "\""
    for u in text.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                out += "\\u00" + String(hex[Int(u.value >> 4)]) + String(hex[Int(u.value & 0xF)])
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

/// One event of an `event_log`, as JSON text.
/// - `json`: the payload's JSON text, stored as a STRING holding it (the usual form);
/// - `raw`: the `data` value's JSON text as is (an object, a number, null, a string literal...);
/// - neither: no `data` key at all.
/// - `turn` / `ts`: raw JSON text of the top-level `turn` / `timestamp` (nil = missing).
func E(_ name: String, _ json: String? = nil, raw: String? = nil, turn: Int? = nil, ts: String? = nil) -> String {
    var parts = ["\"event\":" + js(name)]
    if let json { parts.append("\"data\":" + js(json)) }
    if let raw { parts.append("\"data\":" + raw) }
    if let turn { parts.append("\"turn\":\(turn)") }
    if let ts { parts.append("\"timestamp\":" + ts) }
    return "{" + parts.joined(separator: ",") + "}"
}

// Short builders for the common events.
func userMsg(_ text: String, turn: Int? = 0, ts: String? = nil) -> String {
    E("user_message", "{\"text\":\(js(text))}", turn: turn, ts: ts)
}
func runStart(_ stamp: String? = nil, turn: Int? = nil) -> String {
    E("run_start", stamp.map { "{\"run_id\":\"r\",\"timestamp\":\(js($0))}" } ?? "{\"run_id\":\"r\"}", turn: turn)
}
func stepDone(_ step: Int, _ extra: String = "", turn: Int? = nil) -> String {
    E("step_complete", "{\"step\":\(step),\"agent\":\"A\"\(extra.isEmpty ? "" : "," + extra)}", turn: turn)
}
func answer(_ text: String, turn: Int? = nil) -> String { E("message", "{\"text\":\(js(text))}", turn: turn) }
func runDone(turn: Int? = nil) -> String { E("run_complete", #"{"steps":1,"tokens":10,"time":"1.0s"}"#, turn: turn) }
func errorEvent(_ message: String, turn: Int? = nil) -> String { E("error", "{\"message\":\(js(message))}", turn: turn) }
func cancelling(_ message: String = "Cancelling investigation...") -> String {
    E("status_change", "{\"status\":\"cancelling\",\"message\":\(js(message))}")
}

/// A session document as JSON text. Defaults: id "s1", status "completed",
/// created_at "T0", alert_text "ALERT", error_detail "". `fields` replaces a
/// default (nil value removes it) or adds a key, value given as raw JSON text;
/// an "event_log" entry replaces the log built from `events`.
func doc(_ events: [String], _ fields: [(String, String?)] = []) -> String {
    var pairs: [(String, String?)] = [
        ("id", js("s1")), ("scenario", js("telco-noc")), ("status", js("completed")),
        ("created_at", js("T0")), ("updated_at", js("T1")), ("alert_text", js("ALERT")),
        ("error_detail", js("")), ("_docType", js("session")),
        ("event_log", "[" + events.joined(separator: ",") + "]"),
    ]
    for (key, value) in fields {
        if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value } else { pairs.append((key, value)) }
    }
    return "{" + pairs.compactMap { k, v in v.map { js(k) + ":" + $0 } }.joined(separator: ",") + "}"
}

func parseJSON(_ text: String) throws -> JSONValue {
    try JSONTape.parse(Array(text.utf8)).root
}

/// Replays one document given as JSON text.
func replay(_ text: String, kind: DocumentKind = .session) throws -> Transcript {
    let root = try parseJSON(text)
    return Replay.run(SessionInput(document: root, kind: kind,
                                   source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0)))
}

func session(_ events: [String], _ fields: [(String, String?)] = []) throws -> Transcript {
    try replay(doc(events, fields))
}

func compact(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    var out: [UInt8] = []
    value.writeCompact(to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// The transcript's `TranscriptJSON` line, parsed back.
func encoded(_ t: Transcript) throws -> JSONValue {
    let bytes = TranscriptJSON.encode(t)
    guard bytes.last == 0x0A else { throw TestFailure("the JSON line does not end with a newline") }
    return try JSONTape.parse(bytes).root
}

/// The exact compact bytes of the `messages` array of the JSON output.
func messagesJSON(_ t: Transcript) throws -> String {
    guard let m = try encoded(t)["messages"] else { throw TestFailure("no messages key") }
    return compact(m) ?? ""
}

func codes(_ t: Transcript) -> [String] { t.warnings.map(\.code.rawValue) }

/// The notes' timeline as short strings, for comparing in one go.
func timeline(_ n: TurnNotes) -> [String] {
    n.timeline.map { item in
        switch item {
        case .step(let i): return "step \(i)"
        case .retry(let text, let i): return "retry \(text) @\(i)"
        case .statusChange(let status, let message, let i): return "status_change \(status ?? "-") \(message ?? "-") @\(i)"
        case .statusNote(let text, let i): return "status \(text) @\(i)"
        case .thread(let id, let i): return "thread \(id) @\(i)"
        case .error(let text, let i): return "error \(text ?? "-") @\(i)"
        case .stepInFlight(let payload, let i): return "in_flight \(compact(payload.raw) ?? "") @\(i)"
        case .gap(let missing): return "gap \(missing)"
        }
    }
}

/// Scans in-memory bytes as the file "t.json".
func scan(_ text: String, name: String = "t.json") -> ExportScanner.Result {
    scanBytes(Array(text.utf8), name: name)
}

func scanBytes(_ bytes: [UInt8], name: String = "t.json") -> ExportScanner.Result {
    ExportScanner().scan(bytes, name: name, fileIndex: 0)
}
