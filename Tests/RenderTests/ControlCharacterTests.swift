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

/// The word-at-a-time scan must find every control character wherever it
/// falls in an 8-byte word, and nothing else (tab, newline, CR, other C2 xx).
@Suite struct ControlCharacterScanTests {
    static func naive(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u -> Unicode.Scalar in
            let v = u.value
            let control = (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (0x80...0x9F).contains(v)
            return control ? "\u{FFFD}" : u
        }))
    }

    @Test(arguments: ["\u{01}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{00}", "\t", "\n", "\r", "\u{A0}", "·", "é"])
    func everyPositionOfAWord(_ inserted: String) {
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31] {
            for at in 0...length {
                let text = String(repeating: "a", count: at) + inserted + String(repeating: "b", count: length - at)
                #expect(ControlCharacters.replaced(in: text) == Self.naive(text), "\(inserted.unicodeScalars.first!.value) at \(at) of \(length)")
            }
        }
    }

    @Test func manyInOneText() {
        let text = (0..<200).map { i in i % 13 == 0 ? "\u{1B}[31m" : (i % 17 == 0 ? "\u{85}" : "line \(i)·\n") }.joined()
        #expect(ControlCharacters.replaced(in: text) == Self.naive(text))
        #expect(Array(ControlCharacters.replaced(in: Array(text.utf8))) == Array(Self.naive(text).utf8))
    }
}
