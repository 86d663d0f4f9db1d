import Testing
@testable import Render

/// Mustache features the engine does not have are refused when the
/// templates are loaded, naming the file and line (docs/templates.md):
/// none of them renders as something else.
@Suite struct UnsupportedMustacheTests {
    @Test(arguments: [
        ("{{=<% %>=}}", "delimiter changes"),
        ("{{% CONTENT_TYPE: TEXT}}", "pragmas"),
        ("{{<parent}}{{/parent}}", "template inheritance"),
        ("{{$block}}x{{/block}}", "template inheritance"),
        ("{{>*dynamic}}", "dynamic partials"),
        ("{{> *dynamic}}", "dynamic partials"),
        ("{{uppercased(name)}}", "transforms"),
        ("{{#reversed(list)}}x{{/reversed(list)}}", "transforms"),
    ])
    func refusedAtLoadWithFileAndLine(_ tag: String, _ reason: String) {
        for name in ["report.html", "report.md"] {
            do {
                _ = try Templates(sources: [name: "line one\nline two\n  \(tag)\n"])
                Issue.record("\(name) accepted \(tag)")
            } catch {
                guard case let .syntax(file, line, _, _, why) = error else { Issue.record("\(error)"); continue }
                #expect(file == "\(name).mustache")
                #expect(line == 3, "\(tag)")
                #expect(why.contains(reason), "\(why)")
                #expect(error.description.hasPrefix("\(name).mustache:3:"))
            }
        }
    }

    /// Lambdas need a closure in the context; a context is a typed value
    /// tree (`TemplateValue`) with no closure case, so a template cannot
    /// call one: `{{#name}}` over any value is a plain section.
    @Test func aSectionNeverCallsCode() throws {
        let templates = try Templates(sources: ["t.md": "{{#x}}{{y}}{{/x}}"])
        #expect(templates.render(["x": "{{y}}", "y": "Y"], template: "t.md") == "Y")
    }
}
