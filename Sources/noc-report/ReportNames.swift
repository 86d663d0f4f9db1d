/// The report base names of a run's sessions, by catalogue slot, kept
/// compact (issue 15 case 10): one byte arena and an end offset per name,
/// about 50 bytes a session where an array of Strings cost about 100.
/// Names are ASCII by construction (OutputName), so byte order is String order.
struct ReportNames: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []
    /// Slots in byte order of their names, for `contains`.
    private var sorted: [UInt32] = []

    init(_ names: some Sequence<String>) {
        ends.reserveCapacity(names.underestimatedCount)
        for name in names {
            bytes.append(contentsOf: name.utf8)
            ends.append(UInt32(bytes.count))
        }
        // Kept for the whole run: no room left over from growing (a copy of
        // a whole array, or of a slice of all of it, keeps its capacity).
        var exact: [UInt8] = []
        exact.reserveCapacity(bytes.count)
        exact.append(contentsOf: bytes)
        bytes = exact
        let arena = bytes, ends = self.ends
        sorted = Array(0..<UInt32(ends.count))
        sorted.sort { arena[Self.range(ends, Int($0))].lexicographicallyPrecedes(arena[Self.range(ends, Int($1))]) }
    }

    var count: Int { ends.count }

    private static func range(_ ends: [UInt32], _ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    subscript(slot: Int) -> String { String(decoding: bytes[Self.range(ends, slot)], as: UTF8.self) }

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
    func utf8(_ slot: Int) -> ArraySlice<UInt8> { bytes[Self.range(ends, slot)] }
}

/// Every report file a run may write: each of its sessions' names (and,
/// under --redact, neutral names) with each format's suffix. Made when
/// asked, never kept as Strings (at 300,000 sessions and three formats,
/// 900,000 names).
struct CandidateFiles: Sendable {
    let bases: [ReportNames]
    /// Catalogue slots of this run's sessions.
    let slots: [Int]
    let suffixes: [String]

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
        for slot in slots { for b in bases { for s in suffixes { set.insert(b.name(slot, suffix: s)) } } }
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
