/// Agent Markdown split into lines the way cmark numbers them (LF, CRLF
/// or CR end a line), so that a block's `start_line…end_line` can be copied.
struct SourceLines {
    private let bytes: [UInt8]
    /// Start offset of each line, and the offset where its content ends.
    private var starts: [Int] = []
    private var ends: [Int] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        var i = 0
        var start = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                starts.append(start)
                ends.append(i)
                i += (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count {
            starts.append(start)
            ends.append(bytes.count)
        }
    }

    var count: Int { starts.count }

    /// Lines `range` (1-based), LF-terminated, without trailing blank lines;
    /// NUL becomes U+FFFD as cmark reads it.
    func append(_ range: ClosedRange<Int>, to out: inout [UInt8]) {
        var last = range.upperBound
        while last > range.lowerBound, isBlank(last) { last -= 1 }
        for line in range.lowerBound...last {
            for i in starts[line - 1]..<ends[line - 1] {
                if bytes[i] == 0 { out += [0xEF, 0xBF, 0xBD] } else { out.append(bytes[i]) }
            }
            out.append(0x0A)
        }
    }

    /// Whether byte `a` directly followed by `b` occurs on lines `range`.
    func contains(_ a: UInt8, _ b: UInt8, in range: ClosedRange<Int>) -> Bool {
        guard range.lowerBound >= 1, range.upperBound <= count else { return true }
        let from = starts[range.lowerBound - 1], to = ends[range.upperBound - 1]
        var i = from
        while i + 1 < to {
            if bytes[i] == a, bytes[i + 1] == b { return true }
            i += 1
        }
        return false
    }

    private func isBlank(_ line: Int) -> Bool {
        for i in starts[line - 1]..<ends[line - 1] where bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
        return true
    }

    /// The fence opened on `first` is closed on `last` (an indented code
    /// block, which has no fence, counts as closed). An unclosed fence runs
    /// to the end of the text and would swallow what follows it.
    func closesFence(from first: Int, to last: Int) -> Bool {
        guard first >= 1, last <= count else { return false }
        guard let open = fence(first) else { return true }
        guard last > first else { return false }
        var lastLine = last
        while lastLine > first, isBlank(lastLine) { lastLine -= 1 }
        guard lastLine > first, let close = fence(lastLine) else { return false }
        return close.char == open.char && close.length >= open.length && close.onlyFence
    }

    private func fence(_ line: Int) -> (char: UInt8, length: Int, onlyFence: Bool)? {
        var i = starts[line - 1]
        let end = ends[line - 1]
        var indent = 0
        while i < end, bytes[i] == 0x20, indent < 4 { i += 1; indent += 1 }
        guard indent < 4, i < end, bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "~") else { return nil }
        let char = bytes[i]
        var length = 0
        while i < end, bytes[i] == char { i += 1; length += 1 }
        guard length >= 3 else { return nil }
        var rest = i
        while rest < end, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }
        return (char, length, rest == end)
    }
}
