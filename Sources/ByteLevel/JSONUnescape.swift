#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves the escapes of a JSON string's content (already validated).
///
/// A lone UTF-16 surrogate has no UTF-8 form. For display it becomes U+FFFD;
/// when the result is itself JSON text to be parsed again (an event's `data`),
/// `keepLoneSurrogatesEscaped` writes it back as the escape `\uD800`, so the
/// inner parse sees the same string JavaScript would.
public func unescapeJSONString(_ s: Span<UInt8>, keepLoneSurrogatesEscaped: Bool = false) -> [UInt8] {
    s.withUnsafeBufferPointer { unescapeJSONString($0, keepLoneSurrogatesEscaped: keepLoneSurrogatesEscaped) }
}

extension ByteView {
    /// The bytes in `range`, the content of a validated JSON string, with
    /// its escapes resolved (see `unescapeJSONString`).
    public func unescapedJSONString(_ range: Range<Int>) -> [UInt8] {
        unescapeJSONString(UnsafeBufferPointer(rebasing: buffer[range]))
    }
}

func unescapeJSONString(_ s: UnsafeBufferPointer<UInt8>, keepLoneSurrogatesEscaped: Bool = false) -> [UInt8] {
    let n = s.count
    guard n > 0, let base = s.baseAddress else { return [] }
    // Every escape is at least as long as what it stands for (a lone
    // surrogate kept escaped: exactly), so the result fits in `n` bytes.
    return [UInt8](unsafeUninitializedCapacity: n) { out, written in
        guard let o = out.baseAddress else { return }
        var w = UnescapedOutput(o, keepLoneSurrogatesEscaped: keepLoneSurrogatesEscaped)
        var i = 0
        var runStart = 0
        while i < n {
            // Jump to the next backslash (memchr looks at many bytes at a time).
            guard let hit = s.byteIndex(of: 0x5C, from: i) else { break }
            w.copy(base + runStart, count: hit - runStart)
            guard hit + 1 < n else { runStart = n; break }
            i = w.escape(in: s, at: hit)
            runStart = i
        }
        if runStart < n { w.copy(base + runStart, count: n - runStart) }
        written = w.count
    }
}

/// The buffer `unescapeJSONString` writes into, sized by the caller.
private struct UnescapedOutput {
    let o: UnsafeMutablePointer<UInt8>
    let keepLoneSurrogatesEscaped: Bool
    var count = 0

    init(_ o: UnsafeMutablePointer<UInt8>, keepLoneSurrogatesEscaped: Bool) {
        self.o = o
        self.keepLoneSurrogatesEscaped = keepLoneSurrogatesEscaped
    }

    @inline(__always) mutating func put(_ b: UInt8) { o[count] = b; count += 1 }

    @inline(__always) mutating func copy(_ from: UnsafePointer<UInt8>, count n: Int) {
        guard n > 0 else { return }
        (o + count).update(from: from, count: n)
        count += n
    }

    /// Writes what the escape whose backslash is at `i` stands for; returns
    /// the index after it. `s[i + 1]` exists.
    @inline(__always) mutating func escape(in s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let e = s[i + 1]
        switch e {
        case UInt8(ascii: "n"): put(0x0A)
        case UInt8(ascii: "t"): put(0x09)
        case UInt8(ascii: "r"): put(0x0D)
        case UInt8(ascii: "b"): put(0x08)
        case UInt8(ascii: "f"): put(0x0C)
        case UInt8(ascii: "u"): return unicodeEscape(in: s, at: i + 2)
        default: put(e)  // \" \\ \/
        }
        return i + 2
    }

    /// The four hex digits at `i` (after `\u`), with the low half that may
    /// follow a high surrogate; returns the index after what was used.
    private mutating func unicodeEscape(in s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        guard let v = hex4(s, i) else { return i }
        let after = i + 4
        if v >= 0xD800 && v < 0xDC00 {
            if after + 6 <= s.count, s[after] == UInt8(ascii: "\\"), s[after + 1] == UInt8(ascii: "u"),
               let low = hex4(s, after + 2), low >= 0xDC00 && low < 0xE000 {
                putScalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                return after + 6
            }
            putLone(v)
        } else if v >= 0xDC00 && v < 0xE000 {
            putLone(v)
        } else {
            putScalar(v)
        }
        return after
    }

    private func hex4(_ s: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= s.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let h = hexValue(s[at + k]) else { return nil }
            v = v << 4 | h
        }
        return v
    }

    private mutating func putScalar(_ v: UInt32) {
        if v < 0x80 {
            put(UInt8(v))
        } else if v < 0x800 {
            put(UInt8(0xC0 | (v >> 6)))
            put(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            put(UInt8(0xE0 | (v >> 12)))
            put(UInt8(0x80 | ((v >> 6) & 0x3F)))
            put(UInt8(0x80 | (v & 0x3F)))
        } else {
            put(UInt8(0xF0 | (v >> 18)))
            put(UInt8(0x80 | ((v >> 12) & 0x3F)))
            put(UInt8(0x80 | ((v >> 6) & 0x3F)))
            put(UInt8(0x80 | (v & 0x3F)))
        }
    }

    private mutating func putLone(_ v: UInt32) {
        guard keepLoneSurrogatesEscaped else { return putScalar(0xFFFD) }
        let digits: StaticString = "0123456789ABCDEF"
        put(UInt8(ascii: "\\")); put(UInt8(ascii: "u"))
        put(digits.utf8Start[Int(v >> 12 & 0xF)]); put(digits.utf8Start[Int(v >> 8 & 0xF)])
        put(digits.utf8Start[Int(v >> 4 & 0xF)]); put(digits.utf8Start[Int(v & 0xF)])
    }
}

/// The value of one hexadecimal digit (either case), or nil.
@inlinable @inline(__always)
public func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
    default: return nil
    }
}
