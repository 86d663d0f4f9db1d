/// `--shard K/N`: one of N disjoint parts of an archive, chosen by the
/// SHA-256 of each session id so that every machine picks the same part
/// with no coordination. K counts from 1.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// "K/N", e.g. "3/8".
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard (1-based) an id belongs to: the first 8 bytes of the
    /// SHA-256 of its UTF-8 bytes, big-endian, modulo N.
    public static func of(id: String, count: Int) -> Int {
        let digest = SHA256.hash(Array(id.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int(value % UInt64(count)) + 1
    }

    public func contains(id: String) -> Bool { Self.of(id: id, count: count) == index }
}
