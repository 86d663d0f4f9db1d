import ByteLevel
import Foundation
import Render
import Transcript

/// A run's manifest entries, kept out of memory (docs/reliability.md): each
/// entry's JSON, as the manifest holds it, goes to a temporary file without
/// a name; memory keeps per entry its place in the file and its sort key
/// (creation time, id, name) in one byte arena, about 100 bytes. When the
/// file cannot be made or written, the bytes stay in memory: never an entry lost.
final class EntrySpill {
    private struct Slot {
        var offset: Int
        var key: Int
        var length: UInt32
        var idLength: UInt32
        /// The name's bytes follow the id's; none when the name is the id.
        var nameLength: UInt32
        var nameIsID: Bool
        /// Replaced by a later entry of the same name.
        var dropped = false
        /// NaN when the entry has no creation time.
        var created: Double
    }

    private struct Named {
        var slot: Int32
        /// The formats written in this run (ReportFormatBits), 0 when unchanged.
        var rendered: UInt8
    }

    private var fd: Int32
    private var fileEnd = 0
    private var memory: [UInt8] = []
    private var slots: [Slot] = []
    private var keys: [UInt8] = []
    private var names: [NameDigest: Named] = [:]
    private var order: [Int32]?
    private let encoder = Manifest.entryEncoder()
    private let decoder = JSONDecoder()

    /// `expected`: about how many entries will come, so that memory is
    /// taken once (an array that doubles as it grows holds up to twice
    /// what it needs, and both copies while it moves).
    init(in dir: OutputDirectory, expected: Int = 0) {
        slots.reserveCapacity(expected)
        keys.reserveCapacity(expected * 40)
        names.reserveCapacity(expected)
        // An unnamed file (O_TMPFILE): nothing to clean up, whatever stops
        // the run, and the folder itself unchanged (a rerun leaves its time
        // alone). Else an unlinked file under $TMPDIR; else memory.
        fd = FileIO.openScratchFile(inFolder: dir.fd) {
            let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            return base + "/" + OutputDirectory.temporaryPrefix + dir.token + "-entries"
        }
    }

    deinit { if fd >= 0 { Descriptor.close(fd) } }

    var count: Int { sortedOrder().count }

    func contains(_ name: String) -> Bool { names[NameDigest(name)] != nil }

    func contains(digest: NameDigest) -> Bool { names[digest] != nil }

    /// The formats this run wrote for `name`; nil when it did not render it.
    func renderedFormats(_ name: String) -> UInt8? {
        names[NameDigest(name)].flatMap { $0.rendered == 0 ? nil : $0.rendered }
    }

    /// Adds an entry; a later one of the same name replaces it (as a
    /// dictionary by name would). `rendered`: written in this run.
    func append(_ entry: ManifestEntry, rendered: Bool = false) {
        let json = Array((try? encoder.encode(entry)) ?? Data())
        let id = Array(entry.session.id.utf8), name = Array(entry.session.name.utf8)
        let nameIsID = id == name
        var slot = Slot(offset: 0, key: keys.count, length: UInt32(json.count), idLength: UInt32(id.count),
                        nameLength: UInt32(nameIsID ? 0 : name.count), nameIsID: nameIsID, created: entry.session.created?.seconds ?? .nan)
        keys += id
        if !nameIsID { keys += name }
        slot.offset = store(json)
        let digest = NameDigest(entry.session.name)
        if let old = names[digest] { slots[Int(old.slot)].dropped = true }
        names[digest] = Named(slot: Int32(slots.count), rendered: rendered ? ReportFormatBits.of(entry.files) : 0)
        slots.append(slot)
        order = nil
    }

    /// Where the bytes went: a file offset, or (negative) a place in memory.
    private func store(_ json: [UInt8]) -> Int {
        if fd >= 0, writeAll(json, at: fileEnd) {
            defer { fileEnd += json.count }
            return fileEnd
        }
        defer { memory += json }
        return -1 - memory.count
    }

    private func writeAll(_ bytes: [UInt8], at offset: Int) -> Bool {
        FileIO.writeAll(fd, bytes, at: offset)
    }

    /// The JSON of the `i`th entry in manifest order (newest first).
    func json(sortedAt i: Int) -> [UInt8] {
        let slot = slots[Int(sortedOrder()[i])]
        if slot.offset < 0 {
            let start = -1 - slot.offset
            return Array(memory[start..<start + Int(slot.length)])
        }
        let bytes = FileIO.read(fd, count: Int(slot.length), at: slot.offset)
        // The file is ours and unlinked: a short read is a failing disk.
        precondition(bytes.count == Int(slot.length), "the run's entry file could not be read back")
        return bytes
    }

    func entry(sortedAt i: Int) -> ManifestEntry? {
        try? decoder.decode(ManifestEntry.self, from: Data(json(sortedAt: i)))
    }

    /// Indices of the slots in manifest order, sorted once per change.
    private func sortedOrder() -> [Int32] {
        if let order { return order }
        var o = slots.indices.filter { !slots[$0].dropped }.map(Int32.init)
        ByteView.of(keys) { k in
            o.sort { a, b in Self.newestFirst(slots[Int(a)], slots[Int(b)], keys: k) }
        }
        order = o
        return o
    }

    /// IndexEntry.newestFirst on the kept keys.
    private static func newestFirst(_ a: Slot, _ b: Slot, keys: ByteView) -> Bool {
        switch (a.created.isNaN, b.created.isNaN) {
        case (false, false) where a.created != b.created: return a.created > b.created
        case (false, true): return true
        case (true, false): return false
        default: break
        }
        let c = compare(keys, a.key, Int(a.idLength), b.key, Int(b.idLength))
        if c != 0 { return c < 0 }
        let (aName, aCount) = a.nameIsID ? (a.key, Int(a.idLength)) : (a.key + Int(a.idLength), Int(a.nameLength))
        let (bName, bCount) = b.nameIsID ? (b.key, Int(b.idLength)) : (b.key + Int(b.idLength), Int(b.nameLength))
        return compare(keys, aName, aCount, bName, bCount) < 0
    }

    /// String order (canonical equivalence): byte order for ASCII, else Swift's.
    private static func compare(_ keys: ByteView, _ a: Int, _ aCount: Int, _ b: Int, _ bCount: Int) -> Int {
        keys.withSpan(a..<a + aCount) { x in
            keys.withSpan(b..<b + bCount) { y in
                if x.isASCII && y.isASCII { return x.compareBytes(y) }
                let s = String(decodingUTF8: x), t = String(decodingUTF8: y)
                return s == t ? 0 : s < t ? -1 : 1
            }
        }
    }
}

/// The entries newest first, read back one at a time.
struct SpilledEntries: Sequence {
    let spill: EntrySpill

    func makeIterator() -> AnyIterator<ManifestEntry> {
        var i = 0
        return AnyIterator {
            while i < spill.count {
                defer { i += 1 }
                if let e = spill.entry(sortedAt: i) { return e }
            }
            return nil
        }
    }
}

/// The formats of a session's report files, one bit each (never 0 when any file was written).
enum ReportFormatBits {
    /// A format name's bit; 32 for a name no format has.
    static func bit(_ format: String) -> UInt8 { ReportFormat(rawValue: format)?.bit ?? 32 }

    static func of(_ files: [ReportFile]) -> UInt8 { files.reduce(128) { $0 | bit($1.format) } }
}

/// The spilled entries' JSON merged with a few more entries (another run's,
/// committed meanwhile), newest first.
struct SpilledJSON: Sequence {
    let spill: EntrySpill
    let extra: [ManifestEntry]

    func makeIterator() -> AnyIterator<[UInt8]> {
        var i = 0, j = 0
        let encoder = Manifest.entryEncoder()
        return AnyIterator {
            if i < spill.count, j == extra.count || spill.entry(sortedAt: i).map({ IndexEntry.newestFirst($0.session, extra[j].session) }) ?? true {
                defer { i += 1 }
                return spill.json(sortedAt: i)
            }
            guard j < extra.count else { return nil }
            defer { j += 1 }
            return Array((try? encoder.encode(extra[j])) ?? Data())
        }
    }
}
