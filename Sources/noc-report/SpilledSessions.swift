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
