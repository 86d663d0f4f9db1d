import Foundation
import Testing
@testable import Render

/// Escaping decided by a value's type, never by its name or the tag: plain
/// text is escaped by the template's content type for its format and its
/// position; markup is pasted only by a template of its own format.
@Suite struct EscapingByTypeTests {
    static let tags = ["{{x}}", "{{{x}}}", "{{& x}}"]

    static func render(_ value: TemplateValue, _ template: String, name: String) throws -> String {
        try Templates(sources: [name: template]).render(["x": value], template: name)
    }

    @Test(arguments: [
        // (plain value, written by an HTML template, written by a Markdown template)
        (TemplateValue.text("<b>*x*</b> & _y_ | `z`"),
         "&lt;b&gt;*x*&lt;/b&gt; &amp; _y_ | `z`", "\\<b\\>\\*x\\*\\</b\\> \\& \\_y\\_ \\| \\`z\\`"),
        (.text("# not a heading"), "# not a heading", "\\# not a heading"),
        (.text("1. not a list"), "1. not a list", "1\\. not a list"),
        (.text("two\nlines  [a](b)"), "two\nlines  [a](b)", "two lines \\[a\\](b)"),
        (.text("dispatch_field"), "dispatch_field", "dispatch_field"),
        (.code("a|b`c'"), "a|b`c&#39;", "``a|b`c'``"),
        (.tableCode("a|b<"), "a|b&lt;", "`a\\|b<`"),
        (.block("x\n```\n<y>"), "x\n```\n&lt;y&gt;", "````\nx\n```\n<y>\n````"),
        (.jsonBlock("{\"a\":\"<\"}"), "{&quot;a&quot;:&quot;&lt;&quot;}", "```json\n{\"a\":\"<\"}\n```"),
        (.link(LinkTarget(accepted: "https://x.test/a?b=1&c=<d>")),
         "https://x.test/a?b=1&amp;c=%3Cd%3E", "https://x.test/a?b=1&c=%3Cd%3E"),
    ])
    func plainTextIsEscapedForEachFormatAndPositionWhateverTheTag(_ value: TemplateValue, _ html: String, _ markdown: String) throws {
        for tag in Self.tags {
            #expect(try Self.render(value, tag, name: "t.html") == html, "\(tag) in HTML")
            #expect(try Self.render(value, tag, name: "t.md") == markdown, "\(tag) in Markdown")
        }
    }

    @Test(arguments: [
        // (markup, template, output): pasted only by its own format's unescaped tags.
        (TemplateValue.html(SafeHTML(trustedUTF8: Array("<i>m</i>".utf8))), "{{{x}}}|{{&x}}|{{x}}", "t.html",
         "<i>m</i>|<i>m</i>|&lt;i&gt;m&lt;/i&gt;"),
        (.html(SafeHTML(trustedUTF8: Array("<i>m</i>".utf8))), "{{{x}}}|{{&x}}|{{x}}", "t.md",
         "\\<i\\>m\\</i\\>|\\<i\\>m\\</i\\>|\\<i\\>m\\</i\\>"),
        (.markdown(SafeMarkdown(trusted: "*m* <b>")), "{{{x}}}|{{&x}}|{{x}}", "t.md",
         "*m* <b>|*m* <b>|*m* <b>"),
        (.markdown(SafeMarkdown(trusted: "*m* <b>")), "{{{x}}}|{{&x}}|{{x}}", "t.html",
         "*m* &lt;b&gt;|*m* &lt;b&gt;|*m* &lt;b&gt;"),
        (.markdown(.indentation(2)), "[{{{x}}}]", "t.md", "[    ]"),
    ])
    func markupPastesOnlyInItsOwnFormat(_ value: TemplateValue, _ template: String, _ name: String, _ expected: String) throws {
        #expect(try Self.render(value, template, name: name) == expected)
    }

    /// A name ending in "HTML" or "Markdown" does not make text markup.
    @Test(arguments: ["t.html", "t.md"])
    func aNameDoesNotMakeTextMarkup(_ name: String) throws {
        let context: TemplateObject = ["xHTML": "<script>*", "xMarkdown": "<script>*"]
        let out = try Templates(sources: [name: "{{{xHTML}}}|{{&xMarkdown}}"]).render(context, template: name)
        #expect(out == (name == "t.html" ? "&lt;script&gt;*|&lt;script&gt;*" : "\\<script\\>\\*|\\<script\\>\\*"))
    }

    /// A user template that asks for every report variable unescaped prints
    /// the hostile example as escaped as `{{x}}` does: only the agent
    /// Markdown (markup by type) differs between the tags.
    @Test(arguments: ["report.html", "report.md"])
    func aUserTemplateCannotUnescapeInputByTheTag(_ template: String) throws {
        let model = try Cases.model("hostile")
        let flavor: TemplateEncoder.Flavor = template.hasSuffix(".md") ? .markdown : .html
        let context = ReportContext(e: TemplateEncoder(flavor: flavor)).build(model)
        var checked = 0
        for (key, value) in context.sorted(by: { $0.key.name < $1.key.name }) {
            switch value {
            case .html, .markdown, .list, .object, .field, .missing, .dual: continue
            default: break
            }
            let sources = [template: "{{\(key.name)}}\u{1}{{{\(key.name)}}}\u{1}{{&\(key.name)}}"]
            let parts = try Templates(sources: sources).render(context, template: template).split(separator: "\u{1}", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0] == parts[1] && parts[0] == parts[2],
                    "\(key.name): {{{ }}} and {{& }} write what {{ }} writes")
            checked += 1
        }
        #expect(checked > 10)
        let scenario = try ReportRenderer(templates: Templates(sources: [template: "{{{scenario}}}"]))
        let out = template.hasSuffix(".md") ? scenario.markdown(model) : scenario.html(model)
        // Markdown neutralises `<` with a backslash, HTML with an entity.
        #expect(out.contains("img src=x"), "\(out)")
        #expect(!out.replacingOccurrences(of: "\\<", with: "").contains("<img"), "\(out)")
    }
}
