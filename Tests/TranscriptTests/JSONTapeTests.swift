import Testing
@testable import Transcript

private func reasonOf(_ text: String, maxDepth: Int = 512) -> JSONError.Reason? {
    do {
        _ = try JSONTape.parse(Array(text.utf8), maxDepth: maxDepth)
        return nil
    } catch {
        return error.reason
    }
}

private func byte(_ c: Character) -> UInt8 { c.asciiValue! }

@Suite("JSONTape: the parser")
struct JSONTapeTests {
    @Test(arguments: [
        "{}", "[]", " \n\t{}\r\n ", "null", "true", "false", "0", "-0", "-12.5e3", "1E+2", "1e-2", "0.5",
        #""x""#, #""""#, #"{"a":[1,-0,0.5,-1.5e-3,1E+2,10,true,false,null,{}]}"#, #"{"a":{"b":{"c":[[]]}}}"#,
        #""\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t""#, #""\ud800 lone surrogates are valid JSON text""#,
        #"{"a":1,"a":2}"#, "\"日本\"", "[1 , 2 ,\n3]", "[[],{}]", #"{"a":{} , "b":[ ]}"#, "[ {} ]",
    ])
    func valid(_ text: String) {
        #expect(reasonOf(text) == nil)
    }

    @Test(arguments: [
        ("", JSONError.Reason.unexpectedEnd),
        ("   ", .unexpectedEnd),
        ("[1,]", .unexpectedByte(byte("]"))),
        (#"{"a":1,}"#, .unexpectedByte(byte("}"))),
        (#"{"a":[1,2,],"b":1}"#, .unexpectedByte(byte("]"))),
        ("[,1]", .unexpectedByte(byte(","))),
        (#"{"a" 1}"#, .unexpectedByte(byte("1"))),
        ("{a:1}", .unexpectedByte(byte("a"))),
        ("{'a':1}", .unexpectedByte(byte("'"))),
        (#"{"a":1"#, .unexpectedEnd),
        ("[1 2]", .unexpectedByte(byte("2"))),
        ("[", .unexpectedEnd),
        ("]", .unexpectedByte(byte("]"))),
        (#"{"a":1]"#, .unexpectedByte(byte("]"))),
        (#""\x""#, .invalidString),
        (#""\u12G4""#, .invalidString),
        (#""\U00e9""#, .invalidString),
        (#""\'""#, .invalidString),
        ("\"a\tb\"", .invalidString),
        ("\"a\nb\"", .invalidString),
        ("\"a\u{01}b\"", .invalidString),
        (#""abc"#, .unexpectedEnd),
        (#""\u12"#, .unexpectedEnd),
        ("01", .trailingContent),
        ("-01", .trailingContent),
        ("1.", .invalidNumber),
        ("1.e3", .invalidNumber),
        (".5", .unexpectedByte(byte("."))),
        ("-", .unexpectedEnd),
        ("+1", .unexpectedByte(byte("+"))),
        ("1e", .invalidNumber),
        ("1e+", .invalidNumber),
        ("-a", .invalidNumber),
        ("[-]", .invalidNumber),
        ("0x10", .trailingContent),
        ("NaN", .unexpectedByte(byte("N"))),
        ("Infinity", .unexpectedByte(byte("I"))),
        ("-Infinity", .invalidNumber),
        ("tru", .unexpectedEnd),
        ("nul1", .unexpectedByte(byte("1"))),
        ("True", .unexpectedByte(byte("T"))),
        ("{} {}", .trailingContent),
        ("[1]]", .trailingContent),
        ("1 2", .trailingContent),
        ("{,}", .unexpectedByte(byte(","))),
        (#"{"a":1 "b":2}"#, .unexpectedByte(byte("\""))),
        ("[}", .unexpectedByte(byte("}"))),
        ("{]", .unexpectedByte(byte("]"))),
        (#"{"a""#, .unexpectedEnd),
        ("[ ", .unexpectedEnd),
    ])
    func invalid(_ text: String, _ reason: JSONError.Reason) {
        #expect(reasonOf(text) == reason)
    }

    @Test func errorOffsetsPointAtTheProblem() throws {
        do {
            _ = try JSONTape.parse(Array(#"{"a": [1, 2,]}"#.utf8))
            Issue.record("parsed invalid JSON")
        } catch {
            #expect(error.offset == 12)
            #expect(error.description == "unexpected ']' at byte 12")
        }
    }

    @Test(arguments: [(512, true), (513, false), (100_000, false)])
    func nestingLimit(_ depth: Int, _ ok: Bool) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(reasonOf(text) == (ok ? nil : .tooDeep(512)))
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(reasonOf(objects) == (ok ? nil : .tooDeep(512)))
    }

    @Test func deepUnclosedInputIsAnErrorNotACrash() {
        #expect(reasonOf(String(repeating: "[", count: 1_000_000)) == .tooDeep(512))
        #expect(reasonOf(String(repeating: "[", count: 100), maxDepth: 512) == .unexpectedEnd)
    }

    @Test(arguments: [("[[1]]", 2, true), ("[[[1]]]", 2, false), ("1", 0, true), ("[]", 0, false)])
    func customDepthLimit(_ text: String, _ limit: Int, _ ok: Bool) {
        #expect(reasonOf(text, maxDepth: limit) == (ok ? nil : .tooDeep(limit)))
    }

    @Test(arguments: [
        (#"{ "a" : "x  y" , "b" : [ 1 , 2 ] }"#, #"{"a":"x  y","b":[1,2]}"#),
        (#"[ "a \" b" , "c\\" , " d " , "e\\\" f" ]"#, #"["a \" b","c\\"," d ","e\\\" f"]"#),
        ("{\"k\" :\n\t{ } ,\r\n\"l\":[ ] }", #"{"k":{},"l":[]}"#),
        (#"  "  spaced  "  "#, #""  spaced  ""#),
        ("  12.5e3 ", "12.5e3"),
        (" [ -0 , 1E+2 , true , null ] ", "[-0,1E+2,true,null]"),
        (#"{"\"k \"" : " : , " }"#, #"{"\"k \"":" : , "}"#),
        (#"{"u":"\u00e9 \ud83d\ude00"}"#, #"{"u":"\u00e9 \ud83d\ude00"}"#),
    ])
    func writeCompactRemovesWhitespaceOutsideStringsOnly(_ input: String, _ expected: String) throws {
        let root = try parseJSON(input)
        #expect(compact(root) == expected)
    }

    @Test func writeCompactOfANestedValue() throws {
        let root = try parseJSON(#"{ "a" : { "b" : [ 1 , "2 3" ] } , "c" : "d" }"#)
        #expect(compact(root["a"]) == #"{"b":[1,"2 3"]}"#)
        #expect(compact(root["a"]?["b"]) == #"[1,"2 3"]"#)
        #expect(compact(root["c"]) == #""d""#)
    }
}

@Suite("JSONValue: reading values")
struct JSONValueTests {
    @Test func accessors() throws {
        let v = try parseJSON(#"{"s":"x\ny","n":-12,"f":2.5,"big":1e3,"t":true,"f0":false,"z":null,"a":[1,2,3],"o":{"k":1},"dup":1,"dup":2,"k\u00e9y":"esc"}"#)
        #expect(v["s"]?.string == "x\ny")
        #expect(v["n"]?.int == -12)
        #expect(v["f"]?.int == nil)
        #expect(v["f"]?.double == 2.5)
        #expect(v["big"]?.int == 1000)
        #expect(v["big"]?.numberText == "1e3")
        #expect(v["t"]?.isTrue == true)
        #expect(v["f0"]?.isTrue == false)
        #expect(v["f0"]?.bool == false)
        #expect(v["z"]?.isNull == true)
        #expect(v["missing"] == nil)
        #expect(v["a"]?.count == 3)
        #expect(v["a"]?.elements.map { $0.int ?? 0 } == [1, 2, 3])
        #expect(v["o"]?.count == 1)
        #expect(v["dup"]?.int == 2)
        #expect(v["kéy"]?.string == "esc")
        #expect(v.members.map(\.key) == ["s", "n", "f", "big", "t", "f0", "z", "a", "o", "dup", "dup", "kéy"])
        #expect(v["s"]?["x"] == nil)
        #expect(v["a"]?.members.map(\.key) == [])
        #expect(v["s"]?.kind == .string)
        #expect(v["s"]?.rawBytes.elementsEqual(Array(#""x\ny""#.utf8)) == true)
    }

    @Test func unescapedStringBytesKeepLoneSurrogatesAsEscapes() throws {
        let v = try parseJSON(#"["a\ud800b", "\ud83d\ude00", "\u0041\n"]"#)
        let items = Array(v.elements)
        #expect(items[0].unescapedStringBytes.map { String(decoding: $0, as: UTF8.self) } == #"a\uD800b"#)
        #expect(items[0].string == "a\u{FFFD}b")
        #expect(items[1].unescapedStringBytes == Array("😀".utf8))
        #expect(items[2].unescapedStringBytes == Array("A\n".utf8))
    }
}

@Suite("Timestamp")
struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("1970-01-01T00:00:00+00:00", 0),
        ("1970-01-01T01:00:00+01:00", 0),
        ("1969-12-31T23:00:00-01:00", 0),
        ("1970-01-01T01:00:00+0100", 0),
        ("1970-01-01", 0),
        ("1970-01-01 00:01", 60),
        ("1970-01-01T00:00:01.5", 1.5),
        ("2026-02-20T10:01:02.345678+00:00", 1771581662.345678),
        ("2000-02-29T00:00:00Z", 951782400),
        ("1970-01-01t00:00:01,25z", 1.25),
        ("1970-01-01 02:00-02:00", 14400),
        ("1970-01-01T23:59:60Z", 86400),
    ])
    func parses(_ text: String, _ seconds: Double) throws {
        let t = try #require(Timestamp.parse(text))
        #expect(abs(t.seconds - seconds) < 1e-6)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-02-20T25:00:00Z", "2026-02-20T10:00:00+25:00",
                      "2026-02-20T10:00:00.Z", "2026-02-20T10:00:00 UTC", "20260220", "2026-02-20T10",
                      "2026-02-20T10:00:00+01", "2026-02-20T10:00:00+01:0", "2026-02-20T10:00:00.5Q", "2026-02-20X10:00"])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}

/// JSON string output: exactly what JSON requires escaped, plus U+2028/2029.
@Suite struct JSONStringOutputTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("q\"b\\s", #""q\"b\\s""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{2028}x\u{2029}", #""\u2028x\u2029""#),
        ("é€🚀 \u{7F}", "\"é€🚀 \u{7F}\""),
        ("", #""""#),
    ])
    func escapes(_ text: String, _ json: String) throws {
        var out: [UInt8] = []
        appendJSONString(text, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == json)
        #expect(try JSONTape.parse(out).root.string == text)
    }
}
