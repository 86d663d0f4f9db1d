import ByteLevel

/// Control characters (C0 but tab, line feed and carriage return; DEL; C1)
/// are parse errors in HTML, and in a Markdown file they drive the terminal
/// that shows it (`cat report.md`): session text may hold any of them, so
/// finished pages, HTML and Markdown, show U+FFFD instead.
enum ControlCharacters {
    static func replaced(in text: String) -> String {
        let bytes = Array(text.utf8)
        let clean = replaced(in: bytes)
        return clean == bytes ? text : String(decoding: clean, as: UTF8.self)
    }

    static func replaced(in bytes: [UInt8]) -> [UInt8] {
        let src = bytes.span
        guard let first = firstControl(src, from: 0) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(src.count + 16)
        var i = 0
        var at: Int? = first
        while let c = at {
            out.append(src.extracting(i..<c))
            out.append(contentsOf: replacement)
            i = c + (src[c] == 0xC2 ? 2 : 1)
            at = firstControl(src, from: i)
        }
        out.append(src.extracting(i...))
        return out
    }

    /// Index of the next control character's first byte. U+0080–U+009F are
    /// encoded as C2 80–C2 9F. Pages are large and almost always clean: 16
    /// bytes at a time, a block with no control byte (tab, LF and CR are
    /// fine), no 0x7F and no 0xC2 is skipped.
    private static func firstControl(_ b: Span<UInt8>, from start: Int) -> Int? {
        @inline(__always) func isControl(_ i: Int) -> Bool {
            let c = b[unchecked: i]
            if c < 0x20 { return c != 0x09 && c != 0x0A && c != 0x0D }
            if c == 0x7F { return true }
            return c == 0xC2 && i + 1 < b.count && (0x80...0x9F).contains(b[unchecked: i + 1])
        }
        let space = SIMD16<UInt8>(repeating: 0x20)
        let tab = SIMD16<UInt8>(repeating: 0x09), lineFeed = SIMD16<UInt8>(repeating: 0x0A)
        let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        let delete = SIMD16<UInt8>(repeating: 0x7F), c2 = SIMD16<UInt8>(repeating: 0xC2)
        var i = start
        while i + 16 <= b.count {
            let v = b.load16(at: i)
            let control = (v .< space) .& (v .!= tab) .& (v .!= lineFeed) .& (v .!= carriageReturn)
            if hasLane(control .| (v .== delete) .| (v .== c2)) {
                for k in i..<(i + 16) where isControl(k) { return k }
            }
            i += 16
        }
        while i < b.count {
            if isControl(i) { return i }
            i += 1
        }
        return nil
    }

    private static let replacement = Array("\u{FFFD}".utf8)
}
