import Crypto

/// SHA-256 for stable output names, shard assignment and the archive
/// manifest: the same bytes hash the same on every machine. The digest is
/// swift-crypto's (BoringSSL), not a hand-written one.
public enum SHA256 {
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: message))
    }

    public static func hex(_ text: String) -> String {
        Hex.encode(hash(Array(text.utf8)))
    }

    public static func hex(bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }

    /// The digest of `parts` joined by one NUL byte, without joining them.
    public static func hex(parts: [[UInt8]]) -> String {
        var hasher = Crypto.SHA256()
        for (i, part) in parts.enumerated() {
            if i > 0 { hasher.update(data: [0]) }
            hasher.update(data: part)
        }
        return Hex.encode(hasher.finalize())
    }
}
