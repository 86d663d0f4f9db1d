import Foundation
import Testing
@testable import Render
import Transcript

/// Paths in the source tree (golden files are read and re-recorded there).
enum Paths {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = testsDir.appendingPathComponent("Golden")
    static let repo = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repo.appendingPathComponent("templates")
    static let examples = repo.appendingPathComponent("examples/noc-export.json")
}

/// The golden cases: `Golden/<case>.input.json` in, `<case>.md` and `<case>.html` out.
enum Cases {
    static let names = indexed + ["lost-log", "followup-failed", "lastturn-unanswered"]
    /// The cases of the index golden files (its pages hold four sessions each).
    static let indexed = ["completed", "failed-interrupted", "cancelled", "hostile", "v2-partial",
                          "legacy-completed-with-errors", "interaction"]

    /// Small tables in the fixtures still show the "more rows" line.
    static let options = RenderOptions(timeZone: .utc, maxTableRows: 3, stamp: nil, indexFileName: "index.html")

    static func transcript(_ name: String) throws -> Transcript {
        let url = Paths.golden.appendingPathComponent("\(name).input.json")
        let bytes = try [UInt8](Data(contentsOf: url))
        let tape = try JSONTape.parse(bytes)
        let root = tape.root
        let kind: DocumentKind = root["_docType"]?.string == "interaction" ? .interaction : .session
        var input = SessionInput(document: root, kind: kind,
                                 source: SourceLocation(file: "fixture.json", documentIndex: 0, byteOffset: 0))
        // A "__GAP__" string in event_log stands for a missing chunk (FORMAT.md §6).
        if let log = root["event_log"], log.elements.contains(where: { $0.string == "__GAP__" }) {
            input.chunkedLog = log.elements.map { $0.string == "__GAP__" ? .gap(missingChunks: [1]) : .event($0) }
            input.missingChunks = [1]
            input.warnings.append(.init(.missingChunks, "chunk 1 of 3 is missing from the input: the transcript is partial"))
        }
        return Replay.run(input)
    }

    static func model(_ name: String, options: RenderOptions = options) throws -> ReportModel {
        ReportBuilder.build(try transcript(name), name: name, options: options)
    }
}

/// Byte-for-byte comparison with a file under Golden/; `NOC_RECORD=1`
/// rewrites the file instead.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["NOC_RECORD"] == "1" }

    static func check(_ actual: String, _ file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = Paths.golden.appendingPathComponent(file)
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file Golden/\(file): run with NOC_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            Issue.record("Golden/\(file) differs: \(firstDifference(expected, actual)); NOC_RECORD=1 re-records",
                         sourceLocation: sourceLocation)
        }
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? String(la[i]) : "<end>"
            let y = i < lb.count ? String(lb[i]) : "<end>"
            if x != y { return "line \(i + 1): expected \(x.prefix(160).debugDescription), got \(y.prefix(160).debugDescription)" }
        }
        return "same lines, different bytes"
    }
}
