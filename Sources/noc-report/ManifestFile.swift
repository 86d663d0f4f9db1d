import ByteLevel
import Foundation
import Render
import Transcript

/// A manifest as read, its entries kept on disk (issue 15 case 10): at
/// 300,000 sessions `index.json` is about 300 MB and decoded whole about
/// 1 GB. The file is read once, 1 MiB at a time (ManifestScan); memory
/// keeps the manifest without its entries, and per entry its place in the
/// file and its name's digest (about 40 bytes); an entry is read back and
/// decoded when asked for, from the file as it was opened (a later rename
/// over its name does not change what is read). A manifest that cannot be
/// read this way is decoded whole, with the same errors as before.
final class ManifestFile: @unchecked Sendable {
    /// The manifest's fields; its `entries` only when decoded whole.
    let skeleton: Manifest
    private let handle: FileHandle?
    private let spans: [(offset: Int64, length: UInt32)]
    /// (name digest, position), sorted: the first entry of a name wins.
    private let byName: [(NameDigest, Int32)]
    /// Every file the manifest lists (entries, pending, pages), by digest, sorted.
    let ownedFiles: [NameDigest]

    var count: Int { handle == nil ? skeleton.entries.count : spans.count }
    /// Whether the entries are read from the file (else decoded whole, in `skeleton`).
    var isOnDisk: Bool { handle != nil }

    /// A manifest already in memory.
    init(_ manifest: Manifest) {
        skeleton = manifest
        handle = nil
        spans = []
        byName = manifest.entries.enumerated().map { (NameDigest($0.element.session.name), Int32($0.offset)) }.sorted(by: Self.order)
        ownedFiles = manifest.ownedFiles.map(NameDigest.init).sorted()
    }

    private init(skeleton: Manifest, handle: FileHandle, spans: consuming [(offset: Int64, length: UInt32)],
                 names: consuming [(NameDigest, Int32)], owned: consuming [NameDigest]) {
        self.skeleton = skeleton
        self.handle = handle
        // Sorted in place and kept at their size: at 300,000 entries a sorted
        // copy beside an array grown by doubling was most of a rerun's peak.
        self.spans = Self.exact(spans)
        names.sort(by: Self.order)
        byName = Self.exact(names)
        owned.append(contentsOf: (skeleton.pending + skeleton.pages).map(NameDigest.init))
        owned.sort()
        ownedFiles = Self.exact(owned)
    }

    /// `array` without the room left from growing it (a copy only when that room is large).
    private static func exact<T>(_ array: consuming [T]) -> [T] {
        guard array.capacity > array.count + array.count / 8 + 16 else { return array }
        var out: [T] = []
        out.reserveCapacity(array.count)
        out.append(contentsOf: array)
        return out
    }

    private static func order(_ a: (NameDigest, Int32), _ b: (NameDigest, Int32)) -> Bool { a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }

    /// The manifest at `name` in `dir`; nil when there is no regular file
    /// there; throws Manifest.ReadError when it is not a manifest.
    static func open(_ dir: OutputDirectory, _ name: String) throws -> ManifestFile? {
        let fd = Descriptor.openForReading(name, inFolder: dir.fd)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        guard let st = FileStatus.of(descriptor: fd), st.kind == .regular else { return nil }
        var spans: [(offset: Int64, length: UInt32)] = [], names: [(NameDigest, Int32)] = [], owned: [NameDigest] = []
        let decoder = JSONDecoder()
        let scanned = ManifestScan.run(handle) { offset, bytes in
            guard let e = decodeEntry(bytes, with: decoder), bytes.count <= Int(UInt32.max) else { return false }
            names.append((NameDigest(e.session.name), Int32(spans.count)))
            spans.append((offset, UInt32(bytes.count)))
            owned += e.files.map { NameDigest($0.name) }
            // Room for all of them once the first ones tell the size of an entry.
            if spans.count == 512 { reserveForAll(&spans, &names, &owned, fileSize: st.size, offset: offset + Int64(bytes.count)) }
            return true
        }
        if let scanned, let skeleton = try? Manifest.decode(scanned), skeleton.entries.isEmpty {
            return ManifestFile(skeleton: skeleton, handle: handle, spans: spans, names: names, owned: owned)
        }
        // Not in the form this tool writes: decoded whole, for its errors (or its entries).
        guard let bytes = dir.read(name) else { return nil }
        return ManifestFile(try Manifest.decode(bytes))
    }

    /// Reserves for as many entries as a file of `fileSize` holds at the
    /// rate of those read up to `offset`, and a tenth more.
    private static func reserveForAll(_ spans: inout [(offset: Int64, length: UInt32)], _ names: inout [(NameDigest, Int32)],
                                      _ owned: inout [NameDigest], fileSize: Int64, offset: Int64) {
        guard offset > 0 else { return }
        let expected = Int(Double(fileSize) / Double(offset) * Double(spans.count) * 1.1)
        spans.reserveCapacity(expected)
        names.reserveCapacity(expected)
        owned.reserveCapacity(expected * owned.count / spans.count)
    }

    /// The `i`th entry in the file's order; nil when it cannot be read back.
    func entry(at i: Int) -> ManifestEntry? {
        guard handle != nil else { return skeleton.entries[i] }
        return rawEntry(at: i).flatMap { Self.decodeEntry($0) }
    }

    /// An entry's JSON decoded: strictly when it has the shape this tool
    /// writes, else by JSONDecoder (a decoder per call by default, since
    /// the workers of a rerun ask at once).
    private static func decodeEntry(_ bytes: [UInt8], with decoder: JSONDecoder? = nil) -> ManifestEntry? {
        if let e = ManifestEntry.strictlyDecoded(bytes) { return e }
        return try? (decoder ?? JSONDecoder()).decode(ManifestEntry.self, from: Data(bytes))
    }

    /// The `i`th entry's bytes as they are in the file (read with pread, so
    /// any thread may ask); nil for a manifest decoded whole.
    func rawEntry(at i: Int) -> [UInt8]? {
        guard let handle else { return nil }
        let (offset, length) = spans[i]
        let bytes = FileIO.read(handle.fileDescriptor, count: Int(length), at: Int(offset))
        return bytes.count == Int(length) ? bytes : nil
    }

    /// The first entry named `name`.
    func entry(named name: String) -> ManifestEntry? { entryAndJSON(named: name)?.entry }

    /// The same, with its JSON as this tool writes it when the file holds
    /// it in that form (nil otherwise): a rerun keeps it instead of
    /// encoding the entry again.
    func entryAndJSON(named name: String) -> (entry: ManifestEntry, json: [UInt8]?)? {
        let key = NameDigest(name)
        let low = byName.partitioningIndex { $0.0 >= key }
        guard low < byName.count, byName[low].0 == key else { return nil }
        let i = Int(byName[low].1)
        guard handle != nil else { return skeleton.entries[i].session.name == name ? (skeleton.entries[i], nil) : nil }
        guard let raw = rawEntry(at: i), let e = Self.decodeEntry(raw), e.session.name == name else { return nil }
        return (e, Manifest.entryJSON(element: raw))
    }

    /// Whether the manifest lists `file` (in an entry, as pending or as a page).
    func owns(_ file: String) -> Bool { Self.contains(ownedFiles, NameDigest(file)) }

    static func contains(_ sorted: [NameDigest], _ key: NameDigest) -> Bool {
        let i = sorted.partitioningIndex { $0 >= key }
        return i < sorted.count && sorted[i] == key
    }

    /// The entries in the file's order, read one at a time.
    var entries: AnySequence<ManifestEntry> { entries(skippingPositions: nil) }

    /// The same without the entries whose name's digest `skip` accepts,
    /// which are never read: a rerun passes over its unchanged sessions.
    func entries(skipping skip: (NameDigest) -> Bool) -> AnySequence<ManifestEntry> {
        var skipped = [UInt64](repeating: 0, count: (count + 63) / 64)
        for (digest, position) in byName where skip(digest) { skipped[Int(position) >> 6] |= 1 << (UInt64(position) & 63) }
        return entries(skippingPositions: skipped)
    }

    /// The entries in the file's order but those whose bit is set in `skipped`.
    private func entries(skippingPositions skipped: [UInt64]?) -> AnySequence<ManifestEntry> {
        AnySequence { () -> AnyIterator<ManifestEntry> in
            var i = 0
            return AnyIterator {
                while i < self.count {
                    defer { i += 1 }
                    if let skipped, skipped[i >> 6] & (1 << (UInt64(i) & 63)) != 0 { continue }
                    if let e = self.entry(at: i) { return e }
                }
                return nil
            }
        }
    }

    /// The bytes this tool writes for this manifest (entries newest first;
    /// from a file, in its order, which is that when this tool wrote it).
    func encodePieces(_ sink: ([UInt8]) -> Void) {
        encodePieces(pending: skeleton.pending.sorted(), sink)
    }

    /// The same with `pending` (in String order, no repeats) in place of this one's.
    func encodePieces(pending: some Sequence<String>, _ sink: ([UInt8]) throws -> Void) rethrows {
        guard handle != nil else { return try skeleton.encodePieces(pending: pending, sink) }
        let encoder = Manifest.entryEncoder()
        try Manifest.encode(skeleton: skeleton, entries: entries.lazy.map { Array((try? encoder.encode($0)) ?? Data()) }, pending: pending, sink)
    }

    /// The entries whose name's digest `keep` accepts, decoded (the others
    /// are never read): the few another run committed that this one lacks.
    func entries(keepingNames keep: (NameDigest) -> Bool) -> [ManifestEntry] {
        guard handle != nil else { return skeleton.entries.filter { keep(NameDigest($0.session.name)) } }
        let positions = byName.filter { keep($0.0) }.map { Int($0.1) }.sorted()
        return positions.compactMap { entry(at: $0) }
    }
}
