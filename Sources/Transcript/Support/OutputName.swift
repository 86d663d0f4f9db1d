/// Safe output file names for session ids (which are untrusted text).
public enum OutputName {
    static let windowsReserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL"]
        for i in 1...9 { names.insert("COM\(i)"); names.insert("LPT\(i)") }
        return names
    }()

    /// The id itself when it is a plain, portable name; otherwise a readable
    /// slug plus the first 12 hex digits of the id's SHA-256.
    public static func base(for id: String) -> String {
        if isPlain(id) { return id }
        return hashed(id)
    }

    public static func hashed(_ id: String) -> String {
        var slug = ""
        var lastDash = false
        for scalar in id.unicodeScalars {
            if slug.count >= 40 { break }
            if scalar.isASCII, let c = Optional(Character(scalar)), c.isLetter || c.isNumber {
                slug.append(c)
                lastDash = false
            } else if !lastDash && !slug.isEmpty {
                slug.append("-")
                lastDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "session" }
        return slug + "-" + String(SHA256.hex(id).prefix(12))
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`, not a Windows device name, and not
    /// one of the names the index uses.
    public static func isPlain(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...100).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        guard alnum(bytes[0]) else { return false }
        for b in bytes.dropFirst() where !(alnum(b) || b == 0x2E || b == 0x5F || b == 0x2D) { return false }
        let stem = String(id.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]).uppercased()
        if windowsReserved.contains(stem) { return false }
        let lower = id.lowercased()
        if lower == "index" || lower.hasPrefix("index-") || lower.hasPrefix("index.") { return false }
        // Names ending in ".tmp" could be mistaken for our own temporary files.
        if lower.hasSuffix(".tmp") { return false }
        return true
    }
}

/// Hands out distinct names: ids that differ only by letter case (the same
/// file on case-insensitive disks) or that collide with a hashed name get
/// the hashed form, then a longer hash. The names handed out are kept as
/// 16-byte digests of their lower case (a run over 300,000 sessions kept
/// 32 MB of Strings here).
public struct OutputNameAllocator {
    private var used: Set<NameDigest> = []
    public init() {}

    /// Room for `count` names at once (a set that doubles holds both copies while it moves).
    public mutating func reserve(_ count: Int) { used.reserveCapacity(count) }

    public mutating func name(for id: String) -> String {
        var candidate = OutputName.base(for: id)
        if used.contains(NameDigest(candidate.lowercased())) {
            candidate = OutputName.hashed(id)
            if used.contains(NameDigest(candidate.lowercased())) {
                candidate = String(candidate.dropLast(12)) + SHA256.hex(id)
            }
        }
        used.insert(NameDigest(candidate.lowercased()))
        return candidate
    }
}
