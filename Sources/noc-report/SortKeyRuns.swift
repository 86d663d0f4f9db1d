import ByteLevel
import HeapModule

/// The manifest order of a run's entries (IndexEntry.newestFirst) without
/// holding a key per entry: keys are gathered a run at a time, sorted and
/// written to the scratch store; reading them in order merges the runs.
/// Memory: one run of keys and one read buffer a run, whatever the count.
final class SortKeyRuns {
    /// What the order gives back for an entry.
    struct Entry {
        var sequence: UInt32
        var json: ScratchStore.Place
        var jsonLength: Int
    }

    private struct Run {
        var place: ScratchStore.Place
        var byteCount: Int
    }

    private let store: ScratchStore
    private let runSize: Int
    private var runs: [Run] = []
    /// The keys not yet in a run, encoded (KeyCoding) one after another.
    private var pending: [UInt8] = []
    private var pendingStarts: [Int] = []
    /// `pending` sorted, kept until the next key: the entries are read
    /// several times (index pages, manifest), sorted once.
    private var sortedTail: [UInt8]?

    /// `runSize`: keys sorted in memory at once.
    init(store: ScratchStore, runSize: Int = 16_384) {
        self.store = store
        self.runSize = max(2, runSize)
    }

    func add(created: Double?, id: String, name: String, entry: Entry) {
        sortedTail = nil
        pendingStarts.append(pending.count)
        KeyCoding.append(created: created, id: Array(id.utf8), name: Array(name.utf8), entry: entry, to: &pending)
        // Bounded in bytes too: an id can be long.
        if pendingStarts.count >= runSize || pending.count >= 4 << 20 {
            let sorted = sortedPending()
            runs.append(Run(place: store.append(sorted), byteCount: sorted.count))
            pending.removeAll(keepingCapacity: true)
            pendingStarts.removeAll(keepingCapacity: true)
        }
    }

    /// The keys not yet written, sorted, as one run's bytes.
    private func sortedPending() -> [UInt8] {
        var order = pendingStarts
        ByteView.of(pending) { bytes in
            order.sort { KeyCoding.precedes(bytes, $0, bytes, $1) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(pending.count)
        ByteView.of(pending) { bytes in
            for start in order { out += pending[start..<start + KeyCoding.length(of: bytes, at: start)] }
        }
        return out
    }

    /// Every entry in manifest order: the runs merged, with the keys not
    /// yet written sorted in memory.
    func inOrder() -> AnyIterator<Entry> {
        let tail = sortedTail ?? sortedPending()
        sortedTail = tail
        let pieceSize = min(64 << 10, max(4 << 10, (4 << 20) / max(1, runs.count)))
        var readers = runs.map { run in
            RunReader(byteCount: run.byteCount, pieceSize: pieceSize) { [store] count, offset in
                store.read(count, at: run.place.advanced(by: offset))
            }
        }
        readers.append(RunReader(byteCount: tail.count, pieceSize: tail.count) { count, offset in
            Array(tail[offset..<min(offset + count, tail.count)])
        })
        var heads = Heap<Head>()
        for i in readers.indices { if let key = readers[i].next() { heads.insert(Head(key: key, run: i)) } }
        return AnyIterator {
            guard let head = heads.popMin() else { return nil }
            if let key = readers[head.run].next() { heads.insert(Head(key: key, run: head.run)) }
            return ByteView.of(head.key) { KeyCoding.entry(of: $0) }
        }
    }

    private struct Head: Comparable {
        var key: [UInt8]
        var run: Int

        static func < (a: Head, b: Head) -> Bool {
            ByteView.of(a.key) { x in ByteView.of(b.key) { y in KeyCoding.precedes(x, 0, y, 0) } }
        }

        static func == (a: Head, b: Head) -> Bool { a.key == b.key }
    }
}

/// Reads a run's keys one at a time, a piece of the store at a time.
private struct RunReader {
    let byteCount: Int
    let pieceSize: Int
    let fetch: (_ count: Int, _ offset: Int) -> [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var fetched = 0

    init(byteCount: Int, pieceSize: Int, fetch: @escaping (Int, Int) -> [UInt8]) {
        self.byteCount = byteCount
        self.pieceSize = max(1, pieceSize)
        self.fetch = fetch
    }

    /// The next key's bytes; nil after the last.
    mutating func next() -> [UInt8]? {
        guard fetched - buffer.count + position < byteCount else { return nil }
        guard have(KeyCoding.headerSize) else { return nil }
        let length = ByteView.of(buffer) { KeyCoding.length(of: $0, at: position) }
        guard have(length) else { return nil }
        defer { position += length }
        return Array(buffer[position..<position + length])
    }

    /// Whether `count` bytes from `position` are in the buffer, reading on.
    private mutating func have(_ count: Int) -> Bool {
        while buffer.count - position < count {
            guard fetched < byteCount else { return false }
            buffer.removeFirst(position)
            position = 0
            let piece = fetch(max(pieceSize, count - buffer.count), fetched)
            guard !piece.isEmpty else { return false }
            buffer += piece
            fetched += piece.count
        }
        return true
    }
}

/// A sort key as bytes: created (Double bits, all ones for none), sequence,
/// JSON place and length (8 bytes each), id length, name length (all ones: the id), then
/// the id's and the name's bytes.
enum KeyCoding {
    static let headerSize = 40
    private static let noCreated = UInt64.max
    private static let nameIsID = UInt32.max

    static func append(created: Double?, id: [UInt8], name: [UInt8], entry: SortKeyRuns.Entry, to out: inout [UInt8]) {
        let sameName = name == id
        put(created.map(\.bitPattern) ?? noCreated, &out)
        put(UInt64(entry.sequence) | (entry.json.inMemory ? 1 << 63 : 0), &out)
        put(UInt64(entry.json.offset), &out)
        put(UInt64(entry.jsonLength), &out)
        put(UInt32(id.count), &out)
        put(sameName ? nameIsID : UInt32(name.count), &out)
        out += id
        if !sameName { out += name }
    }

    static func length(of bytes: ByteView, at start: Int) -> Int {
        let id = Int(bytes.word32(at: start + 32)), name = bytes.word32(at: start + 36)
        return headerSize + id + (name == nameIsID ? 0 : Int(name))
    }

    static func entry(of key: ByteView) -> SortKeyRuns.Entry {
        let tagged = key.word64(at: 8)
        return SortKeyRuns.Entry(sequence: UInt32(truncatingIfNeeded: tagged),
                                 json: ScratchStore.Place(offset: Int(key.word64(at: 16)), inMemory: tagged >> 63 == 1),
                                 jsonLength: Int(key.word64(at: 24)))
    }

    /// IndexEntry.newestFirst on two encoded keys (at `a` in `x`, `b` in `y`).
    static func precedes(_ x: ByteView, _ a: Int, _ y: ByteView, _ b: Int) -> Bool {
        let ca = x.word64(at: a), cb = y.word64(at: b)
        switch (ca == noCreated, cb == noCreated) {
        case (false, false):
            let da = Double(bitPattern: ca), db = Double(bitPattern: cb)
            if da != db { return da > db }
        case (false, true): return true
        case (true, false): return false
        case (true, true): break
        }
        let (aID, aName) = fields(x, a), (bID, bName) = fields(y, b)
        let c = compare(x, aID, y, bID)
        return c != 0 ? c < 0 : compare(x, aName, y, bName) < 0
    }

    private static func fields(_ v: ByteView, _ start: Int) -> (id: Range<Int>, name: Range<Int>) {
        let idCount = Int(v.word32(at: start + 32)), nameCount = v.word32(at: start + 36)
        let id = start + headerSize..<start + headerSize + idCount
        return (id, nameCount == nameIsID ? id : id.upperBound..<id.upperBound + Int(nameCount))
    }

    /// String order (canonical equivalence): byte order for ASCII, else Swift's.
    private static func compare(_ x: ByteView, _ a: Range<Int>, _ y: ByteView, _ b: Range<Int>) -> Int {
        x.withSpan(a) { s in
            y.withSpan(b) { t in
                if s.isASCII && t.isASCII { return s.compareBytes(t) }
                let u = String(decodingUTF8: s), v = String(decodingUTF8: t)
                return u == v ? 0 : u < v ? -1 : 1
            }
        }
    }

    private static func put(_ value: UInt64, _ out: inout [UInt8]) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }

    private static func put(_ value: UInt32, _ out: inout [UInt8]) {
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
}
