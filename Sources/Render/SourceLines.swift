import ByteLevel
import Transcript

/// Agent Markdown split into lines the way cmark numbers them (LF, CRLF
/// or CR end a line), so that a block's `start_line…end_line` can be copied.
struct SourceLines {
    private let bytes: [UInt8]
    /// Start offset of each line, and the offset where its content ends.
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// Whether the text holds a NUL at all (almost never).
    private var hasNUL = false

    init(_ text: String) {
        let source = Array(text.utf8)
        bytes = source
        let buf = source.span
        let n = buf.count
        // Line feeds by memchr; a carriage return (rare) switches to the byte loop.
        let hasCR = buf.byteIndex(of: 0x0D) != nil
        hasNUL = buf.byteIndex(of: 0) != nil
        var start = 0
        while start < n {
            let hit: Int
            if hasCR {
                guard let h = source[start..<n].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { break }
                hit = h
            } else {
                guard let h = buf.byteIndex(of: 0x0A, from: start) else { break }
                hit = h
            }
            starts.append(start)
            ends.append(hit)
            start = hit + ((buf[hit] == 0x0D && hit + 1 < n && buf[hit + 1] == 0x0A) ? 2 : 1)
        }
        if start < n {
            starts.append(start)
            ends.append(n)
        }
    }

    var count: Int { starts.count }

    /// Lines `range` (1-based), LF-terminated, without trailing blank lines;
    /// NUL becomes U+FFFD as cmark reads it.
    func append(_ range: ClosedRange<Int>, to out: inout [UInt8]) {
        var last = range.upperBound
        while last > range.lowerBound, isBlank(last) { last -= 1 }
        let buf = bytes.span
        for line in range.lowerBound...last {
            var from = starts[line - 1]
            let to = ends[line - 1]
            while hasNUL, let nul = buf.byteIndex(of: 0, from: from, to: to) {
                out.append(buf.extracting(from..<nul))
                out += [0xEF, 0xBF, 0xBD]
                from = nul + 1
            }
            out.append(buf.extracting(from..<to))
            out.append(0x0A)
        }
    }

    /// Whether byte `a` directly followed by `b` occurs on lines `range`.
    func contains(_ a: UInt8, _ b: UInt8, in range: ClosedRange<Int>) -> Bool {
        guard range.lowerBound >= 1, range.upperBound <= count else { return true }
        let buf = bytes.span
        var i = starts[range.lowerBound - 1]
        let to = ends[range.upperBound - 1]
        while let hit = buf.byteIndex(of: a, from: i, to: to - 1) {
            if buf[hit + 1] == b { return true }
            i = hit + 1
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
