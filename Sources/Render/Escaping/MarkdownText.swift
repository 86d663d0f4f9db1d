/// Turns untrusted plain text into Markdown that cannot create structure.
///
/// The one Markdown escaper: the Markdown content type
/// (`TemplateContentType.markdown`) writes every plain-text value of a
/// Markdown template through it when rendering (alert, ids, agent names,
/// queries, error messages, table cells), and the brief builds its lines
/// with it. Which function depends on where the value sits: `inline`
/// (prose, table cells, link text), `codeSpan`, `fencedBlock`.
enum MarkdownText {
    /// One line of text: line breaks and control characters become spaces,
    /// every character CommonMark or GFM could read as inline markup is
    /// backslash-escaped, and a start that could open a block (`# `, `- `,
    /// `+ `, `1. `, `---`, `===`) is neutralised, so the value is safe at the
    /// start of a line, inside a paragraph and inside a table cell.
    static func inline(_ text: String) -> String {
        isPlainInline(text) ? text : escapedInline(text)
    }

    /// `inline` without the shortcut for text that needs nothing.
    static func escapedInline(_ text: String) -> String {
        let src = collapsedLine(text)
        var out: [UInt8] = []
        out.reserveCapacity(src.count + src.count / 8 + 2)
        if let at = blockMarker(src) {
            out.append(contentsOf: src[..<at])
            out.append(UInt8(ascii: "\\"))
            out.append(src[at])
            appendEscaped(src, from: at + 1, to: &out)
        } else {
            appendEscaped(src, from: 0, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text that `inline` would return unchanged (most names, times and
    /// sentences): no control character, no space to collapse or trim, no
    /// markup character, and no block start at the beginning ("1047" is
    /// plain, "1. x" is not).
    static func isPlainInline(_ text: String) -> Bool {
        // Control characters, DEL, "_" and the always-escaped characters, as
        // bits: 0–63 in `low`, 64–127 in `high` (checked in the tests).
        let low: UInt64 = 0x5000_0450_FFFF_FFFF, high: UInt64 = 0xD000_0001_B800_0000
        var text = text
        return text.withUTF8 { utf8 in
            guard let first = utf8.first, first != 0x20 else { return utf8.isEmpty }
            var previous: UInt8 = 0
            for b in utf8 {
                if b < 0x80 {
                    let bit = b < 64 ? (low >> b) & 1 : (high >> (b - 64)) & 1
                    if bit != 0 { return false }
                    if b == 0x20 && previous == 0x20 { return false }
                }
                previous = b
            }
            guard previous != 0x20 else { return false }
            // Nothing to escape or collapse: only a block start ("# ", "- ",
            // "1. ", "===") would be changed, as `escapedInline` decides.
            switch first {
            case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                return blockMarker(utf8) == nil
            default:
                return true
            }
        }
    }

    /// What `isPlainInline` refuses inside a text, byte by byte (the
    /// definition the bit masks encode).
    static func refusedInside(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x7F || b == UInt8(ascii: "_") || alwaysEscaped(b)
    }

    /// Backslash-escapes inline markup from `start` on.
    private static func appendEscaped(_ src: [UInt8], from start: Int, to out: inout [UInt8]) {
        var i = start
        while i < src.count {
            let b = src[i]
            if b == UInt8(ascii: "_") {
                // An underscore between two letters or digits can neither open
                // nor close emphasis (CommonMark §6.2), so "dispatch_field" stays readable.
                let inWord = i > 0 && i + 1 < src.count && isAlnum(src[i - 1]) && isAlnum(src[i + 1])
                if !inWord { out.append(UInt8(ascii: "\\")) }
            } else if alwaysEscaped(b) {
                out.append(UInt8(ascii: "\\"))
            }
            out.append(b)
            i += 1
        }
    }

    /// Whitespace runs and control characters as one space, trimmed; NUL as U+FFFD.
    private static func collapsedLine(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for b in text.utf8 {
            if b == 0x20 || (b < 0x20 && b != 0) || b == 0x7F { pendingSpace = true; continue }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            if b == 0 { out.append(contentsOf: replacementCharacter) } else { out.append(b) }
        }
        return out
    }

    /// Where a backslash neutralises a block start, if this line, at the
    /// start of a line, would open one: an ATX heading
    /// (`#` run then space or end), a bullet (`-`, `+` then space or end), an
    /// ordered item (digits then `.`/`)` then space or end), a thematic break
    /// or setext underline (only `-`, `=` and spaces). `*`, `>`, `|`, `` ` ``
    /// and `~` are escaped everywhere anyway.
    private static func blockMarker<Bytes: RandomAccessCollection<UInt8>>(_ src: Bytes) -> Int? where Bytes.Index == Int {
        guard let first = src.first else { return nil }
        func spaceOrEnd(_ i: Int) -> Bool { i >= src.count || src[i] == 0x20 }
        switch first {
        case UInt8(ascii: "#"):
            var i = 0
            while i < src.count, src[i] == UInt8(ascii: "#") { i += 1 }
            return i <= 6 && spaceOrEnd(i) ? 0 : nil
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
            if src.allSatisfy({ $0 == first || $0 == 0x20 }) { return 0 }
            return first != UInt8(ascii: "=") && spaceOrEnd(1) ? 0 : nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // A backslash before a digit is literal text, so it goes before the "." or ")".
            var i = 0
            while i < src.count, src[i] >= 0x30, src[i] <= 0x39 { i += 1 }
            guard i < src.count, src[i] == UInt8(ascii: ".") || src[i] == UInt8(ascii: ")") else { return nil }
            return spaceOrEnd(i + 1) ? i : nil
        default:
            return nil
        }
    }

    @inline(__always)
    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    /// A code span (`` `text` ``) whose fence is longer than any backtick
    /// run inside. In a GFM table cell a `|` must be written `\|` even in
    /// code, so `inTable` escapes it.
    static func codeSpan(_ text: String, inTable: Bool = false) -> String {
        // The usual id or code: one backtick fence around the text as it is.
        if let first = text.utf8.first, first != 0x20, text.utf8.last != 0x20,
           !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "`") || (inTable && $0 == UInt8(ascii: "|")) }) {
            return "`" + text + "`"
        }
        return fencedCodeSpan(text, inTable: inTable)
    }

    /// `codeSpan` without the shortcut for text that needs one fence only.
    static func fencedCodeSpan(_ text: String, inTable: Bool = false) -> String {
        var content = ""
        content.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": content.unicodeScalars.append(" ")
            case "\0": content.unicodeScalars.append("\u{FFFD}")
            case "|" where inTable: content += "\\|"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { content.unicodeScalars.append(" ") } else { content.unicodeScalars.append(scalar) }
            }
        }
        if content.isEmpty { return "" }
        let fence = String(repeating: "`", count: longestRun(of: UInt8(ascii: "`"), in: content) + 1)
        // A space on each side keeps a leading or trailing backtick (or
        // space) from merging with the fence; CommonMark strips one of each.
        let pad = content.first == "`" || content.last == "`" || content.first == " " || content.last == " "
        return pad ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
    }

    /// A fenced code block for multi-line untrusted text: the fence is
    /// longer than any backtick run inside, so nothing in the text can
    /// close it. No trailing newline.
    static func fencedBlock(_ text: String, info: String = "") -> String {
        var body = text.replacingLineEndings()
        body = body.replacingNUL()
        while body.hasSuffix("\n") { body.removeLast() }
        let fence = String(repeating: "`", count: max(3, longestRun(of: UInt8(ascii: "`"), in: body) + 1))
        let infoText = info.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return "\(fence)\(infoText)\n\(body)\n\(fence)"
    }

    /// `[text](<url>)` for an http(s) URL that `LinkPolicy` accepted.
    static func link(_ text: String, url: String) -> String {
        "[\(inline(text))](<\(LinkPolicy.percentEscaped(url))>)"
    }

    private static let replacementCharacter = Array("\u{FFFD}".utf8)

    @inline(__always)
    private static func alwaysEscaped(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"),
             UInt8(ascii: "~"), UInt8(ascii: "$"):
            return true
        default:
            return false
        }
    }

    static func longestRun(of byte: UInt8, in text: String) -> Int {
        var longest = 0, run = 0
        for b in text.utf8 {
            if b == byte { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return longest
    }
}

extension String {
    /// `\r\n` and `\r` as `\n` (CommonMark's three line endings).
    func replacingLineEndings() -> String {
        guard utf8.contains(0x0D) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for b in utf8 {
            if b == 0x0D { out.append(0x0A); previousCR = true; continue }
            if b == 0x0A && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// NUL is not allowed in CommonMark input; U+FFFD stands for it as the spec says.
    func replacingNUL() -> String {
        guard utf8.contains(0) else { return self }
        return String(unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : Character($0) })
    }
}
