import Foundation

/// The manifest's bytes, made one entry at a time: JSONEncoder builds a tree
/// of the whole value before writing, several kilobytes per entry, so the
/// skeleton (the manifest without entries) and each entry are encoded alone
/// and the entries spliced into the skeleton's empty `entries` array. The
/// bytes are the same as encoding the whole manifest (ManifestEncodingTests).
extension Manifest {
    /// The encoder of the manifest, and of one entry as the manifest holds it.
    public static func entryEncoder() -> JSONEncoder { encoder() }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// Hands the bytes to `sink` in pieces (the skeleton's head, each entry, the tail).
    public func encodePieces(_ sink: ([UInt8]) throws -> Void) rethrows {
        let encoder = Self.encoder()
        let sorted = entries.sorted { IndexEntry.newestFirst($0.session, $1.session) }
        try Self.encode(skeleton: self, entries: sorted.lazy.map { Array((try? encoder.encode($0)) ?? Data()) }, sink)
    }

    /// The manifest `skeleton` (its own entries ignored) with `entries`, each
    /// one entry's JSON as JSONEncoder makes it alone, already newest first.
    public static func encode(skeleton: Manifest, entries: some Sequence<[UInt8]>, _ sink: ([UInt8]) throws -> Void) rethrows {
        var bare = skeleton
        bare.entries = []
        bare.pending.sort()
        bare.pages.sort()
        // Only strings, numbers, arrays and enums: encoding cannot fail.
        let bytes = Array((try? encoder().encode(bare)) ?? Data()) + [0x0A]
        guard let (open, close) = emptyEntries(in: bytes) else { return try sink(bytes) }
        var first = true
        for json in entries {
            if first { try sink(Array(bytes[..<open])) }
            try sink(element(json, first: first))
            first = false
        }
        try sink(first ? bytes : Array("\n  ".utf8) + Array(bytes[close...]))
    }

    /// One entry as an element of the top-level `entries` array: indented
    /// four spaces (a string never holds a raw newline, so every newline
    /// starts a line of the element; only an empty array's has none).
    static func element(_ json: [UInt8], first: Bool) -> [UInt8] {
        var out: [UInt8] = Array((first ? "\n    " : ",\n    ").utf8)
        out.reserveCapacity(json.count + json.count / 8 + 8)
        for (i, byte) in json.enumerated() {
            out.append(byte)
            // An empty array's blank line stays blank, as JSONEncoder makes it.
            if byte == 0x0A && i + 1 < json.count && json[i + 1] != 0x0A { out += [0x20, 0x20, 0x20, 0x20] }
        }
        return out
    }

    /// The range of the skeleton's empty entries array: just after its `[`
    /// and at its `]` (only blanks between).
    static func emptyEntries(in bytes: [UInt8]) -> (Int, Int)? {
        let marker = Array("\n  \"entries\" : [".utf8)
        guard bytes.count > marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == 0x0A && bytes[start..<start + marker.count].elementsEqual(marker) {
            let open = start + marker.count
            var close = open
            while close < bytes.count, bytes[close] == 0x0A || bytes[close] == 0x20 { close += 1 }
            return close < bytes.count && bytes[close] == UInt8(ascii: "]") ? (open, close) : nil
        }
        return nil
    }
}
