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
        bytes.withUnsafeBufferPointer { src -> [UInt8] in
            guard let first = firstControl(src, from: 0) else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(src.count + 16)
            var i = 0
            var at: Int? = first
            while let c = at {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<c]))
                out.append(contentsOf: replacement)
                i = c + (src[c] == 0xC2 ? 2 : 1)
                at = firstControl(src, from: i)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i...]))
            return out
        }
    }

    /// Index of the next control character's first byte. U+0080–U+009F are
    /// encoded as C2 80–C2 9F. Pages are large and almost always clean: 8
    /// bytes at a time, a word with no byte below 0x20, no 0x7F and no 0xC2
    /// is skipped (bit tricks: "has a byte less than n", "has a zero byte").
    private static func firstControl(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        @inline(__always) func isControl(_ i: Int) -> Bool {
            let c = b[i]
            if c < 0x20 { return c != 0x09 && c != 0x0A && c != 0x0D }
            if c == 0x7F { return true }
            return c == 0xC2 && i + 1 < b.count && (0x80...0x9F).contains(b[i + 1])
        }
        var i = start
        while i + 8 <= b.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let below20 = (x &- ones &* 0x20) & ~x & highs != 0
            if below20 || hasZero(x ^ (ones &* 0x7F)) || hasZero(x ^ (ones &* 0xC2)) {
                for k in i..<(i + 8) where isControl(k) { return k }
            }
            i += 8
        }
        while i < b.count {
            if isControl(i) { return i }
            i += 1
        }
        return nil
    }

    private static let replacement = Array("\u{FFFD}".utf8)
}
