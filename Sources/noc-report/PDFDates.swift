import Transcript

/// Chromium stamps a PDF's `/CreationDate` and `/ModDate` with the moment it
/// printed. Pinning both to the session's creation time makes the same input
/// give the same PDF bytes, as every other format does. The dates are
/// rewritten in place at the same length, so the cross-reference offsets
/// stay right.
enum PDFDates {
    static let keys = ["/CreationDate (D:", "/ModDate (D:"].map { Array($0.utf8) }

    static func pinned(_ pdf: [UInt8], to time: Timestamp?) -> [UInt8] {
        let stamp = Array(digits(time).utf8) + Array("+00'00'".utf8)
        var bytes = pdf
        for key in keys {
            var i = 0
            while let at = bytes[i...].firstRange(of: key)?.lowerBound {
                let start = at + key.count
                if dateFits(bytes, at: start) { bytes.replaceSubrange(start..<start + stamp.count, with: stamp) }
                i = start
            }
        }
        return bytes
    }

    /// `YYYYMMDDHHmmSS` in UTC; the Unix epoch when the session has no time.
    static func digits(_ time: Timestamp?) -> String {
        String((time ?? Timestamp(seconds: 0)).display().filter(\.isNumber).prefix(14))
    }

    /// 14 digits and a `+hh'mm'` or `-hh'mm'` zone: the length of the stamp written over it.
    private static func dateFits(_ b: [UInt8], at i: Int) -> Bool {
        guard i + 21 <= b.count, b[i..<i + 14].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let zone = b[i + 14]
        return (zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-")) && b[i + 17] == UInt8(ascii: "'") && b[i + 20] == UInt8(ascii: "'")
    }
}
