import Foundation
import Testing

@Suite("--format brief and --format pdf")
struct BriefAndPDFTests {
    /// The largest example session (a completed run with a long final answer and folded steps).
    static let session = "8f448893-3181-4528-ac00-c154e5422775"

    @Test func standardOutputGetsOneBrief() throws {
        let r = try CLI.run(["render", "examples", "--session", Self.session, "--format", "brief", "-o", "-"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("# "))
        #expect(r.out.contains("**Outcome:** "))
        #expect(r.out.contains("**Reason:** "))
        #expect(r.out.utf8.count <= 16 * 1024)
        #expect(r.out.components(separatedBy: "**Outcome:** ").count == 2, "one brief")
    }

    @Test func aFolderGetsABriefBesideTheReportsItNames() throws {
        let out = CLI.tempDir()
        let r = try CLI.run(["render", "examples", "--format", "md,brief", "--brief-limit", "4096", "-o", out.path])
        #expect(r.code == 0, "\(r.err)")
        let briefs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".brief.md") }
        #expect(briefs.count == 7)
        for b in briefs {
            let text = try String(contentsOf: out.appendingPathComponent(b), encoding: .utf8)
            #expect(text.utf8.count <= 4096, "\(b)")
            let base = String(b.dropLast(".brief.md".count))
            #expect(text.contains("- `\(base).md`"), "\(b) does not name its report")
        }
    }

    @Test(arguments: ["100", "2047", "-1", "99999999999"])
    func aBriefLimitOutOfRangeIsAUsageError(limit: String) throws {
        let r = try CLI.run(["render", "examples", "--format", "brief", "--brief-limit", limit, "-o", CLI.tempDir().path])
        #expect(r.code != 0)
        #expect(r.err.contains("--brief-limit"), "\(r.err)")
    }

    /// Without Chromium the other formats are still written: one error naming the package, exit status 1.
    @Test func missingChromiumIsOneClearError() throws {
        let out = CLI.tempDir()
        let r = try CLI.run(["render", "examples", "--session", Self.session, "--format", "md,pdf", "--chromium", "/nonexistent", "-o", out.path])
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.components(separatedBy: "error:").count == 2, "\(r.err)")
        #expect(r.err.contains("Debian package 'chromium'"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains("\(Self.session).md"))
        #expect(!files.contains { $0.hasSuffix(".pdf") })
        let alone = try CLI.run(["render", "examples", "--format", "pdf", "--chromium", "/nonexistent", "-o", CLI.tempDir().path])
        #expect(alone.code == 2)
        #expect(alone.err.contains("nothing was read or written"))
    }

    /// A Chromium that fails: that session's PDF is an error, its other reports are written.
    @Test func aFailingChromiumLosesOnlyThePDF() throws {
        let out = CLI.tempDir()
        let r = try CLI.run(["render", "examples", "--session", Self.session, "--format", "md,pdf", "--chromium", "/bin/false", "-o", out.path])
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains("PDF not written: /bin/false exited with status 1"), "\(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains("\(Self.session).md"))
        #expect(!files.contains { $0.hasSuffix(".pdf") || $0.hasPrefix(".noc-report-tmp-") })
    }

    /// Chromium stamps the print time into the PDF; the tool pins it to the
    /// session's creation time, so two runs give the same bytes.
    @Test func theSamePDFTwiceIsTheSameBytes() throws {
        guard which("chromium") != nil else {
            Issue.record("chromium not installed (apt-get install chromium, or make test-deps): PDF not tested")
            return
        }
        let a = CLI.tempDir(), b = CLI.tempDir()
        for out in [a, b] {
            let r = try CLI.run(["render", "examples", "--session", Self.session, "--format", "pdf", "-o", out.path])
            #expect(r.code == 0, "\(r.err)")
            if out == a { Thread.sleep(forTimeInterval: 1.1) }
        }
        let x = try Data(contentsOf: a.appendingPathComponent("\(Self.session).pdf"))
        let y = try Data(contentsOf: b.appendingPathComponent("\(Self.session).pdf"))
        #expect(x == y, "the PDF differs between runs")
        #expect(String(decoding: x, as: UTF8.self).contains("/CreationDate (D:20"))
    }

    /// The PDF holds every step's query and the whole final diagnosis (text by pdftotext).
    @Test func thePDFPrintsEveryStepInFull() throws {
        guard which("chromium") != nil, which("pdftotext") != nil else {
            Issue.record("chromium or pdftotext not installed (apt-get install chromium poppler-utils, or make test-deps): PDF not tested")
            return
        }
        let out = CLI.tempDir()
        let r = try CLI.run(["render", "examples", "--session", Self.session, "--format", "html,json,pdf", "-o", out.path])
        #expect(r.code == 0, "\(r.err)")
        let pdf = out.appendingPathComponent("\(Self.session).pdf").path
        guard let text = try runTool("pdftotext", ["-layout", pdf, "-"])?.stdout else { return }
        let json = try Data(contentsOf: out.appendingPathComponent("\(Self.session).json"))
        let (queries, diagnosis) = try PrintedText.queriesAndDiagnosis(json)
        #expect(queries.count >= 5)
        let printed = PrintedText.letters(PrintedText.withoutMargins(text))
        for q in queries { #expect(printed.contains(PrintedText.letters(q)), "query not printed: \(q.prefix(80))") }
        let nodes = try PrintedText.markdownText(diagnosis)
        #expect(nodes.count > 20)
        // Every text of the diagnosis, in order (list numbers may come between).
        var rest = printed[...]
        for node in nodes.map(PrintedText.letters) where !node.isEmpty {
            guard let r = rest.range(of: node) else {
                Issue.record("the final diagnosis is not printed whole: \(node.prefix(80)) missing")
                break
            }
            rest = rest[r.upperBound...]
        }
        #expect(!text.contains("Folded in the HTML view"))
        #expect(!text.contains("All investigations"))
        #expect(text.contains("Page 1 of"))
    }
}

/// Text compared as printed: letters and digits only (line wrapping,
/// hyphenation and list markers do not count), compatibility-normalised.
enum PrintedText {
    static func letters(_ s: String) -> String {
        String(s.precomposedStringWithCompatibilityMapping.unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }.map(Character.init))
    }

    /// Every step query and the last diagnosis of a transcript JSON.
    static func queriesAndDiagnosis(_ json: Data) throws -> ([String], String) {
        guard let root = try JSONSerialization.jsonObject(with: json) as? [String: Any],
              let messages = root["messages"] as? [[String: Any]] else { throw TestFailure("not a transcript") }
        var queries: [String] = [], diagnosis = ""
        for m in messages where m["role"] as? String == "orchestrator" {
            for s in m["steps"] as? [[String: Any]] ?? [] { if let q = s["query"] as? String { queries.append(q) } }
            if let d = m["diagnosis"] as? String { diagnosis = d }
        }
        return (queries, diagnosis)
    }

    /// pdftotext's text without the page margins (the title at the top,
    /// "Page N of M" at the bottom), which fall between any two lines.
    static func withoutMargins(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let title = lines.first { !$0.isEmpty && !$0.hasPrefix("\u{0C}") } ?? ""
        return lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{0C}")) }
            .filter { $0 != title && $0.range(of: #"^Page [0-9]+ of [0-9]+$"#, options: .regularExpression) == nil }
            .joined(separator: "\n")
    }

    /// The text a reader sees of Markdown: cmark's text and code nodes, in order.
    static func markdownText(_ md: String) throws -> [String] {
        guard let xml = try runTool("cmark", ["--to", "xml"], stdin: md)?.stdout else { throw TestFailure("cmark not installed") }
        let node = try NSRegularExpression(pattern: "<(text|code)[^>]*>([^<]*)</")
        var out: [String] = []
        for match in node.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
            guard let r = Range(match.range(at: 2), in: xml) else { continue }
            out.append(xml[r].replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&"))
        }
        return out
    }
}
