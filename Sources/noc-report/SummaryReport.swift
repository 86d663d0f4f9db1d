import Foundation
import Transcript

/// What `summary` needs to know of one session.
struct SessionFacts {
    var category: String
    var reason: String
    var scenario: String
    var day: String?
    var durationSeconds: Double?
    var failingAgents: [String]
    var stepErrorKinds: [String]
    var errorMessage: String?
    /// Rule id → places replaced, under --redact.
    var redaction: [(rule: String, places: Int)]? = nil
}

/// Counts over many sessions, printed as a table, JSON or CSV.
struct SummaryReport {
    private(set) var sessions = 0
    private(set) var byOutcome: [String: Int] = [:]
    private(set) var byReason: [String: Int] = [:]
    private(set) var byFailingAgent: [String: Int] = [:]
    private(set) var byStepErrorKind: [String: Int] = [:]
    private(set) var byScenario: [String: Int] = [:]
    private(set) var byDay: [String: Int] = [:]
    private(set) var errorMessages: [String: Int] = [:]
    private var durations: [Double] = []
    /// Under --redact: sessions checked, and per rule the sessions it fired in and the places it replaced.
    private(set) var redactedSessions: Int?
    private(set) var redactionByRule: [String: (sessions: Int, places: Int)] = [:]

    mutating func add(_ f: SessionFacts) {
        sessions += 1
        byOutcome[f.category, default: 0] += 1
        if f.reason != "none" { byReason[f.reason, default: 0] += 1 }
        for agent in f.failingAgents { byFailingAgent[agent, default: 0] += 1 }
        for kind in f.stepErrorKinds { byStepErrorKind[kind, default: 0] += 1 }
        byScenario[f.scenario, default: 0] += 1
        if let day = f.day { byDay[day, default: 0] += 1 }
        if let d = f.durationSeconds { durations.append(d) }
        if let rules = f.redaction {
            redactedSessions = (redactedSessions ?? 0) + 1
            for (rule, places) in rules {
                let old = redactionByRule[rule] ?? (0, 0)
                redactionByRule[rule] = (old.sessions + 1, old.places + places)
            }
        }
        if let m = f.errorMessage {
            // The first line is what tells messages apart; counts in "N steps" vary.
            let line = String(m.split(separator: "\n", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            let normal = stepCount?.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "N") ?? line
            errorMessages[String(normal.prefix(160)), default: 0] += 1
        }
    }

    /// "4 steps completed" and "7 steps completed" are the same message.
    /// A constant pattern, so it compiles; were it ever nil, messages would
    /// only be counted apart.
    private let stepCount = try? NSRegularExpression(pattern: #"\b\d+(?= steps?\b)"#)

    var durationStats: (median: Double, p90: Double, max: Double)? {
        guard !durations.isEmpty else { return nil }
        let sorted = durations.sorted()
        func pct(_ p: Double) -> Double {
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(rank, 0), sorted.count - 1)]
        }
        return (pct(0.5), pct(0.9), sorted[sorted.count - 1])
    }

    static func ranked(_ d: [String: Int]) -> [(String, Int)] {
        d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    func json() -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("sessions"); w.int(sessions)
            for (key, d) in [("by_outcome", byOutcome), ("by_reason", byReason), ("by_failing_agent", byFailingAgent),
                             ("by_step_error_kind", byStepErrorKind), ("by_scenario", byScenario)] {
                w.key(key)
                w.object { w in for (k, v) in Self.ranked(d) { w.key(k); w.int(v) } }
            }
            w.key("by_day")
            w.object { w in for (k, v) in byDay.sorted(by: { $0.key < $1.key }) { w.key(k); w.int(v) } }
            w.key("duration_seconds")
            if let s = durationStats {
                w.object { w in w.key("median"); w.double(s.median); w.key("p90"); w.double(s.p90); w.key("max"); w.double(s.max) }
            } else {
                w.null()
            }
            if let checked = redactedSessions {
                w.key("redaction")
                w.object { w in
                    w.key("sessions_checked"); w.int(checked)
                    w.key("places_by_rule")
                    w.object { w in for (k, v) in Self.ranked(redactionByRule.mapValues(\.places)) { w.key(k); w.int(v) } }
                }
            }
            w.key("top_errors")
            w.array { w in
                for (m, c) in Self.ranked(errorMessages).prefix(10) {
                    w.object { w in w.key("message"); w.string(m); w.key("count"); w.int(c) }
                }
            }
        }
        return String(decoding: w.bytes, as: UTF8.self) + "\n"
    }

    func csv() -> String {
        var lines = ["dimension,value,count"]
        func quote(_ s: String) -> String {
            let needs = s.contains(",") || s.contains("\"") || s.contains("\n") || s.first.map({ "=+-@".contains($0) }) == true
            let safe = s.first.map({ "=+-@".contains($0) }) == true ? "'" + s : s
            return needs ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
        }
        lines.append("sessions,,\(sessions)")
        for (dim, d) in [("outcome", byOutcome), ("reason", byReason), ("failing_agent", byFailingAgent),
                         ("step_error_kind", byStepErrorKind), ("scenario", byScenario)] {
            for (k, v) in Self.ranked(d) { lines.append("\(dim),\(quote(k)),\(v)") }
        }
        for (k, v) in byDay.sorted(by: { $0.key < $1.key }) { lines.append("day,\(k),\(v)") }
        for (k, v) in Self.ranked(redactionByRule.mapValues(\.places)) { lines.append("redaction_places,\(quote(k)),\(v)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func table(color: Bool) -> String {
        var out = ""
        let bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        func section(_ title: String, _ rows: [(String, Int)], percent: Bool = true, titled: Bool = true) {
            guard !rows.isEmpty else { return }
            if titled { out += "\n\(bold)\(title)\(reset)\n" }
            let width = min(60, rows.map { $0.0.count }.max() ?? 0)
            for (k, v) in rows {
                let label = k.count > 60 ? String(k.prefix(59)) + "…" : k
                let pad = String(repeating: " ", count: max(0, width - label.count))
                let pct = percent && sessions > 0 ? String(format: "  %5.1f%%", Double(v) * 100 / Double(sessions)) : ""
                out += "  \(label)\(pad)  \(String(format: "%6d", v))\(pct)\n"
            }
        }
        out += "\(bold)\(sessions) session\(sessions == 1 ? "" : "s")\(reset)\n"
        section("Outcome", Self.ranked(byOutcome))
        section("Failure reason", Self.ranked(byReason))
        section("Failing agent (sessions)", Self.ranked(byFailingAgent))
        section("Step error kind (sessions)", Self.ranked(byStepErrorKind))
        section("Scenario", Self.ranked(byScenario))
        section("Day", byDay.sorted(by: { $0.key < $1.key }), percent: false)
        if let s = durationStats {
            out += "\n\(bold)Investigation duration\(reset)\n  median \(formatDuration(s.median))   p90 \(formatDuration(s.p90))   max \(formatDuration(s.max))\n"
        }
        section("Most frequent errors", Array(Self.ranked(errorMessages).prefix(10)), percent: false)
        if let checked = redactedSessions {
            out += "\n\(bold)Redaction\(reset) (\(checked) session\(checked == 1 ? "" : "s") checked; places replaced per rule)\n"
            if redactionByRule.isEmpty { out += "  nothing matched\n" }
        }
        section("", Self.ranked(redactionByRule.mapValues(\.places)), percent: false, titled: false)
        return out
    }
}
