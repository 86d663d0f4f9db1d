import Foundation
import Render

/// The index rows of a run's spilled entries, newest first: only each
/// entry's `session` is decoded (not its files, options and warnings). The
/// index pages read the entries three times; at 1 GB this decoding was
/// about half of the serial work after the last session, so up to
/// `keptInMemory` entries are decoded once and kept (a few MiB).
struct SpilledSessions: Sequence {
    let spill: EntrySpill
    private let kept: [IndexEntry]?
    static let keptInMemory = 10_000

    init(spill: EntrySpill) {
        self.spill = spill
        kept = spill.count <= Self.keptInMemory ? Array(Self.decoding(spill)) : nil
    }

    private struct SessionOnly: Decodable {
        var session: IndexEntry
    }

    func makeIterator() -> AnyIterator<IndexEntry> {
        if let kept { return AnyIterator(kept.makeIterator()) }
        return Self.decoding(spill)
    }

    private static func decoding(_ spill: EntrySpill) -> AnyIterator<IndexEntry> {
        let json = spill.sortedJSON()
        let decoder = JSONDecoder()
        return AnyIterator {
            while let bytes = json.next() {
                if let e = try? decoder.decode(SessionOnly.self, from: Data(bytes)) { return e.session }
            }
            return nil
        }
    }
}
