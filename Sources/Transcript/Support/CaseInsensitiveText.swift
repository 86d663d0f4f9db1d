#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text folded for case-insensitive search of ASCII needles, as Python's
/// `re.IGNORECASE` matches them: ASCII letters by their lower case, and the
/// few other characters that match an ASCII letter (İ and ı match "i",
/// ſ matches "s", the Kelvin sign matches "k"). Bytes, not `Character`s:
/// a digit followed by a combining mark still contains the digit.
struct CaseInsensitiveText {
    private(set) var bytes: [UInt8]

    init(_ text: String) {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        var input = text
        input.withUTF8 { utf8 in
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b >= 0x41 && b <= 0x5A {
                    folded.append(b | 0x20)
                } else if b == 0xC4, i + 1 < n, utf8[i + 1] == 0xB0 || utf8[i + 1] == 0xB1 {
                    folded.append(UInt8(ascii: "i")); i += 1
                } else if b == 0xC5, i + 1 < n, utf8[i + 1] == 0xBF {
                    folded.append(UInt8(ascii: "s")); i += 1
                } else if b == 0xE2, i + 2 < n, utf8[i + 1] == 0x84, utf8[i + 2] == 0xAA {
                    folded.append(UInt8(ascii: "k")); i += 2
                } else {
                    folded.append(b)
                }
                i += 1
            }
        }
        bytes = folded
    }

    /// `needle` (lower-case ASCII) occurs anywhere.
    func contains(_ needle: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { Self.find(needle, in: $0) != nil }
    }

    /// `first` and later on the same line (lines end at "\n", as `.` in a
    /// regular expression stops there) `second`: `first.*second`.
    func containsOnOneLine(_ first: StaticString, then second: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            var lineStart = 0
            while lineStart < buf.count {
                let lineEnd = buf.byteIndex(of: 0x0A, from: lineStart) ?? buf.count
                let line = UnsafeBufferPointer(rebasing: buf[lineStart..<lineEnd])
                if let at = Self.find(first, in: line),
                   Self.find(second, in: UnsafeBufferPointer(rebasing: line[(at + first.utf8CodeUnitCount)...])) != nil {
                    return true
                }
                lineStart = lineEnd + 1
            }
            return false
        }
    }

    private static func find(_ needle: StaticString, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, haystack.count >= needle.utf8CodeUnitCount else { return nil }
        let length = needle.utf8CodeUnitCount
        var at = 0
        while at + length <= haystack.count {
            guard let offset = haystack.byteIndex(of: needle.utf8Start.pointee, from: at, to: haystack.count - length + 1) else {
                return nil
            }
            if memcmp(base + offset, needle.utf8Start, length) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }
}
