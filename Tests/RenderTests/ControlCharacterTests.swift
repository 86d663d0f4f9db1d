import Testing
@testable import Render

/// Finished pages never carry control characters (HTML parse errors,
/// terminal escape sequences in a `cat`-ed Markdown report).
@Suite struct ControlCharacterTests {
    @Test(arguments: [
        ("plain text, é, \u{A0}nbsp, 🚀", "plain text, é, \u{A0}nbsp, 🚀"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("a\u{0}b", "a\u{FFFD}b"),
        ("\u{1B}[31mred\u{1B}[0m", "\u{FFFD}[31mred\u{FFFD}[0m"),
        ("bell\u{7} del\u{7F} c1\u{85} csi\u{9B}", "bell\u{FFFD} del\u{FFFD} c1\u{FFFD} csi\u{FFFD}"),
        ("\u{1B}", "\u{FFFD}"),
        ("", ""),
    ])
    func replaced(input: String, expected: String) {
        #expect(ControlCharacters.replaced(in: input) == expected)
    }

    @Test func reportsAndIndexPassThroughIt() throws {
        var model = try Cases.model("completed")
        model.title = "evil\u{1B}]0;title\u{7}"
        let renderer = ReportRenderer()
        for page in [renderer.html(model), renderer.markdown(model)] {
            #expect(!page.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7 })
        }
        // Markdown text fields already turn controls into spaces; HTML escaping did not.
        #expect(renderer.html(model).contains("evil\u{FFFD}]0;title\u{FFFD}"))
    }
}
