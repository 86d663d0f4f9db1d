import Foundation
import Testing
@testable import noc_report
import Render
import ByteLevel

/// The stamps of a folder's reports, kept between runs: trusted only for
/// the same stamp with the same SHA-256, and read back from the cache
/// formats of earlier versions.
@Suite("the stamp cache")
struct StampCacheTests {
    static let stamp = FileStamp(size: 10, mtimeNs: 1_700_000_000_000_000_001, ctimeNs: 5, device: 2049, inode: 77)

    /// The cache file of `dir` (CLI.scratchRoot sets XDG_CACHE_HOME).
    static func cacheFile(_ dir: OutputDirectory) -> String {
        _ = CLI.scratchRoot
        let st = FileStatus.of(descriptor: dir.fd)!
        return ProcessInfo.processInfo.environment["XDG_CACHE_HOME"]! + "/noc-report/stamps-\(st.device)-\(st.inode).txt"
    }

    @Test func aRecordedStampIsTrustedOnlyForItsOwnBytes() throws {
        let dir = try OutputDirectory(path: CLI.tempDir().path)
        let cache = StampCache(for: dir)
        for i in 0..<5_000 { cache.record("s\(i).md", Self.stamp, sha256: "sha\(i)") }
        cache.record("gone.md", Self.stamp, sha256: "x")
        cache.record("gone.md", nil, sha256: "x")
        cache.save()
        let again = StampCache(for: dir)
        for i in 0..<5_000 { #expect(again.trusts("s\(i).md", Self.stamp, sha256: "sha\(i)")) }
        #expect(!again.trusts("s1.md", Self.stamp, sha256: "sha2"))
        var touched = Self.stamp
        touched.mtimeNs += 1
        #expect(!again.trusts("s1.md", touched, sha256: "sha1"))
        #expect(!again.trusts("gone.md", Self.stamp, sha256: "x"))
        let lines = try String(contentsOfFile: Self.cacheFile(dir), encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix(StampCachePruning.headerPrefix) == true)
        #expect(lines.count == 5_001)
        #expect(lines.dropFirst().allSatisfy { $0.count == 33 })
    }

    @Test func aSessionsInputIsTrustedOnlyForItsOwnStampsRangesAndHash() throws {
        let dir = try OutputDirectory(path: CLI.tempDir().path)
        let identity: [UInt64] = [2049, 77, 1_000, 1_700_000_000_000_000_001, 1_700_000_000_000_000_002, 40, 960]
        let cache = StampCache(for: dir)
        cache.recordInput("s1", identity, sha256: "abc")
        cache.record("s1.md", Self.stamp, sha256: "abc")
        cache.save()
        let again = StampCache(for: dir)
        #expect(again.trustsInput("s1", identity, sha256: "abc"))
        #expect(!again.trustsInput("s1", identity, sha256: "abd"))
        #expect(!again.trustsInput("s2", identity, sha256: "abc"))
        for i in identity.indices {
            var moved = identity
            moved[i] += 1
            #expect(!again.trustsInput("s1", moved, sha256: "abc"), "word \(i) changed but still trusted")
        }
        // An input is kept apart from the report files of the same name.
        #expect(again.trusts("s1.md", Self.stamp, sha256: "abc"))
        #expect(!again.trustsInput("s1.md", identity, sha256: "abc"))
    }

    /// A folder without a manifest (new, or one whose inode a deleted
    /// folder had) does not read the cache file, and replaces it.
    @Test func aFolderWithoutAManifestStartsFromAnEmptyCache() throws {
        let dir = try OutputDirectory(path: CLI.tempDir().path)
        let old = StampCache(for: dir)
        for i in 0..<100 { old.record("s\(i).md", Self.stamp, sha256: "sha\(i)") }
        old.save()
        let fresh = StampCache(for: dir, load: false)
        #expect(!fresh.trusts("s1.md", Self.stamp, sha256: "sha1"))
        fresh.record("new.md", Self.stamp, sha256: "n")
        fresh.save()
        let lines = try String(contentsOfFile: Self.cacheFile(dir), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2, "the header and one stamp")
        #expect(StampCache(for: dir).trusts("new.md", Self.stamp, sha256: "n"))
    }

    /// Saving a cache removes those of folders that are gone or were made
    /// again (another inode), an earlier version's after a week, and a
    /// killed run's temporary file after a day; a live folder's stays.
    @Test func savingACacheRemovesTheCachesOfFoldersThatAreGone() throws {
        let caches = CLI.tempDir()
        let live = CLI.tempDir(), gone = CLI.tempDir(), remade = CLI.tempDir()
        func cache(_ name: String, folder: URL?, daysOld: Double = 0) throws -> URL {
            let url = caches.appendingPathComponent(name)
            let header = folder.map { StampCachePruning.header(folder: $0.path) } ?? ""
            try Data((header + "0123456789abcdef 0123456789abcdef\n").utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -daysOld * 86_400)], ofItemAtPath: url.path)
            return url
        }
        func name(_ folder: URL) -> String {
            let st = FileStatus.of(path: folder.path)!
            return "stamps-\(st.device)-\(st.inode).txt"
        }
        let own = try cache("stamps-1-1.txt", folder: nil, daysOld: 30)
        let keptLive = try cache(name(live), folder: live)
        let removedGone = try cache(name(gone), folder: gone)
        let removedRemade = try cache(name(remade), folder: remade)
        let keptRecentEarlier = try cache("stamps-7-8.txt", folder: nil, daysOld: 2)
        let removedOldEarlier = try cache("stamps-7-9.json", folder: nil, daysOld: 8)
        let keptTemporary = try cache("stamps-7-10.txt.tmp-123", folder: nil, daysOld: 0.5)
        let removedTemporary = try cache("stamps-7-11.txt.tmp-124", folder: nil, daysOld: 2)
        let notOurs = try cache("notes.txt", folder: gone, daysOld: 30)
        try FileManager.default.removeItem(at: gone)
        // Made again: another folder (so another inode) moved to its path.
        let other = CLI.tempDir()
        try FileManager.default.removeItem(at: remade)
        try FileManager.default.moveItem(at: other, to: remade)
        // A path with a newline and non-ASCII bytes survives the header.
        #expect(StampCachePruning.folder(ofCache: try cache("stamps-9-9.txt", folder: URL(fileURLWithPath: "/tmp/a\nb é"))) == "/tmp/a\nb é")

        StampCachePruning.prune(caches, keeping: own)
        for kept in [own, keptLive, keptRecentEarlier, keptTemporary, notOurs] {
            #expect(FileManager.default.fileExists(atPath: kept.path), "\(kept.lastPathComponent) was removed")
        }
        for removed in [removedGone, removedRemade, removedOldEarlier, removedTemporary] {
            #expect(!FileManager.default.fileExists(atPath: removed.path), "\(removed.lastPathComponent) was kept")
        }
    }

    @Test func aCacheWithTheEarlierLongerDigestsIsStillTrusted() throws {
        let dir = try OutputDirectory(path: CLI.tempDir().path)
        let cache = StampCache(for: dir)
        cache.record("a.md", Self.stamp, sha256: "abc")
        cache.save()
        // The earlier version wrote 32 hex digits per digest; the first 16 are these.
        let path = Self.cacheFile(dir)
        let short = try String(contentsOfFile: path, encoding: .utf8)
        let long = short.split(separator: "\n").map { line in
            line.split(separator: " ").map { $0 + "0123456789abcdef" }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
        try long.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(StampCache(for: dir).trusts("a.md", Self.stamp, sha256: "abc"))
        #expect(!StampCache(for: dir).trusts("a.md", Self.stamp, sha256: "abd"))
    }
}

/// The sorted map under the stamp cache: whatever order values are set,
/// replaced and removed in, and however often it merges, it answers as a
/// dictionary would.
@Suite("sorted digests")
struct SortedDigestsTests {
    @Test(arguments: [1, 97, 5_000])
    func answersAsADictionaryWould(mergeEvery: Int) {
        var rng = SeededGenerator(state: UInt64(mergeEvery))
        var map = SortedDigests(sorting: (0..<500).map { (key: UInt64($0) * 7, value: UInt64($0)) })
        map.reserve(600)
        var model = Dictionary(uniqueKeysWithValues: (0..<500).map { (UInt64($0) * 7, UInt64($0)) })
        for step in 0..<20_000 {
            let key = UInt64.random(in: 0..<4_000, using: &rng)
            let value: UInt64? = Int.random(in: 0..<5, using: &rng) == 0 ? nil : UInt64.random(in: 0...UInt64.max, using: &rng)
            map[key] = value
            model[key] = value
            if step % mergeEvery == 0 { map.merge() }
            if step % 1_000 == 0 {
                let probe = UInt64.random(in: 0..<4_000, using: &rng)
                #expect(map[probe] == model[probe])
            }
        }
        for key in 0..<UInt64(4_000) { #expect(map[key] == model[key]) }
        map.merge()
        #expect(map.merged.map(\.key) == model.keys.sorted())
        #expect(map.merged.allSatisfy { model[$0.key] == $0.value })
    }
}
