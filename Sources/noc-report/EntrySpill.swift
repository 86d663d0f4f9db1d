import ByteLevel
import Foundation
import Render
import Transcript

/// A run's manifest entries, kept out of memory (docs/reliability.md): each
/// entry's JSON, as the manifest holds it, goes to a scratch file; their
/// order (newest first) is kept as sorted runs of keys there too
/// (SortKeyRuns). Memory keeps per entry a digest of its name, a sequence
/// number and a byte, about 30 bytes. When no file can be written, the
/// bytes stay in memory: never an entry lost.
final class EntrySpill {
    private let store: ScratchStore
    private let order: SortKeyRuns
    /// Name digest to the sequence number of the entry that has that name.
    private var names: [NameDigest: UInt32] = [:]
    /// Per sequence number: the formats written in this run (ReportFormatBits), 0 when unchanged.
    private var rendered: [UInt8] = []
    /// Per sequence number: replaced by a later entry of the same name.
    private var dropped: [UInt64] = []
    private let encoder = Manifest.entryEncoder()
    private let decoder = JSONDecoder()

    /// `expected`: about how many entries will come, so that memory is
    /// taken once (an array that doubles as it grows holds up to twice
    /// what it needs, and both copies while it moves). `inMemory` and
    /// `runSize` are for tests of the fallback and of the merge.
    init(in dir: OutputDirectory, expected: Int = 0, inMemory: Bool = false, runSize: Int = 16_384) {
        store = ScratchStore(in: dir, label: "entries", inMemory: inMemory)
        order = SortKeyRuns(store: store, runSize: runSize)
        names.reserveCapacity(expected)
        rendered.reserveCapacity(expected)
    }

    /// The entries kept (a later one of a name replaces an earlier one).
    private(set) var count = 0

    func contains(_ name: String) -> Bool { names[NameDigest(name)] != nil }

    func contains(digest: NameDigest) -> Bool { names[digest] != nil }

    /// Whether this run kept an entry of that name's digest without rendering it.
    func isUnchanged(digest: NameDigest) -> Bool { names[digest].map { rendered[Int($0)] == 0 } ?? false }

    /// The formats this run wrote for `name`; nil when it did not render it.
    func renderedFormats(_ name: String) -> UInt8? {
        names[NameDigest(name)].flatMap { rendered[Int($0)] == 0 ? nil : rendered[Int($0)] }
    }

    /// Adds an entry; a later one of the same name replaces it (as a
    /// dictionary by name would). `rendered`: written in this run. `json`:
    /// the entry already encoded (as `Manifest.entryEncoder` does).
    func append(_ entry: ManifestEntry, rendered wasRendered: Bool = false, json encoded: [UInt8]? = nil) {
        let json = encoded ?? Array((try? encoder.encode(entry)) ?? Data())
        let sequence = UInt32(rendered.count)
        let place = store.append(json)
        order.add(created: entry.session.created?.seconds, id: entry.session.id, name: entry.session.name,
                  entry: SortKeyRuns.Entry(sequence: sequence, json: place, jsonLength: json.count))
        if let old = names.updateValue(sequence, forKey: NameDigest(entry.session.name)) {
            dropped[Int(old) >> 6] |= 1 << (UInt64(old) & 63)
        } else {
            count += 1
        }
        rendered.append(wasRendered ? ReportFormatBits.of(entry.files) : 0)
        if dropped.count * 64 < rendered.count { dropped.append(0) }
    }

    private func isDropped(_ sequence: UInt32) -> Bool {
        dropped[Int(sequence) >> 6] & (1 << (UInt64(sequence) & 63)) != 0
    }

    /// The kept entries' JSON in manifest order (newest first), read back one at a time.
    func sortedJSON() -> AnyIterator<[UInt8]> {
        let keys = order.inOrder()
        return AnyIterator { [self] in
            while let key = keys.next() {
                if isDropped(key.sequence) { continue }
                return store.read(key.jsonLength, at: key.json)
            }
            return nil
        }
    }

    func decode(_ json: [UInt8]) -> ManifestEntry? {
        try? decoder.decode(ManifestEntry.self, from: Data(json))
    }
}

/// The entries newest first, read back one at a time.
struct SpilledEntries: Sequence {
    let spill: EntrySpill

    func makeIterator() -> AnyIterator<ManifestEntry> {
        let json = spill.sortedJSON()
        return AnyIterator {
            while let bytes = json.next() {
                if let e = spill.decode(bytes) { return e }
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
        let spilled = spill.sortedJSON()
        var next = spilled.next(), j = 0
        let encoder = Manifest.entryEncoder()
        return AnyIterator {
            if let json = next, j == extra.count || spill.decode(json).map({ IndexEntry.newestFirst($0.session, extra[j].session) }) ?? true {
                next = spilled.next()
                return json
            }
            guard j < extra.count else { return nil }
            defer { j += 1 }
            return Array((try? encoder.encode(extra[j])) ?? Data())
        }
    }
}
