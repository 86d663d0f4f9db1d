import Testing
@testable import Render
import Transcript

@Suite struct IndexTests {
    static func entry(_ id: String, created: String?, category: Outcome.Category = .completed) throws -> IndexEntry {
        var e = IndexEntry(try Cases.model("completed"))
        e.id = id
        e.name = id
        e.created = created.flatMap(Timestamp.parse)
        e.createdText = created
        e.category = category
        return e
    }

    @Test func entriesAreNewestFirstThenById() throws {
        let entries = [
            try Self.entry("b", created: "2026-01-01T00:00:00Z"),
            try Self.entry("none", created: nil),
            try Self.entry("c", created: "2026-03-01T00:00:00Z"),
            try Self.entry("a", created: "2026-01-01T00:00:00Z"),
        ]
        #expect(entries.sorted(by: IndexEntry.newestFirst).map(\.id) == ["c", "a", "b", "none"])
    }

    @Test func largeArchivesArePaged() throws {
        let entries = try (0..<5).map { try Self.entry("s\($0)", created: "2026-01-0\($0 + 1)T00:00:00Z") }
        let files = IndexRenderer.render(entries: entries, context: IndexContext(pageSize: 2), templates: .embedded)
        #expect(files.map(\.fileName) == ["index.md", "index.html", "index-2.md", "index-2.html", "index-3.md", "index-3.html"])
        let page2 = try #require(files.first { $0.fileName == "index-2.html" }).contents
        #expect(page2.contains("href=\"./index.html\" rel=\"prev\""))
        #expect(page2.contains("href=\"./index-3.html\" rel=\"next\""))
        #expect(page2.contains("href=\"./s2.html\""))
        #expect(!page2.contains("href=\"./s4.html\""))
        let md3 = try #require(files.first { $0.fileName == "index-3.md" }).contents
        #expect(md3.contains("[← Newer](<./index-2.md>)"))
        #expect(md3.contains("(<./s0.md>)"))
    }

    @Test func anEmptyRunStillWritesAnIndex() {
        let files = IndexRenderer.render(entries: [], context: IndexContext(), templates: .embedded)
        #expect(files.map(\.fileName) == ["index.md", "index.html"])
        #expect(files[0].contents.contains("No sessions were found in the input."))
    }

    @Test func theAlertExcerptIsAtMost200Characters() throws {
        var model = try Cases.model("completed")
        model.alert = String(repeating: "word ", count: 100)
        #expect(IndexEntry(model).alertExcerpt.count <= 200)
    }

    @Test func interactionsCountAsCompleted() throws {
        let e = IndexEntry(try Cases.model("interaction"))
        #expect(e.kind == .interaction)
        #expect(e.category == .completed)
    }
}

@Suite struct ShardIndexTests {
    @Test func aShardIndexReadsBackAsWritten() throws {
        let entries = try ["completed", "failed-interrupted", "interaction"].map { IndexEntry(try Cases.model($0)) }
        var counts = RunCounts()
        counts.documentsRead = 9
        counts.unreadable = 1
        let written = ShardIndex(shard: Shard(index: 2, count: 3)!, counts: counts, entries: entries)
        let read = try ShardIndex.decode(written.encoded())
        #expect(read == written)
        #expect(ShardIndex.fileName(Shard(index: 2, count: 3)!) == "index-shard-2-of-3.json")
    }

    @Test(arguments: ["", "{}", #"{"format":"other","version":1,"shard":1,"shardCount":1,"counts":{},"entries":[]}"#, "[1,2]"])
    func otherFilesAreRefused(_ text: String) {
        #expect(throws: ShardIndex.ReadError.self) { try ShardIndex.decode(Array(text.utf8)) }
    }

    @Test func mergingSumsWhatEachShardRenderedAndSaysWhatIsMissing() throws {
        let a = IndexEntry(try Cases.model("completed")), b = IndexEntry(try Cases.model("interaction"))
        var c1 = RunCounts(), c3 = RunCounts()
        c1.documentsRead = 10; c1.unreadable = 1
        c3.documentsRead = 10; c3.unreadable = 2
        let merged = ShardIndex.merge([
            ShardIndex(shard: Shard(index: 3, count: 3)!, counts: c3, entries: [b]),
            ShardIndex(shard: Shard(index: 1, count: 3)!, counts: c1, entries: [a]),
            ShardIndex(shard: Shard(index: 1, count: 3)!, counts: c1, entries: [a]),
        ])
        #expect(merged.entries == [a, b].sorted(by: IndexEntry.newestFirst))
        #expect(merged.counts.documentsRead == 10)
        #expect(merged.counts.unreadable == 3)
        #expect(merged.missingShards == [2])
        #expect(merged.repeatedShards == [1])
    }
}
