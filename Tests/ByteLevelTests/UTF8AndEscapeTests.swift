import Testing
@testable import ByteLevel

@Suite("ByteLevel: UTF-8 validation and JSON unescaping")
struct UTF8AndEscapeTests {
    /// Each row: the bytes, and whether they are valid UTF-8 (checked
    /// against the standard library's validating decoder too).
    @Test(arguments: [
        ([UInt8](), true), (Array("plain ascii, more than sixteen bytes long".utf8), true),
        (Array("é日本😀".utf8), true), ([0xC2, 0x80], true), ([0xF4, 0x8F, 0xBF, 0xBF], true),
        ([0x80], false), ([0xC0, 0xAF], false), ([0xC1, 0xBF], false), ([0xE0, 0x80, 0xAF], false),
        ([0xED, 0xA0, 0x80], false), ([0xF0, 0x80, 0x80, 0xAF], false), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xF5, 0x80, 0x80, 0x80], false), ([0xE2, 0x82], false), ([0xFF], false),
        (Array("sixteen ascii by".utf8) + [0xC3], false), (Array("sixteen ascii by".utf8) + [0xC3, 0xA9], true),
    ])
    func validation(bytes: [UInt8], valid: Bool) {
        #expect(bytes.span.isValidUTF8 == valid)
        #expect(ByteView.of(bytes) { $0.isValidUTF8 } == valid)
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)
    }

    @Test(arguments: [
        (#"plain"#, "plain", "plain"),
        (#"a\"b\\c\/d"#, #"a"b\c/d"#, #"a"b\c/d"#),
        (#"\n\t\r\b\f"#, "\n\t\r\u{8}\u{C}", "\n\t\r\u{8}\u{C}"),
        (#"\u00e9\u65E5"#, "é日", "é日"),
        (#"\ud83d\ude00!"#, "😀!", "😀!"),
        (#"x\ud800y"#, "x\u{FFFD}y", #"x\uD800y"#),
        (#"\udc00"#, "\u{FFFD}", #"\uDC00"#),
        (#"\ud800\u0041"#, "\u{FFFD}A", #"\uD800A"#),
    ])
    func unescaping(escaped: String, display: String, kept: String) {
        let bytes = Array(escaped.utf8)
        #expect(String(decoding: unescapeJSONString(bytes.span), as: UTF8.self) == display)
        #expect(String(decoding: unescapeJSONString(bytes.span, keepLoneSurrogatesEscaped: true), as: UTF8.self) == kept)
    }

    @Test(arguments: [("0" as Character, 0 as UInt32?), ("9", 9), ("a", 10), ("F", 15), ("g", nil), ("/", nil), (":", nil)])
    func hexDigits(digit: Character, value: UInt32?) {
        #expect(hexValue(digit.asciiValue ?? 0) == value)
    }
}
