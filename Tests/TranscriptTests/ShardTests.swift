import Testing
@testable import Transcript

@Suite struct ShardTests {
    @Test(arguments: [("1/1", 1, 1), ("3/8", 3, 8), ("8/8", 8, 8)])
    func parses(_ text: String, _ k: Int, _ n: Int) {
        #expect(Shard(parsing: text) == Shard(index: k, count: n))
        #expect(Shard(parsing: text)?.description == text)
    }

    @Test(arguments: ["0/8", "9/8", "1/0", "-1/2", "a/b", "1", "1/2/3", "", "/"])
    func refuses(_ text: String) {
        #expect(Shard(parsing: text) == nil)
    }

    /// Pinned values (computed with Python hashlib): the split must be the same on every machine and release.
    @Test(arguments: [("", 4, 1), ("abc", 4, 3), ("8f448893-3181-4528-ac00-c154e5422775", 16, 2)])
    func isStable(_ id: String, _ n: Int, _ expected: Int) {
        #expect(Shard.of(id: id, count: n) == expected)
    }

    @Test func everyIdIsInExactlyOneShardAndTheSplitIsEven() {
        let ids = (0..<4000).map { "session-\($0)" }
        var sizes = [Int](repeating: 0, count: 8)
        for id in ids {
            let owners = (1...8).filter { Shard(index: $0, count: 8)!.contains(id: id) }
            #expect(owners.count == 1)
            sizes[owners[0] - 1] += 1
        }
        #expect(sizes.allSatisfy { (400...600).contains($0) }, "\(sizes)")
    }
}
