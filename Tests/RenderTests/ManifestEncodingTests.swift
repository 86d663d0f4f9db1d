import Foundation
import Testing
@testable import Render
import Transcript

/// The manifest is encoded one entry at a time (bounded memory): its bytes
/// must be exactly those of JSONEncoder over the whole manifest.
@Suite struct ManifestEncodingTests {
    static func whole(_ m: Manifest) -> [UInt8] {
        var copy = m
        copy.entries.sort { IndexEntry.newestFirst($0.session, $1.session) }
        copy.pending.sort()
        copy.pages.sort()
        return Array((try? Manifest.encoder().encode(copy)) ?? Data()) + [0x0A]
    }

    static func entries(_ count: Int) throws -> [ManifestEntry] {
        let names = Cases.indexed
        return try (0..<count).map { i in
            var session = IndexEntry(try Cases.model(names[i % names.count]))
            session.name = "s\(i)"
            let file = ReportFile(name: "s\(i).md", format: "md", bytes: Array("report \(i) \"quoted\" / \\ \u{1}\n".utf8))
            var e = ManifestEntry(session: session, updated: i % 2 == 0 ? nil : "2026-01-0\(i % 9 + 1)T00:00:00Z",
                                  files: i % 3 == 0 ? [] : [file], inputSHA256: String(repeating: "ab", count: 32),
                                  options: ["formats": "md", "title": "a/b \"c\""], tool: "1.0", run: "r\(i)")
            e.warnings = i % 4 == 0 ? ["line \(i): \"x\" \u{7}"] : nil
            return e
        }
    }

    @Test(arguments: [0, 1, 2, 7, 25])
    func sameBytesAsWholeEncoding(count: Int) throws {
        var m = Manifest(tool: "1.0", counts: RunCounts(), lastRun: RunRecord(id: "x", rendered: count, filters: ["--session a"]),
                         pending: ["a.md", "b.md"], pages: count > 1 ? ["index-2.md", "index.md"] : [], entries: try Self.entries(count))
        m.indexOptions = ["title": "entries\n  \"entries\" : [", "formats": "md"]
        m.shard = count == 7 ? 2 : nil
        m.shardCount = count == 7 ? 3 : nil
        m.inputFingerprint = count == 7 ? "f" : nil
        let spliced = m.encoded()
        #expect(spliced == Self.whole(m))
        #expect(try Manifest.decode(spliced) == m)
    }

    /// The pending list is spliced in one name at a time (900,000 names are
    /// never one array in JSONEncoder): empty, plain and escaped names.
    @Test(arguments: [[], ["a.md"], ["a.md", "b\"q.md", "c\\d.md", "e/f.md", "g\u{1}.md", "é.md", "z.md"]] as [[String]])
    func pendingSplicedSameBytesAsWholeEncoding(pending: [String]) throws {
        let m = Manifest(tool: "1.0", pending: pending, entries: try Self.entries(3))
        #expect(m.encoded() == Self.whole(m))
        var streamed: [UInt8] = []
        Manifest.encode(skeleton: m, entries: m.entries.sorted { IndexEntry.newestFirst($0.session, $1.session) }
            .map { Array((try? Manifest.entryEncoder().encode($0)) ?? Data()) }, pending: pending.sorted()) { streamed += $0 }
        #expect(streamed == Self.whole(m))
    }

    /// An entry as it stands in the file and back: what a rerun compares
    /// and keeps without encoding it again. An element not indented as the
    /// manifest indents its entries gives nil.
    @Test func elementBytesAndBack() throws {
        let m = Manifest(tool: "1.0", entries: try Self.entries(7))
        let file = m.encoded()
        for e in m.entries {
            let json = Array(try Manifest.entryEncoder().encode(e))
            let element = Manifest.elementBytes(json)
            #expect(file.firstRange(of: element) != nil, "the element is in the file as written")
            #expect(Manifest.entryJSON(element: element) == json)
            // Indented as the manifest indents, the JSON inside is kept as it is.
            var spaced = element
            if let i = spaced.firstIndex(of: 0x0A) { spaced.insert(0x20, at: i + 1) }
            #expect(Manifest.entryJSON(element: spaced).map(Manifest.elementBytes) == spaced)
            var unindented = element
            if let i = unindented.lastIndex(of: 0x0A) { unindented.remove(at: i + 1) }  // "\n   }"
            #expect(Manifest.entryJSON(element: unindented) == nil)
            #expect(Manifest.entryJSON(element: Array(String(decoding: element, as: UTF8.self).replacingOccurrences(of: "    ", with: "  ").utf8)) == nil)
        }
    }
}
