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
        try encodePieces(pending: pending.sorted(), sink)
    }

    /// The same with `pending` (in String order, no repeats) in place of this one's.
    public func encodePieces(pending: some Sequence<String>, _ sink: ([UInt8]) throws -> Void) rethrows {
        let encoder = Self.encoder()
        let sorted = entries.sorted { IndexEntry.newestFirst($0.session, $1.session) }
        try Self.encode(skeleton: self, entries: sorted.lazy.map { Array((try? encoder.encode($0)) ?? Data()) }, pending: pending, sink)
    }

    /// The manifest `skeleton` (its own entries ignored) with `entries`, each
    /// one entry's JSON as JSONEncoder makes it alone, already newest first.
    public static func encode(skeleton: Manifest, entries: some Sequence<[UInt8]>, _ sink: ([UInt8]) throws -> Void) rethrows {
        try encode(skeleton: skeleton, entries: entries, pending: skeleton.pending.sorted(), sink)
    }

    /// The same, with `pending` (already in String order, no repeats) in
    /// place of the skeleton's: a pending list of 900,000 file names is
    /// never one array of Strings nor one tree in JSONEncoder.
    public static func encode(skeleton: Manifest, entries: some Sequence<[UInt8]>, pending: some Sequence<String>,
                              _ sink: ([UInt8]) throws -> Void) rethrows {
        var bare = skeleton
        bare.entries = []
        bare.pending = []
        bare.pages.sort()
        // Only strings, numbers, arrays and enums: encoding cannot fail.
        let bytes = Array((try? encoder().encode(bare)) ?? Data()) + [0x0A]
        guard let (open, close) = emptyArray("entries", in: bytes, from: 0),
              let (pendingOpen, pendingClose) = emptyArray("pending", in: bytes, from: close) else {
            bare.pending = Array(pending)
            return try sink(Array((try? encoder().encode(bare)) ?? Data()) + [0x0A])
        }
        var at = try splice(bytes, from: 0, open: open, close: close, elements: entries, sink)
        at = try splice(bytes, from: at, open: pendingOpen, close: pendingClose, elements: pending.lazy.map(stringJSON), sink)
        try sink(Array(bytes[at...]))
    }

    /// `bytes[start..<close]` with `elements` between `open` and `close`
    /// (an empty array's blanks kept, as JSONEncoder makes them); returns `close`.
    static func splice(_ bytes: [UInt8], from start: Int, open: Int, close: Int, elements: some Sequence<[UInt8]>,
                       _ sink: ([UInt8]) throws -> Void) rethrows -> Int {
        var first = true
        for json in elements {
            if first { try sink(Array(bytes[start..<open])) }
            try sink(element(json, first: first))
            first = false
        }
        try sink(first ? Array(bytes[start..<close]) : Array("\n  ".utf8))
        return close
    }

    /// A string as JSONEncoder writes it (slashes unescaped): printable
    /// ASCII without quote or backslash as it is, the rest by JSONEncoder.
    static func stringJSON(_ s: String) -> [UInt8] {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return [0x22] + Array(s.utf8) + [0x22] }
        return Array((try? encoder().encode(s)) ?? Data())
    }

    /// An entry's JSON as it stands inside a manifest this tool wrote (from
    /// its `{` to its `}`, its lines indented as an element of `entries`).
    public static func elementBytes(_ json: [UInt8]) -> [UInt8] {
        Array(element(json, first: true).dropFirst(5))
    }

    /// The entry JSON whose `elementBytes` are `element`, or nil when its
    /// lines are not indented as this tool indents an entry (edited by hand).
    public static func entryJSON(element: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(element.count)
        var i = 0
        while i < element.count {
            let byte = element[i]
            out.append(byte)
            i += 1
            if byte == 0x0A && i < element.count && element[i] != 0x0A {
                guard i + 4 <= element.count, element[i..<(i + 4)].allSatisfy({ $0 == 0x20 }) else { return nil }
                i += 4
            }
        }
        return elementBytes(out) == element ? out : nil
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

    /// The range of the skeleton's empty top-level array `key` (the first
    /// at or after `from`): just after its `[` and at its `]` (only blanks between).
    static func emptyArray(_ key: String, in bytes: [UInt8], from: Int) -> (Int, Int)? {
        let marker = Array("\n  \"\(key)\" : [".utf8)
        guard bytes.count > marker.count, from <= bytes.count - marker.count else { return nil }
        for start in from...(bytes.count - marker.count) where bytes[start] == 0x0A && bytes[start..<start + marker.count].elementsEqual(marker) {
            let open = start + marker.count
            var close = open
            while close < bytes.count, bytes[close] == 0x0A || bytes[close] == 0x20 { close += 1 }
            return close < bytes.count && bytes[close] == UInt8(ascii: "]") ? (open, close) : nil
        }
        return nil
    }
}
