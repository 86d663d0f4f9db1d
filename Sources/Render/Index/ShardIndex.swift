import Foundation
import Transcript

/// The index data of one shard of a `--shard K/N` run, written beside its
/// reports as `index-shard-K-of-N.json`; `noc-report index` merges the N
/// files into one index.
public struct ShardIndex: Sendable, Codable, Equatable {
    public static let formatName = "noc-report shard index"
    public var format = ShardIndex.formatName
    public var version = 1
    public var shard: Int
    public var shardCount: Int
    public var counts: RunCounts
    public var entries: [IndexEntry]

    public init(shard: Shard, counts: RunCounts, entries: [IndexEntry]) {
        self.shard = shard.index
        shardCount = shard.count
        self.counts = counts
        self.entries = entries.sorted(by: IndexEntry.newestFirst)
    }

    public static func fileName(_ shard: Shard) -> String { "index-shard-\(shard.index)-of-\(shard.count).json" }

    /// Whether a file name is a shard index's.
    public static func isFileName(_ name: String) -> Bool {
        name.hasPrefix("index-shard-") && name.hasSuffix(".json")
    }

    /// Stable bytes: sorted keys, entries newest first.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Only strings, numbers and enums: encoding cannot fail.
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }

    public enum ReadError: Error, CustomStringConvertible {
        case notAShardIndex(String)
        public var description: String {
            switch self {
            case .notAShardIndex(let why): return "not a noc-report shard index: \(why)"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws -> ShardIndex {
        let index: ShardIndex
        do {
            index = try JSONDecoder().decode(ShardIndex.self, from: Data(bytes))
        } catch {
            throw ReadError.notAShardIndex("\(error)")
        }
        guard index.format == formatName else { throw ReadError.notAShardIndex("format is \"\(index.format)\"") }
        guard index.version == 1 else { throw ReadError.notAShardIndex("version \(index.version) is newer than this tool") }
        guard Shard(index: index.shard, count: index.shardCount) != nil else {
            throw ReadError.notAShardIndex("shard \(index.shard) of \(index.shardCount)")
        }
        return index
    }

    /// The merge of several shards' files, and what is wrong with the set.
    public struct Merged: Sendable {
        public var entries: [IndexEntry]
        public var counts: RunCounts
        /// Shards of N with no file (the index would be incomplete).
        public var missingShards: [Int]
        /// Shard numbers given more than once (the later file was ignored).
        public var repeatedShards: [Int]
        /// Different N in different files.
        public var shardCounts: [Int]
    }

    public static func merge(_ shards: [ShardIndex]) -> Merged {
        var seen: [Int: ShardIndex] = [:]
        var repeated: [Int] = []
        for s in shards {
            if seen[s.shard] == nil { seen[s.shard] = s } else { repeated.append(s.shard) }
        }
        let counts = Set(shards.map(\.shardCount)).sorted()
        let n = counts.max() ?? 0
        let kept = seen.keys.sorted().compactMap { seen[$0] }
        return Merged(entries: kept.flatMap(\.entries).sorted(by: IndexEntry.newestFirst),
                      counts: RunCounts.merged(kept.map(\.counts)),
                      missingShards: n == 0 ? [] : (1...n).filter { seen[$0] == nil },
                      repeatedShards: repeated.sorted(), shardCounts: counts)
    }
}
