import Testing
@testable import ByteLevel

/// The searches against plain loops over the same bytes, at every start
/// offset, with the hit before, inside and after a 16-byte block.
@Suite("ByteLevel: searches")
struct ByteSearchTests {
    private static func naiveSpecial(_ b: [UInt8], from: Int) -> Int {
        b[from...].firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 } ?? b.count
    }

    @Test(arguments: [0, 1, 7, 15, 16, 17, 31, 32, 33, 40, 63, 64, 65, 79, 127, 128, 150])
    func firstStringSpecialFindsEachKind(position: Int) {
        for special: UInt8 in [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x0A, 0x1F] {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 151)
            bytes[position] = special
            for start in 0...position {
                let found = bytes.span.firstStringSpecial(from: start)
                #expect(found == position, "byte \(special) at \(position), from \(start)")
                #expect(ByteView.of(bytes) { $0.firstStringSpecial(from: start) } == position)
            }
            #expect(bytes.span.firstStringSpecial(from: position + 1) == Self.naiveSpecial(bytes, from: position + 1))
        }
    }

    /// Every byte value, inside a 64-byte block and in the 16-byte tail.
    @Test(arguments: [70, 140, 146])
    func firstStringSpecialTellsEveryByte(position: Int) {
        for value in 0...255 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 150)
            bytes[position] = UInt8(value)
            let isSpecial = value < 0x20 || value == 0x22 || value == 0x5C
            #expect(bytes.span.firstStringSpecial(from: 0) == (isSpecial ? position : bytes.count), "byte \(value)")
        }
    }

    @Test func firstStringSpecialIgnoresHighBytesAndSpace() {
        let bytes = Array("é日本 \u{7F}~ plain text longer than sixteen bytes".utf8)
        #expect(bytes.span.firstStringSpecial(from: 0) == bytes.count)
        #expect([UInt8]().span.firstStringSpecial(from: 0) == 0)
    }

    @Test(arguments: [
        (0, nil as Int?, 5 as Int?), (6, nil, 37), (6, 37, nil), (38, nil, nil), (0, 5, nil), (0, 6, 5),
    ])
    func byteIndexHonoursItsRange(from: Int, to: Int?, expected: Int?) {
        var bytes = [UInt8](repeating: 0x20, count: 40)
        bytes[5] = 0x0A
        bytes[37] = 0x0A
        #expect(bytes.span.byteIndex(of: 0x0A, from: from, to: to) == expected)
        #expect(ByteView.of(bytes) { $0.byteIndex(of: 0x0A, from: from, to: to) } == expected)
    }

    @Test func byteViewSlicesAndCopies() {
        let bytes = Array(#"{"id":"a\"b"}"#.utf8)
        ByteView.of(bytes) { view in
            #expect(view.count == bytes.count)
            #expect(view[1] == UInt8(ascii: "\""))
            #expect(view.string(2..<4) == "id")
            #expect(view.array(7..<11) == Array(#"a\"b"#.utf8))
            #expect(view.contains(UInt8(ascii: "\\"), in: 7..<11))
            #expect(!view.contains(UInt8(ascii: "\\"), in: 0..<7))
            #expect(view.prefix(4).count == 4)
            #expect(view.unescapedJSONString(7..<11) == Array(#"a"b"#.utf8))
            #expect(view.withSpan(2..<4) { String(decodingUTF8: $0) } == "id")
        }
        #expect(ByteView.empty.isEmpty)
        #expect(ByteView.of("héllo") { $0.count } == 6)
    }

    @Test func spanHelpers() {
        let a = Array("abcdef".utf8), b = Array("abcdef".utf8), c = Array("abcdeg".utf8)
        // (#expect cannot take a span as an argument: the results first.)
        let same = a.span.bytesEqual(b.span), differ = a.span.bytesEqual(c.span)
        let shorter = a.span.bytesEqual(a.span.extracting(0..<5)), empty = [UInt8]().span.bytesEqual([UInt8]().span)
        #expect(same && !differ && !shorter && empty)
        var out = Array("x".utf8)
        out.append(a.span.extracting(1..<3))
        #expect(out == Array("xbc".utf8))
        #expect(String(decodingUTF8: [0x61, 0xFF].span) == "a\u{FFFD}")
    }
}

@Suite("ByteLevel: frozen arrays")
struct FrozenArrayTests {
    @Test(arguments: [0, 1, 100])
    func keepsElementsInOrder(count: Int) {
        let elements = (0..<count).map { "item \($0)" }  // reference-counted contents too
        let frozen = FrozenArray(elements)
        #expect(frozen.view.count == count)
        #expect((0..<count).map { frozen.view[$0] } == elements)
    }

    @Test func bytesSliceAndAppend() {
        let frozen = FrozenArray(Array("hello world".utf8))
        var out = Array(">".utf8)
        out.append(frozen.view.bytes(6..<11))
        #expect(out == Array(">world".utf8))
        #expect(frozen.view.bytes(0..<0).isEmpty)
    }
}

/// Byte-for-byte substring search (KeyFindingsExtractor, the outcome rules).
@Suite struct LiteralSearchTests {
    @Test(arguments: [
        ("a. b. c", ". ", 1),
        ("abc", "abc", 0),
        ("abc", "abcd", nil),
        ("", "a", nil),
        ("abc", "", 0),
        ("aab", "ab", 1),
        ("ab\u{301}c", "b", 1),  // found even where a combining mark follows (as in JavaScript)
        ("é. x", ". ", 2),
        ("xxRetryin", "Retrying", nil),
        ("…Retrying…", "Retrying", 3),
    ] as [(String, String, Int?)])
    func findsTheFirstOccurrence(_ text: String, _ needle: String, _ offset: Int?) {
        let r = text.firstLiteralRange(of: needle)
        #expect(r.map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) } == offset)
        if let r { #expect(Array(text.utf8[r]) == Array(needle.utf8)) }
        #expect(text.containsLiteral(needle) == (offset != nil))
    }

    /// In a substring the range is of the substring's own indices.
    @Test func searchesASubstring() {
        let text = "one. two. three"
        let rest = text.dropFirst(5)
        let r = rest.firstLiteralRange(of: ". ")
        #expect(r.map { String(rest[..<$0.lowerBound]) } == "two")
    }

    /// Against a naive search of the bytes, on random texts.
    @Test func agreesWithANaiveSearch() {
        var seed: UInt64 = 5
        let alphabet: [UInt8] = Array("ab. ".utf8)
        for n in 0..<3000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let hay = (0..<(n % 50)).map { k in alphabet[Int((seed >> UInt64(k % 60)) & 3)] }
            let needle = Array(hay.suffix(n % 4).reversed())
            let naive = hay.count < needle.count ? nil
                : (0...(hay.count - needle.count)).first { Array(hay[$0..<($0 + needle.count)]) == needle }
            let text = String(decoding: hay, as: UTF8.self)
            let found = text.firstLiteralRange(of: String(decoding: needle, as: UTF8.self))
            #expect(found.map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) } == naive)
        }
    }
}
