import Foundation
import Testing
@testable import Transcript

/// FORMAT.md §8: the step card's classification, with JavaScript's regular
/// expression semantics. One row per case that separates JavaScript from
/// other engines (Python's re.IGNORECASE, Unicode-aware `\s` or `.`).
struct StepCardRow: Sendable, CustomTestStringConvertible {
    var response: String
    var kind: StepErrorKind
    var code: String = ""
    var why: String
    var testDescription: String { why }
}

let stepCardRows: [StepCardRow] = [
    // The five patterns, first match wins.
    .init(response: "FAILED: [504] upstream request timeout", kind: .gatewayTimeout, code: "504", why: "504"),
    .init(response: "Gateway Timeout from the Fabric endpoint", kind: .gatewayTimeout, why: "gateway timeout, mixed case"),
    .init(response: "FAILED: [502] proxy error", kind: .badGateway, code: "502", why: "502"),
    .init(response: "Bad Gateway", kind: .badGateway, why: "bad gateway"),
    .init(response: "Resource Not Found", kind: .notFound, why: "not found"),
    .init(response: "Endpoint /x does not exist", kind: .notFound, why: "endpoint … not exist on one line"),
    .init(response: "FAILED: [401] token expired", kind: .auth, code: "401", why: "401"),
    .init(response: "Forbidden: workspace access", kind: .auth, why: "forbidden"),
    .init(response: "Request was throttled", kind: .rateLimited, why: "throttl"),
    .init(response: "FAILED: [500] Internal Server Error", kind: .other, code: "500", why: "no pattern"),
    .init(response: "FAILED: [504] endpoint not found", kind: .gatewayTimeout, code: "504", why: "first pattern wins"),
    .init(response: "Bad Gateway (504)", kind: .gatewayTimeout, why: "504 anywhere beats bad gateway"),
    .init(response: "FAILED: [403] throttled", kind: .auth, code: "403", why: "auth before rate limited"),
    .init(response: "error 5041", kind: .gatewayTimeout, why: "digits inside a longer number"),
    // \s is JavaScript's white space: any amount, Unicode spaces included.
    .init(response: "gatewaytimeout", kind: .gatewayTimeout, why: "gatewaytimeout (\\s* allows none)"),
    .init(response: "Gateway\ttimeout", kind: .gatewayTimeout, why: "Gateway<TAB>timeout"),
    .init(response: "Gateway\ntimeout", kind: .gatewayTimeout, why: "Gateway<LF>timeout"),
    .init(response: "gateway\u{A0}timeout", kind: .gatewayTimeout, why: "NBSP is \\s"),
    .init(response: "bad\u{2003}\u{3000}\u{FEFF}gateway", kind: .badGateway, why: "em space, ideographic space, BOM are \\s"),
    .init(response: "bad\u{1680}\u{202F}\u{205F}\u{2028}gateway", kind: .badGateway, why: "U+1680, U+202F, U+205F, U+2028 are \\s"),
    .init(response: "bad\u{200B}gateway", kind: .other, why: "zero-width space is not \\s"),
    .init(response: "bad\u{85}gateway", kind: .other, why: "NEL is not \\s in JavaScript"),
    .init(response: "bad\u{180E}gateway", kind: .other, why: "U+180E is no longer white space"),
    .init(response: "Rate  Limit", kind: .rateLimited, why: "Rate<2 spaces>Limit"),
    .init(response: "not\r\n found", kind: .notFound, why: "not found across CR LF"),
    // `.` stops at LF, CR, U+2028 and U+2029; `\s*` after "not" does not.
    .init(response: "the endpoint does\nnot exist", kind: .other, why: "endpoint / not exist across LF"),
    .init(response: "the endpoint\rdoes not exist", kind: .other, why: "endpoint / not exist across CR"),
    .init(response: "the endpoint does\u{2028}not exist", kind: .other, why: "endpoint / not exist across U+2028"),
    .init(response: "the endpoint does\u{2029}not exist", kind: .other, why: "endpoint / not exist across U+2029"),
    .init(response: "the endpoint does\u{85}not exist", kind: .notFound, why: "NEL is not a line terminator for ."),
    .init(response: "endpoint x not\nexist", kind: .notFound, why: "\\s* after not crosses the line"),
    .init(response: "ENDPOINT x\nendpoint y NOT EXIST", kind: .notFound, why: "a later endpoint on the line of not exist"),
    .init(response: "endpoint\nnot exist endpoint", kind: .other, why: "endpoint after not exist"),
    .init(response: "not exist, said the endpoint", kind: .other, why: "not exist before endpoint"),
    .init(response: "endpointnot exist", kind: .notFound, why: ".* may be empty"),
    // /i folds ASCII letters only.
    .init(response: "GATEWAY TIMEOUT", kind: .gatewayTimeout, why: "ASCII upper case"),
    .init(response: "GATEWAY T\u{130}MEOUT", kind: .other, why: "İ is not i"),
    .init(response: "gateway t\u{131}meout", kind: .other, why: "ı is not i"),
    .init(response: "rate limit\u{17F}", kind: .rateLimited, why: "ſ after a match is harmless"),
    .init(response: "\u{17F}throttl", kind: .rateLimited, why: "ſ before throttl"),
    .init(response: "unauthorized".replacingOccurrences(of: "i", with: "\u{131}"), kind: .other, why: "unauthorızed"),
    .init(response: "forbidden \u{212A}", kind: .auth, why: "Kelvin sign does not disturb forbidden"),
    .init(response: "thrott\u{212A}l", kind: .other, why: "Kelvin sign is not k (no k in the patterns, nothing else)"),
    .init(response: "bad gatewa\u{1E8F}", kind: .other, why: "no non-ASCII letter matches y"),
    .init(response: "\u{FF15}\u{FF10}\u{FF14} fullwidth digits", kind: .other, why: "fullwidth digits are not digits"),
    .init(response: "error 504\u{301}", kind: .gatewayTimeout, why: "a combining mark after the digits"),
    // The "FAILED:" prefix and the code.
    .init(response: "failed: [x] gateway timeout", kind: .gatewayTimeout, code: "x", why: "failed: lower case"),
    .init(response: "FAILED:[x]", kind: .other, code: "x", why: "FAILED:[x] without a space"),
    .init(response: "FAILED:\u{A0}[429] slow", kind: .rateLimited, code: "429", why: "NBSP after FAILED:"),
    .init(response: "[] [quota]", kind: .other, code: "quota", why: "the first non-empty bracket"),
    .init(response: "FAILED: [unclosed", kind: .other, why: "an unclosed ["),
    .init(response: "FAILED: [a [b] c", kind: .other, code: "a [b", why: "[ inside a bracket"),
    .init(response: "FAILED: ]504[ x", kind: .gatewayTimeout, why: "] before ["),
    .init(response: "[multi\nline] x", kind: .other, code: "multi\nline", why: "a bracket spanning lines"),
    .init(response: "FAILED: GraphQL [400] bad query [x]", kind: .other, code: "400", why: "first bracket only"),
    .init(response: "FAILED: [Errno 111] Connection refused", kind: .other, code: "Errno 111", why: "code with a space"),
    .init(response: "FAILED: [\u{301}x]\u{301} y", kind: .other, code: "\u{301}x", why: "combining marks around brackets"),
    .init(response: "[]", kind: .other, why: "only an empty bracket"),
    .init(response: "", kind: .other, why: "empty response"),
]

@Suite("FORMAT.md §8: the step card (JavaScript semantics)")
struct StepCardTests {
    @Test(arguments: stepCardRows)
    func row(_ row: StepCardRow) {
        let card = StepErrorKind.parse(row.response)
        #expect(card.kind == row.kind)
        #expect(card.code == row.code)
        // Through a session, as the transcript JSON has it.
        let fromJSON = StepErrorKind.parse(try? parseJSON(js(row.response)))
        #expect(fromJSON.kind == row.kind && fromJSON.code == row.code)
    }

    /// The prefix removal is skipped because it can never change the result.
    @Test(arguments: stepCardRows)
    func prefixChangesNothing(_ row: StepCardRow) {
        for prefix in ["FAILED: ", "failed:\n\t ", "FAILED:"] {
            let card = StepErrorKind.parse(prefix + row.response)
            #expect(card.kind == row.kind && card.code == row.code, "\(prefix.debugDescription)")
        }
    }

    @Test(arguments: ["5", "504", "true", "null", "[\"504\"]", "{\"r\":\"504\"}", "\"\""])
    func nonStringOrEmptyResponseIsOther(_ raw: String) throws {
        let card = StepErrorKind.parse(try parseJSON(raw))
        #expect(card.kind == .other && card.code == "")
        let t = try session([userMsg("a"), runStart("R1"), stepDone(1, #""error":true,"response":"# + raw)])
        #expect(t.outcome.failedSteps.map(\.kind) == [.other])
        #expect(t.outcome.failedSteps.map(\.code) == [""])
        #expect(StepErrorKind.parse(nil) == (.other, ""))
    }

    @Test func summariesAreTheStepCards() {
        #expect(StepErrorKind.allCases.map(\.summary) == [
            "Gateway timeout — the backend query took too long", "Bad gateway — upstream service unavailable",
            "Endpoint not found — data source may need rediscovery", "Authentication failed",
            "Rate limited — too many requests", "Agent call failed",
        ])
    }

    /// Every row, and thousands of random strings built from the pieces that
    /// separate engines, against the frontend's regexes run by node itself
    /// (tools/stepcard.mjs). Skipped when node is not installed.
    @Test func agreesWithNode() throws {
        guard let node = NodeRunner.find() else { return }
        var inputs = stepCardRows.map(\.response)
        var rng = SeededGenerator(state: 17)
        for _ in 0..<4000 {
            inputs.append((0..<Int(rng.next() % 9)).map { _ in stepCardPieces[Int(rng.next() % UInt64(stepCardPieces.count))] }.joined())
        }
        let expected = try NodeRunner.classify(inputs, node: node)
        #expect(expected.count == inputs.count)
        var mismatches = 0
        for (input, want) in zip(inputs, expected) {
            let got = StepErrorKind.parse(input)
            if got.kind.rawValue != want.0 || got.code != want.1 {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(input.debugDescription): \(got) but JavaScript says \(want)") }
            }
        }
        #expect(mismatches == 0)
    }
}

let stepCardPieces = [
    "504", "50", "4", "0", "\u{301}", "gateway", "timeout", "Gateway", "TIMEOUT", "t\u{130}meout", "\u{17F}", "\u{131}",
    "endpoint", "ENDPOINT", "not", "exist", "found", "\n", "\r", "\r\n", "\u{2028}", "\u{2029}", "\u{85}", "[", "]",
    "[]", "FAILED:", "failed: ", "x", " ", "  ", "\t", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}",
    "\u{202F}", "\u{205F}", "\u{3000}", "\u{180E}", "\u{B}", "\u{C}", "403", "401", "40", "unauthorized",
    "forbidden", "Throttl", "rate", "limit", "Rate", "429", "42", "bad", "502", "\u{212A}", "é", "\"", "\\", "d",
]

/// A small deterministic generator (the rows must not change between runs).
enum NodeRunner {
    static func find() -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("node")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/stepcard.mjs")
    }

    static func classify(_ inputs: [String], node: URL) throws -> [(String, String)] {
        let process = Process()
        process.executableURL = node
        process.arguments = [script.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let data = try JSONSerialization.data(withJSONObject: inputs)
        // Write on another thread: the child's output pipe may fill first.
        let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
        writer.start()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let rows = try JSONSerialization.jsonObject(with: result) as? [[String]] else {
            throw TestFailure("node's output is not a list of pairs")
        }
        return rows.map { ($0[0], $0[1]) }
    }
}
