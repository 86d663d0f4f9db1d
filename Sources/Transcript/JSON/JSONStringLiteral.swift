import ByteLevel

/// Appends `s` as a JSON string literal (quotes included). Output is UTF-8;
/// only what JSON requires is escaped, plus U+2028/2029 for JavaScript safety.
public func appendJSONString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.makeContiguousUTF8()
    let buf = s.utf8.span
    var runStart = 0
    var i = 0
    let n = buf.count
    @inline(__always) func flush(_ upTo: Int) {
        out.append(buf.extracting(runStart..<upTo))
    }
    while i < n {
        let c = buf[unchecked: i]
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
                                    digits.withBytes { $0[Int(c >> 4)] }, digits.withBytes { $0[Int(c & 0xF)] }])
        }
        i += 1
        runStart = i
    }
    flush(n)
    out.append(UInt8(ascii: "\""))
}
