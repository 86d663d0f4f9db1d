import Testing
@testable import noc_report
import Transcript

/// The run's report names in 64 KiB blocks: every name reads back whole,
/// also the ones that would have crossed a block's end.
@Suite("report names")
struct ReportNamesTests {
    @Test func everyNameReadsBackAndIsFoundAcrossBlocks() {
        var allocator = OutputNameAllocator()
        // 105-byte hashed names and short plain ones: 5,000 of them fill several blocks.
        let ids = (0..<5_000).map { i in i % 3 == 0 ? "id \(i) " + String(repeating: "é", count: 50) : "s\(i)" }
        let names = ids.map { allocator.name(for: $0) }
        let kept = ReportNames(names)
        #expect(kept.count == names.count)
        for (slot, name) in names.enumerated() {
            #expect(kept[slot] == name)
            #expect(kept.contains(name))
            #expect(kept.name(slot, suffix: ".md") == name + ".md")
        }
        #expect(!kept.contains("s5000"))
        #expect(!kept.contains(""))
        #expect(ReportNames([String]()).count == 0)
    }

    @Test func namesThatDifferOnlyInCaseGetDistinctNames() {
        var allocator = OutputNameAllocator()
        let a = allocator.name(for: "Session-1"), b = allocator.name(for: "session-1"), c = allocator.name(for: "SESSION-1")
        #expect(a == "Session-1")
        #expect(Set([a, b, c].map { $0.lowercased() }).count == 3)
        #expect(b.hasPrefix("session-1-"))
    }
}
