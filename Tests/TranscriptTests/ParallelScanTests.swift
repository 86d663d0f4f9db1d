import Testing
@testable import Transcript

/// The first pass on several threads must find exactly what one thread finds:
/// the same documents, locations, headers and problems, in the same order.
@Suite struct ParallelScanTests {
    static func describe(_ r: ExportScanner.Result) -> [String] {
        ["shape \(r.shape)"]
            + r.documents.map { d in
                "\(d.location) len \(d.length) id \(d.header.id ?? "-") type \(d.header.docType ?? "-") listing \(d.inListing) object \(d.header.isObject)"
            }
            + r.problems.map { "\($0.severity): \($0)" }
    }

    static func compare(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let one = ExportScanner(maxDocumentSize: 300).scan(bytes, name: "t", fileIndex: 0)
        for jobs in 2...7 {
            let many = ExportScanner(maxDocumentSize: 300, jobs: jobs, parallelThreshold: 0).scan(bytes, name: "t", fileIndex: 0)
            #expect(describe(many) == describe(one), "jobs \(jobs)", sourceLocation: sourceLocation)
        }
    }

    static func doc(_ i: Int, pretty: Bool = false) -> String {
        let nested = #"[{"event":"step_complete","data":"{\"a\":[{\"b\":1},\n{\"c\":2}]}"}, {"event":"x"}]"#
        if pretty {
            return "  {\n    \"id\": \"s\(i)\",\n    \"event_log\": [\n      {\n        \"event\": \"a\"\n      },\n      {\n        \"event\": \"b\"\n      }\n    ]\n  }"
        }
        return #"{"id":"s\#(i)","_docType":"session","event_log":\#(nested)}"#
    }

    @Test(arguments: [1, 2, 3, 10, 41])
    func oneDocumentPerLine(_ count: Int) {
        Self.compare("[\n" + (0..<count).map { Self.doc($0) }.joined(separator: ",\n") + "\n]\n")
    }

    @Test(arguments: [1, 2, 9, 33])
    func prettyPrintedArraysWithNestedObjectLists(_ count: Int) {
        // "},\n      {" inside documents looks like an element boundary at the wrong depth.
        Self.compare("[\n" + (0..<count).map { Self.doc($0, pretty: true) }.joined(separator: ",\n") + "\n]")
    }

    @Test func compactArrayOnOneLine() {
        Self.compare("[" + (0..<20).map { Self.doc($0) }.joined(separator: ",") + "]")
    }

    static func docs(_ range: Range<Int>) -> String {
        range.map { doc($0) }.joined(separator: ",\n")
    }

    static let brokenArrayCases: [String] = {
        var cases: [String] = []
        // Broken in the first, middle and last part; wrong separators; trailing garbage.
        cases.append("[\n" + docs(0..<12) + ",\n{\"id\":\"cut")
        cases.append("[\n" + docs(0..<6) + ",\n{\"id\":tru},\n" + docs(6..<12) + "\n]")
        cases.append("[\n" + docs(0..<6) + "\n;\n" + docs(6..<12) + "\n]")
        cases.append("[\n" + docs(0..<12) + "\n] trailing")
        cases.append("[\n" + docs(0..<12))
        // Over the 300-byte limit in the middle: skipped with a problem, indexes go on.
        let big = "{\"id\":\"big\",\"pad\":\"" + String(repeating: "x", count: 400) + "\"}"
        cases.append("[\n" + docs(0..<6) + ",\n" + big + ",\n" + docs(6..<12) + "\n]")
        // Escaped newlines in strings; commas and braces at line ends inside documents.
        let quoted: [String] = (0..<12).map { i in "{\"id\":\"q\(i)\",\"t\":\"a,\\n{b},\\n{\"}" }
        cases.append("[\n" + quoted.joined(separator: ",\n") + "\n]")
        let nested: [String] = (0..<12).map { i in "{\"id\":\"n\(i)\",\"v\":[1,\n2,\n{\"x\":{}},\n{}]}" }
        cases.append("[\n" + nested.joined(separator: ",\n") + "\n]")
        return cases
    }()

    @Test(arguments: brokenArrayCases)
    func brokenArrays(_ text: String) {
        Self.compare(text)
    }

    static let jsonLinesCases: [String] = {
        let lines: [String] = (0..<30).map { doc($0) }
        var cases: [String] = []
        cases.append(lines.joined(separator: "\n") + "\n")
        cases.append(lines.joined(separator: "\n\n\n"))
        cases.append(lines.enumerated().map { $0.offset % 7 == 3 ? "{\"id\":broken" : $0.element }.joined(separator: "\n"))
        cases.append(lines.enumerated().map { $0.offset % 5 == 1 ? $0.element + " extra" : $0.element }.joined(separator: "\r\n"))
        let big = "{\"id\":\"big\",\"p\":\"" + String(repeating: "y", count: 500) + "\"}"
        cases.append(lines.enumerated().map { $0.offset == 12 ? big : $0.element }.joined(separator: "\n"))
        return cases
    }()

    @Test(arguments: jsonLinesCases)
    func jsonLines(_ text: String) {
        Self.compare(text)
    }
}
