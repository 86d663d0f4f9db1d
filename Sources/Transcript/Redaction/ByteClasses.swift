import ByteLevel
// Byte classes for the hand-written scanners. Text is UTF-8; every byte of a
// multi-byte character is >= 0x80, so "word" treats those as letters and a
// match never starts or ends in the middle of a non-ASCII word.

@inline(__always) func isDigitByte(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) func isAlphaByte(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
@inline(__always) func isAlnumByte(_ b: UInt8) -> Bool { isDigitByte(b) || isAlphaByte(b) }
@inline(__always) func isHexByte(_ b: UInt8) -> Bool { isDigitByte(b) || (b | 0x20) &- 0x61 < 6 }
@inline(__always) func isWordByte(_ b: UInt8) -> Bool { isAlnumByte(b) || b == 0x5F || b >= 0x80 }
@inline(__always) func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
/// base64url, the alphabet of JSON Web Token segments.
@inline(__always) func isBase64URLByte(_ b: UInt8) -> Bool { isAlnumByte(b) || b == 0x2D || b == 0x5F }
@inline(__always) func lowerByte(_ b: UInt8) -> UInt8 { isAlphaByte(b) ? b | 0x20 : b }

extension Array where Element == UInt8 {
    /// The byte at `i`, or nil outside the array (so boundary tests read simply).
    @inline(__always) func at(_ i: Int) -> UInt8? { i >= 0 && i < count ? self[i] : nil }

    /// Whether `word` (lowercase ASCII) is at `i`, ignoring ASCII case.
    func hasWord(_ word: StaticString, at i: Int) -> Bool {
        let len = word.utf8CodeUnitCount
        guard i >= 0, i + len <= count else { return false }
        return word.withBytes { w in
            for k in 0..<len where lowerByte(self[i + k]) != w[k] { return false }
            return true
        }
    }
}

/// True when nothing word-like touches `range` from outside.
@inline(__always) func isWordBounded(_ s: [UInt8], _ range: Range<Int>) -> Bool {
    !(s.at(range.lowerBound - 1).map(isWordByte) ?? false) && !(s.at(range.upperBound).map(isWordByte) ?? false)
}
