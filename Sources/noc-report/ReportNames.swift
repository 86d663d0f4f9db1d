/// The report base names of a run's sessions, by catalogue slot, kept
/// compact (issue 15 case 10): the bytes in blocks of 64 KiB taken once
/// (an arena that doubles as it grows holds up to twice what it needs),
/// a start and a length per name, about 45 bytes a session.
/// Names are ASCII by construction (OutputName), so byte order is String order.
struct ReportNames: Sendable {
    private static let blockSize = 1 << 16
    private var blocks: [[UInt8]] = []
    /// Where each name starts: block number times blockSize plus the offset in it.
    private var starts: [UInt32] = []
    private var lengths: [UInt8] = []
    /// Slots in byte order of their names, for `contains`.
    private var sorted: [UInt32] = []

    init(_ names: some Sequence<String>) {
        starts.reserveCapacity(names.underestimatedCount)
        lengths.reserveCapacity(names.underestimatedCount)
        for name in names { append(name) }
        var order = Array(0..<UInt32(starts.count))
        order.sort { utf8(Int($0)).lexicographicallyPrecedes(utf8(Int($1))) }
        sorted = order
    }

    private mutating func append(_ name: String) {
        // OutputName's names are at most 105 bytes.
        let bytes = Array(name.utf8.prefix(255))
        if blocks.isEmpty || blocks[blocks.count - 1].count + bytes.count > Self.blockSize {
            var block: [UInt8] = []
            block.reserveCapacity(Self.blockSize)
            blocks.append(block)
        }
        let b = blocks.count - 1
        starts.append(UInt32(b * Self.blockSize + blocks[b].count))
        lengths.append(UInt8(bytes.count))
        blocks[b].append(contentsOf: bytes)
    }

    var count: Int { starts.count }

    subscript(slot: Int) -> String { String(decoding: utf8(slot), as: UTF8.self) }

    /// The name's bytes followed by `suffix`'s, as one String.
    func name(_ slot: Int, suffix: String) -> String {
        var s = self[slot]
        s += suffix
        return s
    }

    func contains(_ name: String) -> Bool {
        let wanted = Array(name.utf8)
        let i = sorted.partitioningIndex { !utf8(Int($0)).lexicographicallyPrecedes(wanted) }
        return i < sorted.count && utf8(Int(sorted[i])).elementsEqual(wanted)
    }

    /// The name's bytes (no copy).
    func utf8(_ slot: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[slot])
        let offset = start % Self.blockSize
        return blocks[start / Self.blockSize][offset..<offset + Int(lengths[slot])]
    }
}

/// Every report file a run may write: each of its sessions' names (and,
/// under --redact, neutral names) with each format's suffix. Made when
/// asked, never kept as Strings (at 300,000 sessions and three formats,
/// 900,000 names).
struct CandidateFiles: Sendable {
    let bases: [ReportNames]
    /// Catalogue slots of this run's sessions (32-bit, as the catalogue's).
    let slots: [Int32]
    let suffixes: [String]

    /// How many names at most (repeats counted).
    var count: Int { slots.count * bases.count * suffixes.count }

    /// Each in String order, without repeats (the order the manifest
    /// lists them), made one at a time: 8 bytes a file meanwhile.
    func sortedNames() -> AnySequence<String> {
        let suffixBytes = suffixes.map { Array($0.utf8) }
        var keys: [(base: UInt8, suffix: UInt8, slot: Int32)] = []
        keys.reserveCapacity(slots.count * bases.count * suffixes.count)
        for slot in slots { for b in bases.indices { for s in suffixes.indices { keys.append((UInt8(b), UInt8(s), Int32(slot))) } } }
        let bases = self.bases, suffixes = self.suffixes
        keys.sort { x, y in
            Self.precedes(bases[Int(x.base)].utf8(Int(x.slot)), suffixBytes[Int(x.suffix)],
                          bases[Int(y.base)].utf8(Int(y.slot)), suffixBytes[Int(y.suffix)])
        }
        return AnySequence { () -> AnyIterator<String> in
            var i = 0
            var last = ""
            return AnyIterator {
                while i < keys.count {
                    let k = keys[i]
                    i += 1
                    let name = bases[Int(k.base)].name(Int(k.slot), suffix: suffixes[Int(k.suffix)])
                    if name != last {
                        last = name
                        return name
                    }
                }
                return nil
            }
        }
    }

    /// Byte order of `x` + `xTail` and `y` + `yTail`, without joining them.
    static func precedes(_ x: ArraySlice<UInt8>, _ xTail: [UInt8], _ y: ArraySlice<UInt8>, _ yTail: [UInt8]) -> Bool {
        let xCount = x.count + xTail.count, yCount = y.count + yTail.count
        func at(_ s: ArraySlice<UInt8>, _ t: [UInt8], _ i: Int) -> UInt8 { i < s.count ? s[s.startIndex + i] : t[i - s.count] }
        for i in 0..<min(xCount, yCount) {
            let a = at(x, xTail, i), b = at(y, yTail, i)
            if a != b { return a < b }
        }
        return xCount < yCount
    }

    /// All of them as a set (for the rare runs after an unfinished one).
    var all: Set<String> {
        var set: Set<String> = []
        for slot in slots { for b in bases { for s in suffixes { set.insert(b.name(Int(slot), suffix: s)) } } }
        return set
    }
}

/// Two sequences in String order merged into one, without repeats.
struct SortedUnion<A: Sequence<String>, B: Sequence<String>>: Sequence {
    let a: A
    let b: B

    init(_ a: A, _ b: B) {
        self.a = a
        self.b = b
    }

    func makeIterator() -> AnyIterator<String> {
        var x = a.makeIterator(), y = b.makeIterator()
        var nextX = x.next(), nextY = y.next()
        var last: String?
        return AnyIterator {
            while true {
                let taken: String
                switch (nextX, nextY) {
                case (nil, nil): return nil
                case (let p?, nil): taken = p; nextX = x.next()
                case (nil, let q?): taken = q; nextY = y.next()
                case (let p?, let q?):
                    if p <= q { taken = p; nextX = x.next() } else { taken = q; nextY = y.next() }
                }
                if taken != last {
                    last = taken
                    return taken
                }
            }
        }
    }
}
