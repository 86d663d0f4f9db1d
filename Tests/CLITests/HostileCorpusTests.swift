import Foundation
import Testing

/// The whole binary against a hostile export folder: it must render every
/// good session, skip the broken documents saying where they are, write
/// nothing outside `-o`, and produce HTML that runs and loads nothing and
/// Markdown whose outline the payloads cannot change.
@Suite("noc-report render on a hostile export")
struct HostileCorpusTests {
    struct Run: Sendable {
        let root: URL
        let out: URL
        let export: HostileExport
        let result: (code: Int32, out: String, err: String)
    }

    /// Rendered once, checked by every test.
    static let shared = Result { try renderOnce() }
    static func render() throws -> Run { try shared.get() }

    static func renderOnce() throws -> Run {
        let root = CLI.tempDir()
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let export = try HostileExport.write(to: input)
        let out = root.appendingPathComponent("out")
        let result = try CLI.run(["render", input.path, "-o", out.path, "--jobs", "2"])
        return Run(root: root, out: out, export: export, result: result)
    }

    func files(_ run: Run, _ suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: run.out.path).filter { $0.hasSuffix(suffix) }.sorted()
            .map { run.out.appendingPathComponent($0) }
    }

    @Test func everyGoodSessionIsRenderedAndEveryBrokenDocumentNamed() throws {
        let run = try Self.render()
        #expect(run.result.code == 1, "some documents could not be read, the rest were rendered: \(run.result.err)")
        let reports = try files(run, ".json").filter { $0.lastPathComponent != "index.json" }
        var ids = Set<String>()
        for url in reports {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            ids.insert(try #require(object?["id"] as? String, "\(url.lastPathComponent)"))
        }
        #expect(ids == run.export.expectedIDs)
        #expect(try files(run, ".md").count == reports.count + 1)
        #expect(try files(run, ".html").count == reports.count + 1)
        for (file, mention) in run.export.broken {
            #expect(run.result.err.split(separator: "\n").contains { $0.contains(file) && $0.contains(mention) }, "\(file) \(mention)")
        }
        #expect(run.result.err.contains("\(run.export.expectedIDs.count) rendered"))
        #expect(!run.result.err.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x202E },
                "session text on stderr must not drive the terminal")
    }

    @Test func validateNamesEveryBrokenDocumentAndPrintsNoControlCharacters() throws {
        let run = try Self.render()
        let input = run.root.appendingPathComponent("in").path
        let json = try CLI.run(["validate", input, "--json"])
        #expect(json.code == 1)
        let problems = try json.out.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let errors = problems.filter { $0["severity"] as? String == "error" }
            .map { "\(($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } ?? "") \($0["line"] as? Int ?? -1) \($0["code"] ?? "")" }
        #expect(errors.sorted() == ["binary.json -1 invalid_json", "hostile.jsonl 21 invalid_utf8", "hostile.jsonl 3 truncated",
                                    "hostile.jsonl 5 missing_id", "hostile.jsonl 7 too_deep", "hostile.jsonl 9 not_an_object",
                                    "mixed.json -1 missing_chunks", "mixed.json -1 orphan_chunks", "truncated.json -1 truncated"])
        let text = try CLI.run(["validate", input])
        #expect(text.code == 1)
        #expect(!(text.out + text.err).unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x202E || (0x7F..<0xA0).contains($0.value) })
    }

    @Test func nothingIsWrittenOutsideTheOutputFolder() throws {
        let run = try Self.render()
        let walker = FileManager.default.enumerator(atPath: run.root.path)
        var outside: [String] = []
        while let path = walker?.nextObject() as? String {
            if path == "in" || path == "out" || path.hasPrefix("in/") { continue }
            guard path.hasPrefix("out/") else { outside.append(path); continue }
            let name = String(path.dropFirst(4))
            #expect(!name.contains("/"), "a folder inside the output: \(path)")
            #expect(name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*\.(md|html|json)$"#, options: .regularExpression) != nil, "\(name)")
        }
        #expect(outside.isEmpty, "\(outside)")
    }

    @Test func theHTMLRunsAndLoadsNothing() throws {
        let run = try Self.render()
        var sawSafeLink = false
        for url in try files(run, ".html") {
            let html = try String(contentsOf: url, encoding: .utf8)
            let name = url.lastPathComponent
            try HTMLSafety.check(html, name: name)
            let lower = html.lowercased()
            // Inline SVG (the index charts) is allowed: HTMLSafety admits only its shapes and text, never a link.
            for bad in ["<script", "<img", "<iframe", "<form", "<input", "<base", "<object", "<embed"] {
                #expect(!lower.contains(bad), "\(name): \(bad)")
            }
            for tag in try HTMLSafety.scan(html, name: name) {
                for (attr, value) in tag.attributes {
                    #expect(!attr.hasPrefix("on") && !["src", "srcset", "style", "action", "formaction"].contains(attr), "\(name): \(attr)= on <\(tag.name)>")
                    let v = HTMLSafety.decodeEntities(value).lowercased().filter { !$0.isWhitespace }
                    #expect(!v.contains("javascript:") && !v.contains("vbscript:"), "\(name): \(attr)=\(value)")
                    if v.hasPrefix("data:") { #expect(tag.name == "link" && v == "data:,", "\(name): \(attr)=\(value)") }
                    if attr == "href" && v.hasPrefix("https://example.org/ok") { sawSafeLink = true }
                }
            }
            // Text the browser would reject or show as a different order.
            #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value) },
                    "\(name): a control character")
        }
        #expect(sawSafeLink, "plain https links stay links")
    }

    @Test func theMarkdownKeepsItsOutline() throws {
        let run = try Self.render()
        for url in try files(run, ".md") {
            let md = try String(contentsOf: url, encoding: .utf8)
            guard let outline = try MarkdownOutline.parse(md) else {
                Issue.record("cmark is not installed: the Markdown outline was not checked")
                return
            }
            #expect(!md.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value) },
                    "\(url.lastPathComponent): a control character would reach the terminal")
            if url.lastPathComponent.hasPrefix("index") {
                #expect(outline.rawHTMLNodes == 0, "index.md has raw HTML")
                #expect(outline.headings.filter { $0.level == 1 }.count == 1, "index.md: one title")
            } else {
                try outline.checkReportShape(name: url.lastPathComponent)
            }
        }
    }
}
