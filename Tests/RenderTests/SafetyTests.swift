import Foundation
import Testing
@testable import Render
import Transcript

/// Requirements 3 and 8: whatever the session holds, the reports keep
/// their structure and the HTML runs and loads nothing.
@Suite struct SafetyTests {
    @Test(arguments: Cases.names)
    func htmlRunsAndLoadsNothing(_ name: String) throws {
        let html = ReportRenderer().html(try Cases.model(name))
        try HTMLSafety.check(html, name: name)
    }

    @Test(arguments: Cases.names)
    func markdownKeepsTheReportOutline(_ name: String) throws {
        let md = ReportRenderer().markdown(try Cases.model(name))
        guard let outline = try MarkdownOutline.parse(md) else {
            Issue.record("cmark is not installed: the Markdown outline was not checked")
            return
        }
        try outline.checkReportShape(name: name)
    }

    @Test func hostileHTMLHasNoActiveContent() throws {
        let html = ReportRenderer().html(try Cases.model("hostile"))
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("<svg"))
        #expect(!lower.contains("<iframe"))
        #expect(!lower.contains("href=\"javascript:"))
        // Every tag's attributes: no event handlers, no src, no style (the
        // text may mention them: it is escaped). A remote image in agent
        // Markdown became a plain link, which loads nothing.
        for tag in try HTMLSafety.scan(html, name: "hostile") {
            for (attr, _) in tag.attributes {
                #expect(!attr.hasPrefix("on"), "\(attr) on <\(tag.name)>")
                #expect(attr != "src" && attr != "style" && attr != "srcset", "\(attr) on <\(tag.name)>")
            }
        }
        #expect(html.contains("<a href=\"http://evil.example/x.png\">img</a>"))
        // The hostile text is still there, shown as text.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("javascript:alert(document.cookie)"))
    }

    @Test func hostileMarkdownHasNoRawHTMLAndNoScriptLinks() throws {
        let md = ReportRenderer().markdown(try Cases.model("hostile"))
        guard let outline = try MarkdownOutline.parse(md) else { return }
        #expect(outline.rawHTMLNodes == 0)
        #expect(!outline.destinations.contains { $0.lowercased().contains("javascript:") })
        // Agent headings are demoted to 5 and 6; the agent's "# Evil" is there, below the step.
        #expect(outline.headings.contains { $0.level == 5 && $0.text == "Evil" })
        #expect(!outline.headings.contains { (2...4).contains($0.level) && $0.text.contains("Evil") })
    }
}
