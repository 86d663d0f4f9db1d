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
