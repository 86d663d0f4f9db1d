/// Control characters (C0 but tab, line feed and carriage return; DEL; C1)
/// are parse errors in HTML, and in a Markdown file they drive the terminal
/// that shows it (`cat report.md`): session text may hold any of them, so
/// finished pages, HTML and Markdown, show U+FFFD instead.
enum ControlCharacters {
    static func replaced(in text: String) -> String {
        var text = text
        return text.withUTF8 { src -> String in
            guard let first = firstControl(src, from: 0) else { return String(decoding: src, as: UTF8.self) }
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
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Index of the next control character's first byte. U+0080–U+009F are
    /// encoded as C2 80–C2 9F.
    private static func firstControl(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < b.count {
            let c = b[i]
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { return i }
            if c == 0x7F { return i }
            if c == 0xC2 && i + 1 < b.count && (0x80...0x9F).contains(b[i + 1]) { return i }
            i += 1
        }
        return nil
    }

    private static let replacement = Array("\u{FFFD}".utf8)
}
