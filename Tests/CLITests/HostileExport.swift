import Foundation

/// An export folder built to break things: injection payloads in every text
/// field a report shows, plus broken documents around them. Each good
/// session carries one payload everywhere; `expectedIDs` are the sessions
/// that must come out as reports.
struct HostileExport: Sendable {
    static let payloads: [String] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(document.cookie)",
        "\"><svg onload=alert(1)>",
        "'><iframe src=//evil.example/></iframe>",
        "{{mustache}} {{{triple}}} {{#s}}x{{/s}} {{> partial}} {{=<% %>=}}",
        "# Heading\n## Summary\n| a | b |\n|---|---|\n| c | d |\n---\n",
        "NUL\u{0} BEL\u{7} ESC\u{1B}[31m red \u{8} DEL\u{7F} C1\u{85}",
        "\u{202E}evil\u{202C} \u{2066}isolate\u{2069} \u{200F}rtl",
        String(repeating: "A", count: 60_000) + String(repeating: "<", count: 20_000),
        "[x](javascript:alert(1)) ![i](http://evil.example/x.png) <javascript:alert(2)> [d](data:text/html;base64,PHNjcmlwdD4=)",
        "```\nunclosed fence\n# not a heading",
        "<!-- c --> <style>body{background:url(//evil.example)}</style> <base href=//evil.example/>",
        "&lt;pre-escaped&gt; &amp; &#x3C;script&#x3E; \\u003cscript\\u003e",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a> <form action=//evil.example><input></form>",
    ]

    let ids: [String]
    /// Broken documents: (file, what stderr must mention).
    let broken: [(file: String, mention: String)]

    var expectedIDs: Set<String> { Set(ids) }

    /// Writes the export under `dir`.
    static func write(to dir: URL) throws -> HostileExport {
        var ids: [String] = []
        var lines: [[UInt8]] = []
        for (k, p) in payloads.enumerated() {
            // Every third id is itself hostile (it also names a file).
            let id = k % 3 == 0 ? "\(p.prefix(40))-\(k)" : "hostile-\(k)"
            ids.append(id)
            lines.append(try json(session(id: id, p, v2: k % 2 == 1)))
        }
        lines.insert(Array(#"{"id":"truncated","status":"completed","event_log":[{"event":"user_mess"#.utf8), at: 2)
        lines.insert(Array(#"{"id":7,"_docType":"session","status":"completed","event_log":[]}"#.utf8), at: 4)
        lines.insert(Array(("{\"id\":\"deep\",\"event_log\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}").utf8), at: 6)
        lines.insert(Array(#"[1,2]"#.utf8), at: 8)
        // Rendered despite everything: fields of the wrong type, and bytes that are not UTF-8.
        lines.append(Array(#"{"id":"wrong-types","_docType":"session","status":5,"alert_text":{"x":1},"created_at":[],"error_detail":7,"scenario":null,"event_log":"not a list","steps":7,"run_meta":"x","turn_count":"many"}"#.utf8))
        ids.append("wrong-types")
        lines.append(Array(#"{"id":"bad-utf8","status":"completed","error_detail":"","alert_text":"caf"#.utf8) + [0xFF, 0xFE, 0xC3]
                     + Array(#" <script>","event_log":[{"event":"user_message","turn":0,"data":"{\"text\":\"x\\u00ff\"}"}]}"#.utf8))
        ids.append("bad-utf8")
        let jsonl: [UInt8] = lines.flatMap { line -> [UInt8] in line + [0x0A] }
        try Data(jsonl).write(to: dir.appendingPathComponent("hostile.jsonl"))

        // An interaction and a chunked session, with payloads too.
        let p = payloads[0] + " " + payloads[3]
        let interaction: [String: Any] = ["id": "interaction-1", "_docType": "interaction", "scenario": p, "query": p,
                                          "steps": [step(1, p)], "diagnosis": diagnosis(p), "run_meta": ["time": p],
                                          "created_at": "2026-02-20T10:00:00+00:00", p: p]
        var chunked = session(id: "chunked-1", p, v2: false)
        let events = chunked.removeValue(forKey: "event_log") as? [[String: Any]] ?? []
        chunked["chunk_count"] = 3
        chunked["chunk_ids"] = ["chunked-1:chunk-0", "chunked-1:chunk-1", "chunked-1:chunk-2"]
        let half = events.count / 2
        let chunks: [[String: Any]] = [(0, Array(events[..<half])), (2, Array(events[half...]))].map { i, e in
            ["id": "chunked-1:chunk-\(i)", "_docType": "session_chunk", "session_id": "chunked-1", "chunk_index": i, "events": e]
        }
        // Chunks without their session: the warning quotes this session id.
        let orphan: [String: Any] = ["id": "x", "_docType": "session_chunk", "session_id": "\u{1B}]0;pwned\u{7}\u{1B}[2J\u{202E}", "chunk_index": 0, "events": []]
        try Data(json([chunks[1], interaction, chunked, orphan, chunks[0]])).write(to: dir.appendingPathComponent("mixed.json"))
        ids += ["interaction-1", "chunked-1"]

        // A container export cut short: the first document is kept.
        let first = try json(session(id: "before-the-cut", payloads[1], v2: false))
        try Data(Array("[".utf8) + first + Array(",\n{\"id\":\"after-the-cut\",\"event_log\":[".utf8)).write(to: dir.appendingPathComponent("truncated.json"))
        ids.append("before-the-cut")

        var binary: [UInt8] = []
        var seed: UInt32 = 12345
        for _ in 0..<4096 { seed = seed &* 1_103_515_245 &+ 12345; binary.append(UInt8(truncatingIfNeeded: seed >> 16)) }
        binary[0] = 0x01  // not '[' or '{', and not a UTF-16/32 byte-order pattern
        binary[1] = 0x02
        try Data(binary).write(to: dir.appendingPathComponent("binary.json"))

        return HostileExport(ids: ids, broken: [
            ("hostile.jsonl", "line 3"), ("hostile.jsonl", "line 5"), ("hostile.jsonl", "line 7"), ("hostile.jsonl", "line 9"),
            ("truncated.json", "truncated"), ("binary.json", "binary"), ("mixed.json", "no manifest"),
        ])
    }

    static func json(_ value: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
    }

    static func text(_ value: Any) -> String {
        String(decoding: (try? json(value)) ?? [], as: UTF8.self)
    }

    static func diagnosis(_ p: String) -> String {
        "# \(p)\n\n\(p)\n\n| a | b |\n|---|---|\n| \(p) | x |\n\n[click](javascript:alert(1)) <script>alert(1)</script> [ok](https://example.org/ok)\n\n```\n\(p)"
    }

    static func step(_ n: Int, _ p: String) -> [String: Any] {
        let columns: [[String: Any]] = [["name": p, "type": p], ["name": "n", "type": "int"]]
        let rows: [[String: Any]] = [[p: p, "n": 1], ["n": p]]
        return [
            "step": n, "agent": p, "duration": p, "query": p, "reasoning": p, "timestamp": "2026-02-20T10:00:0\(n)+00:00",
            "error": true, "response": "FAILED: [\(p)] \(p)",
            "visualizations": [
                ["type": "graph", "data": ["columns": columns, "data": rows, "query": p]],
                ["type": "table", "data": ["columns": columns, "rows": rows, "query": p]],
                ["type": "documents", "data": ["content": diagnosis(p), "agent": p, "indexName": p, "searchHits": p,
                                               "citations": [["title": p, "url": "javascript:alert(1)"], ["title": p, "url": "https://example.org/ok"],
                                                             ["title": p, "url": "data:text/html,<script>alert(1)</script>"], p]]],
                ["type": p, "data": [p: p]],
            ],
            "visualization": ["type": "table", "data": ["columns": columns, "rows": rows, "query": p]],
            "sub_steps": [["index": p, "query": p, "result_summary": p, "agent": p]],
            p: p,
        ]
    }

    static func action(_ p: String) -> [String: Any] {
        [
            "step": 9, "agent": "dispatch_field_engineer", "duration": p, "query": p, "response": p, "is_action": true,
            "timestamp": "2026-02-20T10:00:09+00:00",
            "action": [
                "status": p, "dispatch_id": p, "dispatch_time": p, "urgency": p, "sensor_ids": [p, p],
                "email_subject": p, "email_body": p, "raw_output": p,
                "engineer": ["name": p, "email": "\(p)@x", "phone": p],
                "destination": ["description": p, "latitude": p, "longitude": 151.2, "maps_link": "javascript:alert('\(p)')"],
            ] as [String: Any],
        ]
    }

    static func session(id: String, _ p: String, v2: Bool) -> [String: Any] {
        func event(_ name: String, _ data: Any, turn: Int? = nil) -> [String: Any] {
            var e: [String: Any] = ["event": name, "data": text(data), p: p]
            if let turn { e["turn"] = turn }
            return e
        }
        var log: [[String: Any]] = [event("user_message", ["text": p], turn: 0)]
        if v2 {
            log += [
                ["event": "run.start", "timestamp": "2026-02-20T10:00:00+00:00", "data": "{}"],
                event("session.created", ["thread_id": p]),
                event("tool_call.start", ["id": p, "step": 1, "agent": p, "query": p, "reasoning": p]),
                event("tool_call.complete", step(1, p).merging(["id": p]) { $1 }),
                event("tool_call.start", ["id": "never", "step": 2, "agent": p, "query": p]),
                event("status", ["message": p]),
                event("message.delta", ["id": "m", "text": p]),
                event("error", ["message": "Agent run interrupted — \(p). 1 steps completed before the error. Retried 2 times.\n\nError detail: [\(p)] \(p)"]),
                event("user_message", ["text": p], turn: 1),
                ["event": "run.start", "turn": 1, "timestamp": "2026-02-20T10:01:00+00:00", "data": "{}"],
                event("message.complete", ["id": "m2", "text": diagnosis(p)]),
                event("run.complete", ["steps": 1, "time": p]),
            ]
        } else {
            log += [
                event("run_start", ["run_id": p, "alert": p, "timestamp": "2026-02-20T10:00:00+00:00"]),
                event("thread_created", ["thread_id": p]),
                event("step_thinking", ["agent": p, "status": "Retrying investigation (attempt 2/2)... \(p)"]),
                event("step_started", ["step": 1, "agent": p, "query": p, "reasoning": p]),
                event("step_complete", step(1, p)),
                event("step_started", ["step": 3, "agent": p, "query": p]),
                event("step_complete", action(p)),
                event("action_executed", ["step": 9, "action_name": p, "action_data": p]),
                event("status_change", ["status": "cancelling", "message": p]),
                event("message", ["text": diagnosis(p)]),
                event("run_complete", ["steps": 2, "tokens": p, "time": p]),
                event("error", ["message": p]),
                ["event": p, "data": p],
            ]
        }
        return [
            "id": id, "_docType": "session", "scenario": p, "alert_text": p, "status": "failed",
            "created_at": "2026-02-20T10:00:00+00:00", "updated_at": "2026-02-20T10:05:00+00:00",
            "error_detail": p, "thread_id": p, "turn_count": v2 ? 1 : 0, "run_meta": [p: p], "diagnosis": p,
            "steps": [], "event_log": log, p: p, "_rid": p,
        ]
    }
}
