import Foundation
import Render
import Transcript
#if canImport(Glibc)
import Glibc
#endif

/// A run's manifest entries, kept out of memory (docs/reliability.md): each
/// entry's JSON, as the manifest holds it, goes to an unlinked temporary
/// file in the output folder (nothing is left behind, whatever stops the
/// run); memory keeps per entry its place in the file and its sort key
/// (creation time, id, name) in one byte arena, about 120 bytes. When the
/// file cannot be made or written, the bytes stay in memory: never an entry lost.
final class EntrySpill {
    private struct Slot {
        var offset: Int
        var length: Int
        var key: Int
        var idLength: Int
        var nameLength: Int
        /// NaN when the entry has no creation time.
        var created: Double
        /// Replaced by a later entry of the same name.
        var dropped = false
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

    init(in dir: OutputDirectory) {
        let name = OutputDirectory.temporaryPrefix + dir.token + "-entries"
        fd = openat(dir.fd, name, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd >= 0 { unlinkat(dir.fd, name, 0) }
    }

    deinit { if fd >= 0 { close(fd) } }

    var count: Int { sortedOrder().count }

    func contains(_ name: String) -> Bool { names[NameDigest(name)] != nil }

    /// The formats this run wrote for `name`; nil when it did not render it.
    func renderedFormats(_ name: String) -> UInt8? {
        names[NameDigest(name)].flatMap { $0.rendered == 0 ? nil : $0.rendered }
    }

    /// Adds an entry; a later one of the same name replaces it (as a
    /// dictionary by name would). `rendered`: written in this run.
    func append(_ entry: ManifestEntry, rendered: Bool = false) {
        let json = Array((try? encoder.encode(entry)) ?? Data())
        let id = Array(entry.session.id.utf8), name = Array(entry.session.name.utf8)
        var slot = Slot(offset: 0, length: json.count, key: keys.count, idLength: id.count, nameLength: name.count,
                        created: entry.session.created?.seconds ?? .nan)
        keys += id
        keys += name
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
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return false }
                let n = pwrite(fd, base + done, raw.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }

    /// The JSON of the `i`th entry in manifest order (newest first).
    func json(sortedAt i: Int) -> [UInt8] {
        let slot = slots[Int(sortedOrder()[i])]
        if slot.offset < 0 {
            let start = -1 - slot.offset
            return Array(memory[start..<start + slot.length])
        }
        var bytes = [UInt8](repeating: 0, count: slot.length)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(fd, $0 + done, raw.count - done, off_t(slot.offset + done)) } ?? -1
            }
            if n < 0 && errno == EINTR { continue }
            // The file is ours and unlinked: a short read is a failing disk.
            precondition(n > 0, "the run's entry file could not be read back")
            done += n
        }
        return bytes
    }

    func entry(sortedAt i: Int) -> ManifestEntry? {
        try? decoder.decode(ManifestEntry.self, from: Data(json(sortedAt: i)))
    }

    /// Indices of the slots in manifest order, sorted once per change.
    private func sortedOrder() -> [Int32] {
        if let order { return order }
        var o = slots.indices.filter { !slots[$0].dropped }.map(Int32.init)
        keys.withUnsafeBufferPointer { k in
            o.sort { a, b in Self.newestFirst(slots[Int(a)], slots[Int(b)], keys: k) }
        }
        order = o
        return o
    }

    /// IndexEntry.newestFirst on the kept keys.
    private static func newestFirst(_ a: Slot, _ b: Slot, keys: UnsafeBufferPointer<UInt8>) -> Bool {
        switch (a.created.isNaN, b.created.isNaN) {
        case (false, false) where a.created != b.created: return a.created > b.created
        case (false, true): return true
        case (true, false): return false
        default: break
        }
        let c = compare(keys, a.key, a.idLength, b.key, b.idLength)
        if c != 0 { return c < 0 }
        return compare(keys, a.key + a.idLength, a.nameLength, b.key + b.idLength, b.nameLength) < 0
    }

    /// String order (canonical equivalence): byte order for ASCII, else Swift's.
    private static func compare(_ keys: UnsafeBufferPointer<UInt8>, _ a: Int, _ aCount: Int, _ b: Int, _ bCount: Int) -> Int {
        let x = UnsafeBufferPointer(rebasing: keys[a..<a + aCount]), y = UnsafeBufferPointer(rebasing: keys[b..<b + bCount])
        if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) {
            let n = min(aCount, bCount)
            if n > 0, let xb = x.baseAddress, let yb = y.baseAddress {
                let c = memcmp(xb, yb, n)
                if c != 0 { return Int(c) }
            }
            return aCount - bCount
        }
        let s = String(decoding: x, as: UTF8.self), t = String(decoding: y, as: UTF8.self)
        return s == t ? 0 : s < t ? -1 : 1
    }
}

/// A name's SHA-256, first 16 bytes: the set of a run's names without its strings.
struct NameDigest: Hashable {
    var high: UInt64
    var low: UInt64

    init(_ name: String) {
        let d = SHA256.hash(Array(name.utf8))
        high = d[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = d[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
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
    static func bit(_ format: String) -> UInt8 {
        switch format {
        case "json": return 1
        case "md": return 2
        case "html": return 4
        case "pdf": return 8
        case "brief": return 16
        default: return 32
        }
    }

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
