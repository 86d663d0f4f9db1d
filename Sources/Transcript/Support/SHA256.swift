import Crypto

/// SHA-256 for stable output names, shard assignment and the archive
/// manifest: the same bytes hash the same on every machine. The digest is
/// swift-crypto's (BoringSSL), not a hand-written one.
public enum SHA256 {
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: message))
    }

    public static func hex(_ text: String) -> String {
        hexDigits(hash(Array(text.utf8)))
    }

    public static func hex(bytes: [UInt8]) -> String {
        hexDigits(hash(bytes))
    }

    /// The digest of `parts` joined by one NUL byte, without joining them.
    public static func hex(parts: [[UInt8]]) -> String {
        var hasher = Crypto.SHA256()
        for (i, part) in parts.enumerated() {
            if i > 0 { hasher.update(data: [0]) }
            hasher.update(data: part)
        }
        return hexDigits(Array(hasher.finalize()))
    }

    private static func hexDigits(_ digest: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
