import Foundation
import Testing
@testable import Render

/// Hostile user templates (issue: recursive partials, cross-format partials,
/// huge templates): refused at load with the file and line, never a crash.
@Suite struct TemplateLimitTests {
    static func loadError(_ files: [String: String]) throws -> (TemplateError?, TempDir) {
        let dir = try TempDir()
        for (name, text) in files { try dir.write(name, text) }
        do {
            _ = try Templates.loading(overridesFrom: dir.path)
            return (nil, dir)
        } catch {
            return (error, dir)
        }
    }

    @Test func partialsThatIncludeEachOtherAreRefusedWithFileAndLine() throws {
        let (error, dir) = try Self.loadError([
            "report.html.mustache": "<p>\n{{> a.html}}\n",
            "a.html.mustache": "a\n{{#turns}}\n  {{> b.html}}\n{{/turns}}\n",
            "b.html.mustache": "b\n\n{{> a.html}}\n",
        ])
        guard case let .partialCycle(file, line, chain)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(file == dir.path + "/b.html.mustache" || file == dir.path + "/a.html.mustache")
        #expect(chain.first == chain.last)
        #expect(file.hasSuffix("b.html.mustache") ? line == 3 : line == 3)
        #expect(error?.description.contains("partials include each other") == true)
    }

    @Test func aPartialIncludingItselfIsRefused() throws {
        let (error, dir) = try Self.loadError(["report.md.mustache": "x\n{{#entries}}{{> report.md}}{{/entries}}\n"])
        #expect(error == .partialCycle(file: dir.path + "/report.md.mustache", line: 2, chain: ["report.md", "report.md"]))
    }

    @Test func aLongChainOfPartialsIsRefused() throws {
        var files: [String: String] = ["report.html.mustache": "{{> p0.html}}"]
        for i in 0..<200 { files["p\(i).html.mustache"] = "\(i) {{> p\(i + 1).html}}" }
        let (error, _) = try Self.loadError(files)
        guard case let .partialsTooDeep(_, line, chain, limit)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(line == 1 && limit == PartialGraph.maxDepth && chain.count > limit)
    }

    @Test func deeplyNestedSectionsAreASyntaxErrorNotACrash() throws {
        let text = String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000)
        let (error, _) = try Self.loadError(["report.html.mustache": text])
        guard case let .syntax(_, line, _, _, reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(line == 1 && reason.contains("nest deeper"))
    }

    @Test func aMarkdownPartialInAnHTMLTemplateIsRefused() throws {
        let (error, dir) = try Self.loadError([
            "report.html.mustache": "<html>\n<body>\n{{> notes.md}}\n</body>\n",
            "notes.md.mustache": "{{alert}} {{title}}\n",
        ])
        #expect(error == .crossFormatPartial(file: dir.path + "/report.html.mustache", line: 3, partial: "notes.md", templateIsHTML: true))
        #expect(error?.description.contains("cannot include the Markdown partial") == true)
    }

    @Test func anHTMLPartialInAMarkdownTemplateIsRefused() throws {
        let (error, _) = try Self.loadError(["report.md.mustache": "# x\n{{> styles.html}}\n"])
        guard case .crossFormatPartial(_, 2, "styles.html", false)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func anHTMLPartialWithoutSuffixRendersEscapedInAnHTMLTemplate() throws {
        let templates = try Templates(sources: ["report.html": "<b>{{> notes}}</b>", "notes": "{{{alert}}}"])
        #expect(templates.render(["alert": .dual(markdown: "md", html: "<img onerror=x>")], template: "report.html")
                == "<b>&lt;img onerror=x&gt;</b>")
    }

    @Test func aTemplateOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let dir = try TempDir()
        let path = dir.path + "/report.html.mustache"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 << 20) // 100 MiB, sparse
        try handle.close()
        #expect(throws: TemplateError.tooLarge(file: path, bytes: 100 << 20, limit: Templates.maxTemplateBytes)) {
            try Templates.loading(overridesFrom: dir.path)
        }
        let message = TemplateError.tooLarge(file: path, bytes: 100 << 20, limit: Templates.maxTemplateBytes).description
        #expect(message.hasSuffix("the template is 104857600 bytes; templates may be at most 1048576 bytes (1 MiB)"))
    }

    @Test func templatesTogetherOverTheTotalLimitAreRefused() throws {
        var sources: [String: String] = [:]
        let big = String(repeating: "x", count: Templates.maxTemplateBytes)
        for i in 0..<5 { sources["p\(i).html"] = big }
        #expect(throws: TemplateError.self) { try Templates(sources: sources) }
    }

    @Test func theBuiltInTemplatesPassTheChecks() throws {
        let templates = try Templates(sources: EmbeddedTemplates.all)
        #expect(templates.names.count == EmbeddedTemplates.all.count)
    }
}
