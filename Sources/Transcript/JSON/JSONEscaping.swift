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
func unescapeJSONString(_ s: UnsafeBufferPointer<UInt8>, keepLoneSurrogatesEscaped: Bool = false) -> [UInt8] {
    let n = s.count
    guard n > 0, let base = s.baseAddress else { return [] }
    // Every escape is at least as long as what it stands for (a lone
    // surrogate kept escaped: exactly), so the result fits in `n` bytes.
    return [UInt8](unsafeUninitializedCapacity: n) { out, written in
        guard let o = out.baseAddress else { return }
        var w = 0
        @inline(__always) func put(_ b: UInt8) { o[w] = b; w += 1 }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= n else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                guard let h = hexValue(s[at + k]) else { return nil }
                v = v << 4 | h
            }
            return v
        }
        func putScalar(_ v: UInt32) {
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
        func putLone(_ v: UInt32) {
            if keepLoneSurrogatesEscaped {
                let digits: StaticString = "0123456789ABCDEF"
                put(UInt8(ascii: "\\")); put(UInt8(ascii: "u"))
                put(digits.utf8Start[Int(v >> 12 & 0xF)]); put(digits.utf8Start[Int(v >> 8 & 0xF)])
                put(digits.utf8Start[Int(v >> 4 & 0xF)]); put(digits.utf8Start[Int(v & 0xF)])
            } else {
                putScalar(0xFFFD)
            }
        }
        func copyRun(_ from: Int, _ to: Int) {
            guard to > from else { return }
            (o + w).update(from: base + from, count: to - from)
            w += to - from
        }
        var i = 0
        var runStart = 0
        while i < n {
            // Jump to the next backslash (memchr looks at many bytes at a time).
            guard let hit = s.byteIndex(of: 0x5C, from: i) else { break }
            i = hit
            copyRun(runStart, i)
            guard i + 1 < n else { runStart = n; break }
            let e = s[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "u"):
                guard let v = hex4(i) else { break }
                i += 4
                if v >= 0xD800 && v < 0xDC00 {
                    if i + 6 <= n, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u"),
                       let low = hex4(i + 2), low >= 0xDC00 && low < 0xE000 {
                        i += 6
                        putScalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        putLone(v)
                    }
                } else if v >= 0xDC00 && v < 0xE000 {
                    putLone(v)
                } else {
                    putScalar(v)
                }
            default: put(e)  // \" \\ \/
            }
            runStart = i
        }
        if runStart < n { copyRun(runStart, n) }
        written = w
    }
}

/// Appends `s` as a JSON string literal (quotes included). Output is UTF-8;
/// only what JSON requires is escaped, plus U+2028/2029 for JavaScript safety.
public func appendJSONString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { buf in
        var runStart = 0
        var i = 0
        let n = buf.count
        @inline(__always) func flush(_ upTo: Int) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<upTo]))
        }
        while i < n {
            let c = buf[i]
            // Most bytes need nothing: test the rare ones first.
            guard c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 || c == 0xE2 else { i += 1; continue }
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                flush(i)
                out.append(0x5C)
                out.append(c)
            case 0x0A, 0x0D, 0x09:
                flush(i)
                out.append(0x5C)
                out.append(c == 0x0A ? UInt8(ascii: "n") : (c == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t")))
            case 0xE2:
                // U+2028 and U+2029 are line breaks in JavaScript: escaped too.
                guard i + 2 < n, buf[i + 1] == 0x80, buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9 else { i += 1; continue }
                flush(i)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x32, 0x30, 0x32, buf[i + 2] == 0xA8 ? 0x38 : 0x39])
                i += 3
                runStart = i
                continue
            default:
                flush(i)
                let digits: StaticString = "0123456789abcdef"
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30,
                                        digits.utf8Start[Int(c >> 4)], digits.utf8Start[Int(c & 0xF)]])
            }
            i += 1
            runStart = i
        }
        flush(n)
    }
    out.append(UInt8(ascii: "\""))
}
