import Foundation
import Testing
@testable import Render

/// Agent Markdown through libcmark: formatting kept, structure contained.
@Suite struct CommonMarkTests {
    @Test(arguments: [
        ("**bold** and `code`", "<p><strong>bold</strong> and <code>code</code></p>\n"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("a <b>x</b> c", "<p>a &lt;b&gt;x&lt;/b&gt; c</p>\n"),
        ("[x](javascript:alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("[x](JAVASCRIPT:alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("<javascript:alert(1)>", "<p><a href=\"\">javascript:alert(1)</a></p>\n"),
        ("[x](https://e.org/a)", "<p><a href=\"https://e.org/a\">x</a></p>\n"),
        ("![chart](http://evil.example/x.png)", "<p><a href=\"http://evil.example/x.png\">chart</a></p>\n"),
        ("![](data:image/png;base64,AA==)", "<p><a href=\"\">image</a></p>\n"),
        ("```\nunclosed", "<pre><code>unclosed\n</code></pre>\n"),
    ])
    func htmlIsSafe(_ markdown: String, _ html: String) {
        #expect(CommonMark.html(markdown).html == html)
    }

    @Test func headingsAreDemotedBelowTheFloor() {
        let html = CommonMark.html("# One\n\n## Two\n\nSetext\n===\n\n> # Quoted\n\n- ## Listed", headingFloor: 5).html
        #expect(html == "<h5>One</h5>\n<h6>Two</h6>\n<h5>Setext</h5>\n<blockquote>\n<h5>Quoted</h5>\n</blockquote>\n<ul>\n<li>\n<h6>Listed</h6>\n</li>\n</ul>\n")
    }

    @Test func theHighestAgentHeadingLandsOnTheFloor() {
        #expect(CommonMark.html("## Diagnosis\n\n### Root cause", headingFloor: 5).html == "<h5>Diagnosis</h5>\n<h6>Root cause</h6>\n")
        #expect(CommonMark.html("## Kept", headingFloor: 1).html == "<h2>Kept</h2>\n")
    }

    @Test func rawHTMLBlocksBecomeText() {
        #expect(CommonMark.html("<div>\n<b>x</b>\n</div>").html == "<p>&lt;div&gt;<br />\n&lt;b&gt;x&lt;/b&gt;<br />\n&lt;/div&gt;</p>\n")
    }

    @Test func pipeTablesKeepTheirLinesInHTML() {
        let html = CommonMark.html("| a | b |\n|---|---|\n| 1 | 2 |").html
        #expect(html == "<p>| a | b |<br />\n|---|---|<br />\n| 1 | 2 |</p>\n")
        #expect(CommonMark.html("a\nb").html == "<p>a\nb</p>\n")
    }

    @Test func pipeTableTestOnBytesAgreesWithTheTextDefinition() {
        let tricky = ["| a | b |\n|---|---|\n| 1 | 2 |", "| a\n| :-: |", "|a\n|-x|", "| a\n\n|---|", "|\u{301} a\n|---|",
                      "|`\u{301}` a\n|---|", "|`x`\n|--|", "`|x`\n|--|", "| a <b>\n|--|", "| a ![i](x)\n| - |",
                      "|é\n|-|", "| a\n|-é|", "| a\n| - |\n|", "x | a\n|---|", "| a  \n|---|", "| a\\\n|---|"]
        var seed: UInt64 = 7
        // Lines that mostly start with "|", with the characters that matter.
        let alphabet = Array("||--- :::`x*<>!é\u{301}[]()\\")
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33) % n
        }
        let random = (0..<3000).map { _ -> String in
            (0..<(1 + next(4))).map { _ -> String in
                var line = next(10) == 0 ? "" : "|"
                for _ in 0..<next(8) { line.append(alphabet[next(alphabet.count)]) }
                return line
            }.joined(separator: "\n")
        }
        var tables = 0
        for s in tricky + random {
            for verdict in CommonMark.pipeTableVerdicts(s) {
                #expect(verdict.bytes == verdict.text, "\(s.debugDescription)")
                if verdict.text { tables += 1 }
            }
        }
        #expect(tables > 50)
    }

    @Test func markdownOutputClosesFencesAndDemotes() {
        let md = CommonMark.markdown("# Evil\n\nEvil\n===\n\n```\nunclosed", headingFloor: 5)
        #expect(md == "##### Evil\n\n##### Evil\n\n``` \nunclosed\n```")
    }

    @Test func markdownOutputTurnsRawHTMLIntoText() {
        let md = CommonMark.markdown("[x](javascript:alert(1)) <b>hi</b>\n\n<!-- open comment\n# still inside", headingFloor: 5)
        #expect(!md.contains("<!--"))
        #expect(!md.contains("](javascript:"))
        #expect(md.contains("\\# still inside"))
        #expect(md.contains("\\<b\\>hi\\</b\\>") || md.contains("\\<b>hi\\</b>"))
    }
}

/// Markdown output: safe blocks keep their source, the rest goes through cmark.
@Suite struct MarkdownPassThroughTests {
    @Test(arguments: [
        // Kept as written.
        ("- a\n- b", "- a\n- b"),
        ("1. one\n2. two", "1. one\n2. two"),
        ("Some *text*\nover two lines.", "Some *text*\nover two lines."),
        ("```sh\nls\n```", "```sh\nls\n```"),
        ("    indented code", "    indented code"),
        ("> quoted [link](https://e.org)", "> quoted [link](https://e.org)"),
        ("a\r\nb\r\n\r\nc", "a\nb\n\nc"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |"),
        ("para\n\n\n\n- list", "para\n\n- list"),
        ("nul\u{0}byte", "nul\u{FFFD}byte"),
    ])
    func safeBlocksKeepTheirSource(_ markdown: String, _ expected: String) {
        #expect(CommonMark.markdown(markdown, headingFloor: 5) == expected)
    }

    @Test(arguments: [
        // Each needs neutralising: the output must not contain the unsafe form.
        ("# Title", "##### Title"),
        ("Title\n---", "##### Title"),
        ("```\nunclosed\nstill code", "```"),
        ("~~~~\nshort close\n~~~", "short close\n~~~\n```"),
        ("<div onclick=x>\nhi\n</div>", "\\<div"),
        ("text <b>inline</b>", "\\<b"),
        ("![img](https://e.org/x.png)", "[img](https://e.org/x.png)"),
        ("[x](javascript:alert(1))", "[x]()"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
        ("[x]: https://e.org\n\n[x]", "[x]"),
    ])
    func unsafeBlocksAreRewritten(_ markdown: String, _ mustContain: String) {
        let md = CommonMark.markdown(markdown, headingFloor: 5)
        #expect(md.contains(mustContain), "\(md)")
        #expect(!md.contains("javascript:alert(1))"))
        #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<div"))
        #expect(!md.contains("\n# ") && !md.hasPrefix("# "))
    }

    @Test func anUnclosedFenceIsClosedSoTheReportContinues() {
        let md = CommonMark.markdown("intro\n\n```\nrest of the report?", headingFloor: 5)
        #expect(md.hasSuffix("```"))
        #expect(md.components(separatedBy: "```").count == 3)
    }

    @Test func aReferenceDefinitionNeverReachesTheReport() {
        // Copied verbatim, it could turn "[x]" in another field into a link.
        let md = CommonMark.markdown("see [x]\n\n[x]: https://evil.example\n", headingFloor: 5)
        #expect(!md.contains("]: "))
    }

    @Test func bothFormsFromOneParseEqualTheSeparateOnes() {
        let samples = ["# H\n\ntext <b>x</b>\n\n- a\n- b", "| a |\n|---|\n| 1 |", "```\nopen", "plain"]
        for s in samples {
            let both = CommonMark.both(s, headingFloor: 5)
            #expect(both.html == CommonMark.html(s, headingFloor: 5))
            #expect(String(decoding: both.markdown, as: UTF8.self) == CommonMark.markdown(s, headingFloor: 5))
        }
    }
}
