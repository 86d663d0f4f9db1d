import Testing
@testable import Render

@Suite struct EscapingTests {
    @Test(arguments: [
        ("a & b < c > d \" e ' f", "a &amp; b &lt; c &gt; d &quot; e &#39; f"),
        ("plain text, no change", "plain text, no change"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("héllo ✓ <", "héllo ✓ &lt;"),
        ("", ""),
    ])
    func safeHTMLEscapesTheFiveCharacters(_ input: String, _ expected: String) {
        #expect(SafeHTML(escaping: input).html == expected)
    }

    @Test(arguments: [
        ("plain words", "plain words"),
        ("# heading", "\\# heading"),
        ("#hashtag", "#hashtag"),
        ("####### seven", "####### seven"),
        ("- item", "\\- item"),
        ("-8.1", "-8.1"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("= x", "= x"),
        ("+61 412", "+61 412"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("42.3s", "42.3s"),
        ("2) item", "2\\) item"),
        ("> quote", "\\> quote"),
        ("a | b", "a \\| b"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("*em* _em_ ~del~ `code`", "\\*em\\* \\_em\\_ \\~del\\~ \\`code\\`"),
        ("dispatch_field_engineer", "dispatch_field_engineer"),
        ("&amp; \\", "\\&amp; \\\\"),
        ("$x$", "\\$x\\$"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        ("  padded  ", "padded"),
        ("nul\u{0}x", "nul\u{FFFD}x"),
    ])
    func markdownInlineTextCannotCreateStructure(_ input: String, _ expected: String) {
        #expect(MarkdownText.inline(input) == expected)
    }

    @Test(arguments: [
        ("id-1", false, "`id-1`"),
        ("a`b", false, "``a`b``"),
        ("`x`", false, "`` `x` ``"),
        ("a|b", true, "`a\\|b`"),
        ("a|b", false, "`a|b`"),
        ("two\nlines", false, "`two lines`"),
        ("", false, ""),
    ])
    func codeSpansUseALongerFence(_ input: String, _ inTable: Bool, _ expected: String) {
        #expect(MarkdownText.codeSpan(input, inTable: inTable) == expected)
    }

    @Test func fencedBlocksCannotBeClosedFromInside() {
        #expect(MarkdownText.fencedBlock("a\n```\nb") == "````\na\n```\nb\n````")
        #expect(MarkdownText.fencedBlock("x\r\ny\n\n") == "```\nx\ny\n```")
        #expect(MarkdownText.fencedBlock("{}", info: "json") == "```json\n{}\n```")
        #expect(MarkdownText.fencedBlock("x", info: "a`b c") == "```abc\nx\n```")
    }

    @Test(arguments: [
        ("https://www.google.com/maps?q=-34.7,149.7", "https://www.google.com/maps?q=-34.7,149.7"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("javascript:alert(1)", nil),
        ("JaVaScRiPt:alert(1)", nil),
        ("data:text/html,x", nil),
        ("file:///etc/passwd", nil),
        ("//example.org/x", nil),
        ("https:///path", nil),
        ("https://exa mple.org", nil),
        ("https://example.org/\u{7}", nil),
        ("maps.example.org", nil),
    ] as [(String, String?)])
    func onlyHTTPURLsBecomeLinks(_ url: String, _ expected: String?) {
        #expect(LinkPolicy.linkable(url) == expected)
    }

    @Test func linksArePercentEncodedForMarkdownAndHTML() {
        #expect(LinkPolicy.percentEscaped("https://e.org/a b\"<>`x") == "https://e.org/a%20b%22%3C%3E%60x")
        #expect(LinkPolicy.relativeFileLink("9f2c-abc.html") == "./9f2c-abc.html")
        #expect(LinkPolicy.relativeFileLink("javascript:x y.md") == "./javascript%3Ax%20y.md")
        #expect(MarkdownText.link("a [b]", url: "https://e.org/(x)") == "[a \\[b\\]](<https://e.org/(x)>)")
    }

    @Test(arguments: [
        ("UTC", 0), ("Z", 0), ("+10:00", 36000), ("-05:30", -19800), ("+0530", 19800), ("+10", 36000),
        ("UTC+10:00", 36000), ("GMT-3", -10800), ("+18:00", 64800),
    ])
    func displayTimeZonesParse(_ text: String, _ seconds: Int) {
        #expect(DisplayTimeZone(parsing: text)?.offsetSeconds == seconds)
    }

    @Test(arguments: ["", "10:00", "+19:00", "+10:60", "Europe/Nowhere", "AEDT", "../x/y", "+1a", "+12345"])
    func badTimeZonesAreRefused(_ text: String) {
        #expect(DisplayTimeZone(parsing: text) == nil)
    }

    @Test func timeZonesDescribeThemselves() {
        #expect(DisplayTimeZone.utc.description == "UTC")
        #expect(DisplayTimeZone(offsetSeconds: 36000).description == "UTC+10:00")
        #expect(DisplayTimeZone(offsetSeconds: -19800).description == "UTC-05:30")
    }
}

/// The shortcuts for text that needs no escaping give exactly what the
/// full escaping gives, on tricky and on random text.
@Suite struct MarkdownShortcutTests {
    static let tricky = ["", "plain words", "two  spaces", " lead", "trail ", "a_b", "_a", "1. x", "12) y", "x*y",
                         "# h", "#tag", "- item", "+", "===", "a|b", "tab\there", "nul\u{0}x", "é ü 🚀", "a\nb",
                         "`code`", "a`b", "[link](x)", "<b>", "&amp;", "~strike~", "$5", "back\\slash", "0", "9 lives"]

    static func random(_ seed: inout UInt64) -> String {
        let alphabet = Array("ab _*#-+=1.)|`\\<>&[]~$ \t\né\u{0}")
        var s = ""
        for _ in 0..<Int(seed % 9) {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            s.append(alphabet[Int(seed >> 33) % alphabet.count])
        }
        return s
    }

    @Test func inlineShortcutMatchesTheFullEscaping() {
        var seed: UInt64 = 42
        let samples = Self.tricky + (0..<20000).map { _ in Self.random(&seed) }
        for s in samples {
            #expect(MarkdownText.inline(s) == MarkdownText.escapedInline(s), "\(s.debugDescription)")
            #expect(MarkdownText.codeSpan(s) == MarkdownText.fencedCodeSpan(s), "\(s.debugDescription)")
            #expect(MarkdownText.codeSpan(s, inTable: true) == MarkdownText.fencedCodeSpan(s, inTable: true), "\(s.debugDescription)")
        }
        for b in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(b)) + "b"
            #expect(MarkdownText.isPlainInline(text) == !MarkdownText.refusedInside(b), "byte \(b)")
        }
        #expect(MarkdownText.isPlainInline("NOC Sydney on-call"))
        #expect(!MarkdownText.isPlainInline("dispatch_field_engineer"))
    }
}

/// The one-line alert excerpts of the index and the report header.
@Suite struct ShortLineTests {
    @Test(arguments: [
        ("Link down on core-rtr-01", 90, "Link down on core-rtr-01"),
        ("\n  \n First line\nsecond line", 90, "First line …"),
        ("one\r\n\r\n", 90, "one"),
        ("a\r\nb", 90, "a b"),
        ("a\rb", 90, "a …"),
        ("alpha beta gamma", 10, "alpha beta…"),
        ("alphabetagamma", 5, "alpha…"),
        ("  spaced   out\twords ", 90, "spaced out words"),
        ("", 90, ""),
        (" \n\t\n", 90, ""),
        // A combining mark after a space is part of that space's character.
        ("ab \u{301}cd ef", 6, "ab cd…"),
        ("ab \u{301}cd", 5, "ab cd"),
        ("e\u{301}e\u{301}e\u{301} x", 4, "e\u{301}e\u{301}e\u{301}…"),
        ("word " + String(repeating: "x", count: 300), 90, "word…"),
    ])
    func excerpt(_ text: String, _ limit: Int, _ expected: String) {
        #expect(TextForm.shortLine(text, limit: limit) == expected)
    }

    /// The excerpt reads only what it needs; this oracle (the first
    /// version) split the whole text. Both must agree on any text.
    @Test func agreesWithSplittingEverything() {
        let texts = Self.randomTexts(6000, longest: 59, seed: 29, from: "ab  \t\n\r\r\nxyz-é\u{301}\u{85}\u{A0}…\u{2028}🙂\u{0B}")
        for s in texts {
            for limit in [1, 2, 5, 12, 90] {
                #expect(TextForm.shortLine(s, limit: limit) == Self.oracle(s, limit: limit), "\(s.debugDescription) \(limit)")
            }
        }
    }

    /// `count` texts of 0 to `longest` characters drawn from `alphabet` (text
    /// `n` has `n % (longest + 1)`), the same ones on every run.
    static func randomTexts(_ count: Int, longest: Int, seed: UInt64, from alphabet: String) -> [String] {
        let characters = Array(alphabet)
        var seed = seed
        return (0..<count).map { n in
            var s = ""
            for _ in 0..<(n % (longest + 1)) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                s.append(characters[Int(seed >> 33) % characters.count])
            }
            return s
        }
    }

    private static func oracle(_ text: String, limit: Int) -> String {
        var lines: [Substring] = []
        var rest = text[...]
        while lines.count < 2, !rest.isEmpty {
            let end = rest.firstIndex(where: { $0 == "\n" || $0 == "\r" }) ?? rest.endIndex
            let line = rest[..<end]
            if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        var out = ""
        for word in (lines.first ?? "").split(whereSeparator: { $0.isWhitespace }) {
            let candidate = out.isEmpty ? String(word) : out + " " + word
            if candidate.count > limit {
                if out.isEmpty { out = String(candidate.prefix(limit)) }
                return out + "…"
            }
            out = candidate
        }
        return lines.count > 1 ? out + " …" : out
    }

    /// Whatever the text, the excerpt is one line, at most the limit plus
    /// its "…" or " …".
    @Test func anExcerptIsOneLineNearTheLimit() {
        for s in Self.randomTexts(4000, longest: 39, seed: 11, from: "ab  \t\n\r\r\n\u{0B}\u{0C}x-é\u{301}") {
            for limit in [1, 3, 8] {
                let line = TextForm.shortLine(s, limit: limit)
                #expect(!line.contains(where: \.isNewline) && line.count <= limit + 2, "\(s.debugDescription) \(limit)")
            }
        }
    }
}
