import Foundation
import Testing
@testable import Render

@Suite struct TemplateTests {
    /// SwiftPM embeds every file of the folder; `EmbeddedTemplates` must
    /// name each one (a new template needs its row there).
    @Test func everyTemplateFileIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.templates.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        let names = files.map { String($0.dropLast(".mustache".count)) }
        #expect(EmbeddedTemplates.all.keys.sorted() == names, "add the new template to EmbeddedTemplates.swift")
        for (file, name) in zip(files, names) {
            let text = try String(contentsOf: Paths.templates.appendingPathComponent(file), encoding: .utf8)
            #expect(EmbeddedTemplates.all[name] == text, "\(name) is not the text of \(file)")
        }
    }

    @Test func everyTemplateVariableIsDocumented() throws {
        let readme = try String(contentsOf: Paths.templates.appendingPathComponent("README.md"), encoding: .utf8)
        for (name, text) in EmbeddedTemplates.all {
            for variable in Self.variables(in: text) {
                for part in variable.split(separator: ".") {
                    #expect(readme.contains("`\(part)`"), "\(name): {{\(variable)}} is not in templates/README.md")
                }
            }
        }
    }

    /// Names in `{{x}}`, `{{{x}}}`, `{{#x}}`, `{{^x}}`, `{{/x}}`, `{{&x}}` (not partials, pragmas, comments).
    static func variables(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            var tag = rest.prefix(while: { $0 != "}" })
            if let first = tag.first, "{#^/&".contains(first) { tag = tag.dropFirst() }
            if let first = tag.first, ">%!".contains(first) { continue }
            let name = tag.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty && name != "." { names.insert(name) }
        }
        return names
    }

    @Test func aFileInTheOverrideFolderReplacesTheEmbeddedOne() throws {
        let dir = try TempDir()
        try dir.write("report.md.mustache", "Custom: {{title}}\n")
        let templates = try Templates.loading(overridesFrom: dir.path)
        let md = ReportRenderer(templates: templates).markdown(try Cases.model("completed"))
        #expect(md == "Custom: telco-noc: Optical power degradation on LINK-SYD-CBR-FIBRE-02: Rx -24.7 dBm at CORE-CBR-01\n")
        // The others are still the embedded ones.
        #expect(templates.source(named: "report.html") == Templates.embedded.source(named: "report.html"))
    }

    @Test func aMarkdownOverrideIsNotHTMLEscapedButStillMarkdownSafe() throws {
        let dir = try TempDir()
        try dir.write("report.md.mustache", "{{id}} {{scenario}}\n")
        let md = ReportRenderer(templates: try Templates.loading(overridesFrom: dir.path)).markdown(try Cases.model("hostile"))
        #expect(md == "`\"><script>alert('id')</script>` \\<img src=x onerror=alert('scenario')\\>\n")
    }

    @Test func aSyntaxErrorNamesTheFileLineAndColumn() throws {
        let dir = try TempDir()
        try dir.write("report.html.mustache", "<p>\n{{#turns}}\n{{/steps}}\n")
        #expect {
            _ = try Templates.loading(overridesFrom: dir.path)
        } throws: { error in
            guard case let .syntax(file, line, _, _, reason)? = error as? TemplateError else { return false }
            return file == dir.path + "/report.html.mustache" && line == 3 && reason.contains("does not match")
        }
    }

    @Test func aMarkdownSyntaxErrorCountsLinesOfTheFile() throws {
        #expect {
            _ = try Templates(sources: ["report.md": "a\nb\n{{#x}}\n"])
        } throws: { error in
            guard case let .syntax(file, line, _, _, _)? = error as? TemplateError else { return false }
            return file == "report.md.mustache" && (line == 3 || line == 4)
        }
    }

    @Test func htmlTemplatesMayNotChangeTheDelimiters() throws {
        #expect(throws: TemplateError.self) { try Templates(sources: ["report.html": "<p>\n{{=<% %>=}}\n"]) }
    }

    /// The type decides, not the name: `{{{x}}}` pastes only `SafeHTML`.
    @Test(arguments: ["{{{title}}}", "{{& title}}", "{{{titleHTML}}}", "{{title}}"])
    func anUnescapedTagEscapesPlainTextWhateverItsName(_ tag: String) throws {
        let templates = try Templates(sources: ["report.html": tag])
        let name: TemplateKey = tag.contains("HTML") ? "titleHTML" : "title"
        let out = templates.render([name: .text("<script>x</script>")], template: "report.html")
        #expect(out == "&lt;script&gt;x&lt;/script&gt;")
    }

    @Test func anUnescapedTagPastesSafeHTML() throws {
        let templates = try Templates(sources: ["report.html": "{{{diagnosisHTML}}} {{& responseHTML }} {{diagnosisHTML}}"])
        let html = SafeHTML(trustedUTF8: Array("<p>a &amp; b</p>".utf8))
        let out = templates.render(["diagnosisHTML": .html(html), "responseHTML": .html(html)], template: "report.html")
        #expect(out == "<p>a &amp; b</p> <p>a &amp; b</p> &lt;p&gt;a &amp;amp; b&lt;/p&gt;")
    }

    @Test func errorsReadWell() {
        let e = TemplateError.syntax(file: "t/report.html.mustache", line: 3, column: 1, lineText: "{{/steps}}",
                                     reason: "the closing tag does not match the open section")
        #expect(e.description == "t/report.html.mustache:3:1: template syntax error: the closing tag does not match the open section\n    {{/steps}}")
        #expect(TemplateError.notADirectory("/nope").description == "/nope: not a directory of templates")
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: TemplateError.notADirectory("/nonexistent/templates")) {
            try Templates.loading(overridesFrom: "/nonexistent/templates")
        }
    }
}

/// A directory under the system temporary directory, removed on deinit.
final class TempDir {
    let url: URL
    var path: String { url.path }
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("noc-render-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
