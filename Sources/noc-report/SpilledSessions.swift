import Foundation
import Render

/// The index rows of a run's spilled entries, newest first: only each
/// entry's `session` is decoded (not its files, options and warnings). The
/// index pages read the entries three times; at 1 GB this decoding was
/// about half of the serial work after the last session.
struct SpilledSessions: Sequence {
    let spill: EntrySpill

    private struct SessionOnly: Decodable {
        var session: IndexEntry
    }

    func makeIterator() -> AnyIterator<IndexEntry> {
        var i = 0
        let decoder = JSONDecoder()
        return AnyIterator {
            while i < spill.count {
                defer { i += 1 }
                if let e = try? decoder.decode(SessionOnly.self, from: Data(spill.json(sortedAt: i))) { return e.session }
            }
            return nil
        }
    }
}
