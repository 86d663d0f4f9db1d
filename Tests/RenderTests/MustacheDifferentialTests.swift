import Testing
@testable import Render
import Transcript

/// The project's template engine against swift-mustache: equal output, but
/// for the differences docs/templates.md lists (accounted for in
/// `MustacheReference` and `RandomTemplates`).
@Suite struct MustacheDifferentialTests {
    static let cases = 300

    /// Random templates (partials, sections, inverted sections, comments,
    /// dotted and anchored names, `{{{ }}}`/`{{& }}`, standalone lines) over
    /// random contexts, seeded: every run draws the same cases.
    @Test(arguments: [false, true])
    func randomTemplatesRenderAsSwiftMustacheDoes(html: Bool) throws {
        var differences: [String] = []
        for seed in 0..<UInt64(Self.cases) {
            var gen = RandomTemplates(rng: SeededGenerator(state: seed &* 7919 &+ (html ? 1 : 0)), html: html)
            let ext = html ? "" : ".md"
            // Partial i may include only partials after it: no cycles.
            let count = Int.random(in: 0...2, using: &gen.rng)
            let names = (0..<count).map { "p\($0)\(ext)" }
            var sources: [String: String] = [:]
            gen.crlf = false
            for (i, name) in names.enumerated() {
                // A partial may be included inside an inverted section (difference 4).
                sources[name] = gen.template(partials: Array(names[(i + 1)...]), inverted: true)
            }
            gen.crlf = true
            let main = "t\(html ? ".html" : ".md")"
            sources[main] = gen.template(partials: names)
            let context = gen.context()
            let ours = try Templates(sources: sources).render(context, template: main)
            let theirs = MustacheReference.render(sources: sources, template: main, context: context, html: html)
            if theirs != .output(ours) {
                differences.append("seed \(seed): \(sources)\n  context: \(context)\n  ours:   \(String(reflecting: ours))\n  theirs: \(theirs)")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) of \(Self.cases) differ; first: \(differences.first ?? "")")
    }

    /// The built-in templates, as the binary holds them.
    static var builtInSources: [String: String] {
        Dictionary(uniqueKeysWithValues: Templates.embedded.names.compactMap { name in
            Templates.embedded.source(named: name).map { (name, $0) }
        })
    }

    /// Every built-in template, over the contexts of the bundled examples and
    /// of the golden cases, renders as swift-mustache renders it.
    @Test func builtInTemplatesOverTheExamples() throws {
        let sources = Self.builtInSources
        #expect(sources.keys.contains("report.html") && sources.keys.contains("turn.md"))
        let models = try ExampleTests.models() + Cases.names.map { try Cases.model($0) }
        for model in models {
            for flavor in [TemplateEncoder.Flavor.markdown, .html, .both] {
                let context = ReportContext(e: TemplateEncoder(flavor: flavor)).build(model)
                for template in ["report.md", "report.html"] {
                    let html = template.hasSuffix(".html")
                    if flavor == .markdown && html || flavor == .html && !html { continue }
                    let ours = String(decoding: Templates.embedded.renderBytes(context, template: template), as: UTF8.self)
                    #expect(ours.utf8.count > 1000, "\(model.name) \(template) renders a page")
                    let theirs = MustacheReference.render(sources: sources, template: template, context: context, html: html)
                    #expect(theirs == .output(ours), "\(model.name) \(template) (\(flavor))")
                }
            }
        }
    }

    @Test func builtInIndexTemplatesOverTheExamples() throws {
        let entries = try ExampleTests.models().map(IndexEntry.init).sorted(by: IndexEntry.newestFirst)
        let totals = IndexTotals(entries)
        let chart = ArchiveChart(entries, zone: ArchiveChart.zone(of: entries))
        let info = IndexPage(number: 1, count: 1, first: 1, entries: entries, total: entries.count)
        for (flavor, ext) in [(TemplateEncoder.Flavor.markdown, "md"), (.html, "html")] {
            let context = IndexPageContext(e: TemplateEncoder(flavor: flavor), ext: ext, chart: chart)
                .build(info, totals: totals, context: IndexContext())
            let ours = String(decoding: Templates.embedded.renderBytes(context, template: "index.\(ext)"), as: UTF8.self)
            let theirs = MustacheReference.render(sources: Self.builtInSources, template: "index.\(ext)", context: context, html: ext == "html")
            #expect(theirs == .output(ours), "index.\(ext)")
        }
    }

    /// Difference 1, shown: `{{{ }}}` over plain text escapes it in HTML
    /// (swift-mustache pastes it); over markup both paste.
    @Test func unescapedTagsPasteOnlyMarkupInHTML() throws {
        let context: TemplateObject = ["t": "<b>", "m": .html(SafeHTML(trustedUTF8: Array("<i>".utf8)))]
        let sources = ["t.html": "{{{t}}}|{{&t}}|{{{m}}}"]
        #expect(try Templates(sources: sources).render(context, template: "t.html") == "&lt;b&gt;|&lt;b&gt;|<i>")
        #expect(MustacheReference.render(sources: sources, template: "t.html", context: context, html: true) == .output("<b>|<b>|<i>"))
    }

    /// Difference 4, shown: an inverted section does not change the current
    /// value (the Mustache spec); swift-mustache makes the empty list current.
    @Test func anInvertedSectionKeepsTheCurrentValue() throws {
        let context: TemplateObject = ["a": "A", "none": []]
        let sources = ["t.md": "{{^none}}[{{.a}}]{{/none}}"]
        #expect(try Templates(sources: sources).render(context, template: "t.md") == "[A]")
        #expect(MustacheReference.render(sources: sources, template: "t.md", context: context, html: false) == .output("[]"))
    }

    /// Difference 3, shown: a standalone partial's indentation goes before
    /// every line of it, after a CRLF too (swift-mustache compares Swift
    /// Characters, and "\r\n" is one Character that is not "\n").
    @Test func anIndentedPartialIsIndentedAfterCRLFToo() throws {
        let sources = ["t.md": "  {{> p.md}}\n", "p.md": "a\r\nb\nc\n"]
        #expect(try Templates(sources: sources).render([:], template: "t.md") == "  a\r\n  b\n  c\n")
        #expect(MustacheReference.render(sources: sources, template: "t.md", context: [:], html: false) == .output("  a\r\nb\n  c\n"))
    }
}
