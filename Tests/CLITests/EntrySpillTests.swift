import Foundation
import Testing
@testable import noc_report
import Render
import Transcript

/// The run's manifest entries out of memory: whatever the run size and
/// wherever the bytes are kept, the entries come back as a dictionary by
/// name sorted newest first would give them.
@Suite("the entry spill")
struct EntrySpillTests {
    static func entry(id: String, name: String, created: Double?, turns: Int) throws -> ManifestEntry {
        let json = #"{"session":{"alertExcerpt":"a","category":"completed","failedStepKinds":[],"failingAgents":[],"id":"x","kind":"session","name":"x","reason":"none","steps":0,"turns":0,"warningCount":0},"files":[{"format":"md","name":"x.md","sha256":"00","size":1}],"inputSHA256":"00","options":{},"tool":"t","run":"r"}"#
        var e = try JSONDecoder().decode(ManifestEntry.self, from: Data(json.utf8))
        e.session.id = id
        e.session.name = name
        e.session.created = created.map(Timestamp.init(seconds:))
        e.session.turns = turns
        return e
    }

    /// Entries with ties in time, names that repeat (the later replaces the
    /// earlier), names only canonically equal ("é" and "e\u{301}": two
    /// files, so two entries) and ids longer than a read piece.
    static func entries(count: Int, seed: UInt64) throws -> [ManifestEntry] {
        var rng = SeededGenerator(state: seed)
        let names = ["a", "b", "é", "e\u{301}", "z", String(repeating: "long", count: 5_000)]
        return try (0..<count).map { i in
            let n = Int.random(in: 0..<(count / 3 + 2), using: &rng)
            let name = n < names.count ? names[n] : "s\(n)"
            let created: Double? = Bool.random(using: &rng) ? nil : Double(Int.random(in: 0..<5, using: &rng))
            let id = Bool.random(using: &rng) ? name : "id-\(Int.random(in: 0..<4, using: &rng))"
            return try entry(id: id, name: name, created: created, turns: i)
        }
    }

    /// The dictionary by name's bytes, sorted newest first.
    static func expected(_ entries: [ManifestEntry]) -> [ManifestEntry] {
        var byName: [[UInt8]: ManifestEntry] = [:]
        for e in entries { byName[Array(e.session.name.utf8)] = e }
        return byName.values.sorted { IndexEntry.newestFirst($0.session, $1.session) }
    }

    /// Order as keys compare (canonically equal ids and names tie), then the entries themselves.
    static func sameOrder(_ a: [ManifestEntry], _ b: [ManifestEntry]) -> Bool {
        guard a.count == b.count else { return false }
        let tie = { (x: ManifestEntry, y: ManifestEntry) in
            !IndexEntry.newestFirst(x.session, y.session) && !IndexEntry.newestFirst(y.session, x.session)
        }
        guard zip(a, b).allSatisfy(tie) else { return false }
        let key = { (e: ManifestEntry) in e.session.turns }
        return a.map(key).sorted() == b.map(key).sorted()
    }

    static func keys(_ entries: ArraySlice<ManifestEntry>) -> String {
        entries.map { "\($0.session.created?.seconds ?? -1)/\($0.session.id.prefix(8))/\($0.session.name.prefix(8))/\($0.session.turns)" }.joined(separator: " ")
    }

    @Test(arguments: [(1, false), (2, false), (7, false), (16_384, false), (3, true), (16_384, true)])
    func entriesComeBackAsADictionarySortedNewestFirstWould(runSize: Int, inMemory: Bool) throws {
        let dir = try OutputDirectory(path: CLI.tempDir().path)
        for (count, seed) in [(0, 1), (1, 2), (40, 3), (700, 4)] as [(Int, UInt64)] {
            let all = try Self.entries(count: count, seed: seed)
            let spill = EntrySpill(in: dir, inMemory: inMemory, runSize: runSize)
            for (i, e) in all.enumerated() { spill.append(e, rendered: i % 2 == 0) }
            let want = Self.expected(all)
            let got = Array(SpilledEntries(spill: spill))
            #expect(spill.count == want.count)
            let same = Self.sameOrder(got, want)
            #expect(same, "count \(count), run size \(runSize): \(Self.keys(got.prefix(8))) against \(Self.keys(want.prefix(8)))")
            // Read twice: the same again.
            #expect(Array(SpilledEntries(spill: spill)) == got)
            for e in want {
                #expect(spill.contains(e.session.name))
                let index = all.lastIndex { Array($0.session.name.utf8) == Array(e.session.name.utf8) }!
                #expect(spill.renderedFormats(e.session.name) == (index % 2 == 0 ? ReportFormatBits.of(e.files) : nil))
            }
        }
        #expect(!EntrySpill(in: dir).contains("a"))
    }

    @Test func mergedWithAnotherRunsEntriesInOrder() throws {
        let dir = try OutputDirectory(path: CLI.tempDir().path)
        let all = try Self.entries(count: 300, seed: 9)
        let spill = EntrySpill(in: dir, runSize: 16)
        for e in all.prefix(200) { spill.append(e) }
        let extra = Self.expected(Array(all.suffix(100))).filter { !spill.contains($0.session.name) }
        let merged = SpilledJSON(spill: spill, extra: extra).map { try! JSONDecoder().decode(ManifestEntry.self, from: Data($0)) }
        let want = (Self.expected(Array(all.prefix(200))) + extra).sorted { IndexEntry.newestFirst($0.session, $1.session) }
        let same = Self.sameOrder(merged, want)
        #expect(same)
    }
}
