import Testing
@testable import Render

/// The template engine: Mustache semantics the report templates rely on.
@Suite struct TemplateEngineTests {
    static let context: TemplateObject = [
        "name": "Ada <&> \"q\" 'a'",
        "yes": true,
        "no": false,
        "gone": .missing,
        "empty": [],
        "items": [["n": "1"], ["n": "2"], ["n": "3"]],
        "words": ["a", "b"],
        "outer": ["inner": ["deep": "D"], "n": "outer-n"],
        "n": "root-n",
        "markup": .html(SafeHTML(trustedUTF8: Array("<b>x</b>".utf8))),
    ]

    static func render(_ text: String, name: String = "t.html", context: TemplateObject = context,
                       partials: [String: String] = [:]) throws -> String {
        var sources = partials
        sources[name] = text
        return try Templates(sources: sources).render(context, template: name)
    }

    @Test(arguments: [
        ("{{name}}", "Ada &lt;&amp;&gt; &quot;q&quot; &#39;a&#39;"),
        ("{{yes}}/{{no}}", "true/false"),
        ("[{{gone}}][{{unknown}}]", "[][]"),
        ("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}", "Y!N"),
        ("{{#gone}}G{{/gone}}{{^gone}}not gone{{/gone}}", "not gone"),
        ("{{#unknown}}U{{/unknown}}{{^unknown}}no such name{{/unknown}}", "no such name"),
        ("{{#empty}}E{{/empty}}{{^empty}}empty list{{/empty}}", "empty list"),
        ("{{#items}}<{{n}}>{{/items}}", "<1><2><3>"),
        ("{{#words}}{{.}},{{/words}}", "a,b,"),
        ("{{outer.inner.deep}} {{outer.n}}", "D outer-n"),
        // A name climbs to outer values unless it is anchored with a dot.
        ("{{#outer}}{{#inner}}{{deep}} {{n}} [{{.n}}]{{/inner}}{{/outer}}", "D outer-n []"),
        ("{{#items}}{{gone}}{{/items}}", ""),
        ("{{{markupHTML}}}|{{markup}}", "<b>x</b>|&lt;b&gt;x&lt;/b&gt;"),
        ("a {{! a comment }}b", "a b"),
    ])
    func htmlTemplates(_ template: String, _ expected: String) throws {
        var ctx = Self.context
        ctx["markupHTML"] = ctx["markup"]
        #expect(try Self.render(template, context: ctx) == expected)
    }

    /// Markdown escapes plain text its own way (backslashes), not as HTML.
    @Test func markdownTemplatesEscapeForMarkdown() throws {
        #expect(try Self.render("{{name}}|{{{name}}}", name: "t.md") == "Ada \\<\\&\\> \"q\" 'a'|Ada \\<\\&\\> \"q\" 'a'")
    }

    @Test(arguments: [
        // Standalone section and comment lines leave no blank line behind.
        ("a\n{{#yes}}\nb\n{{/yes}}\nc\n", "a\nb\nc\n"),
        ("a\n  {{! note }}\nb\n", "a\nb\n"),
        ("a\n{{^yes}}\nhidden\n{{/yes}}\nc\n", "a\nc\n"),
        // A tag sharing its line with text keeps the line.
        ("a {{#yes}}b{{/yes}}\n", "a b\n"),
        ("  {{name}}\n", "  Ada &lt;&amp;&gt; &quot;q&quot; &#39;a&#39;\n"),
        ("x\r\n{{#yes}}\r\ny\r\n{{/yes}}\r\n", "x\r\ny\r\n"),
    ])
    func standaloneLines(_ template: String, _ expected: String) throws {
        #expect(try Self.render(template) == expected)
    }

    @Test func partialsRenderInTheCurrentContextAndIndentLines() throws {
        let out = try Self.render("{{#items}}\n  {{> row.html}}\n{{/items}}\n", partials: ["row.html": "<li>{{n}}</li>\n<hr>\n"])
        #expect(out == "  <li>1</li>\n  <hr>\n  <li>2</li>\n  <hr>\n  <li>3</li>\n  <hr>\n")
        #expect(try Self.render("[{{> missing.html}}]") == "[]")
    }

    @Test(arguments: [
        ("{{#a}}x", "never closed"),
        ("{{#a}}x{{/b}}", "does not match"),
        ("x{{/b}}", "never opened"),
        ("{{name", "not finished"),
        ("{{=<% %>=}}", "delimiter"),
        ("{{% CONTENT_TYPE: TEXT }}", "pragma"),
        ("{{<parent}}{{/parent}}", "inheritance"),
        ("{{$block}}{{/block}}", "inheritance"),
        ("{{uppercase(name)}}", "transforms"),
        ("{{! unfinished comment", "comment"),
    ])
    func syntaxErrorsSayWhatIsWrong(_ template: String, _ reason: String) {
        #expect {
            _ = try Templates(sources: ["t.md": "line one\n" + template])
        } throws: { error in
            guard case let .syntax(file, line, _, _, why)? = error as? TemplateError else { return false }
            return file == "t.md.mustache" && line >= 1 && why.contains(reason)
        }
    }

    @Test func errorLocationsPointAtTheTag() {
        #expect {
            _ = try Templates(sources: ["t.md": "one\ntwo {{#a}}\nthree {{/b}}\n"])
        } throws: { error in
            guard case let .syntax(_, line, column, lineText, _)? = error as? TemplateError else { return false }
            return line == 3 && column == 7 && lineText == "three {{/b}}"
        }
    }
}
