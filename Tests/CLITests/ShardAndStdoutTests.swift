import Foundation
import Testing

@Suite("render --shard, noc-report index, -o -")
struct ShardAndStdoutTests {
    @Test func threeShardsMergeIntoTheSameIndexAsOneRun() throws {
        let sharded = CLI.tempDir(), whole = CLI.tempDir()
        for k in 1...3 {
            let r = try CLI.run(["render", "examples", "--shard", "\(k)/3", "-o", sharded.path])
            #expect(r.code == 0, "stderr: \(r.err)")
        }
        #expect(try CLI.run(["index", sharded.path]).code == 0)
        #expect(try CLI.run(["render", "examples", "-o", whole.path]).code == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: whole.path).sorted()
        let shardedFiles = try FileManager.default.contentsOfDirectory(atPath: sharded.path).sorted()
        #expect(shardedFiles.filter { !$0.hasPrefix("index-shard-") } == files)
        #expect(shardedFiles.filter { $0.hasPrefix("index-shard-") }.count == 3)
        for name in files {
            let a = try Data(contentsOf: whole.appendingPathComponent(name))
            let b = try Data(contentsOf: sharded.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test func eachSessionIsInExactlyOneShard() throws {
        var seen: [String: Int] = [:]
        for k in 1...4 {
            let out = CLI.tempDir()
            #expect(try CLI.run(["render", "examples", "--shard", "\(k)/4", "-o", out.path, "--format", "json"]).code == 0)
            for f in try FileManager.default.contentsOfDirectory(atPath: out.path) where !f.hasPrefix("index") {
                seen[f, default: 0] += 1
            }
        }
        #expect(seen.count == 7)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test func aMissingShardIsAnErrorButTheIndexIsWritten() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "--shard", "1/2", "-o", out.path])
        let r = try CLI.run(["index", out.path])
        #expect(r.code == 1)
        #expect(r.err.contains("shard 2 of 2 missing"))
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("incomplete: shard 2 missing"))
    }

    @Test func indexWithoutShardFilesIsAUsageError() throws {
        let r = try CLI.run(["index", CLI.tempDir().path])
        #expect(r.code == 2)
        #expect(r.err.contains("no manifest"))
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "x", "1/2/3"])
    func aBadShardIsAUsageError(_ shard: String) throws {
        let r = try CLI.run(["render", "examples", "--shard", shard, "-o", CLI.tempDir().path])
        #expect(r.code == 2, "stderr: \(r.err)")
    }

    @Test func oneSessionToStandardOutputIsTheSameAsItsFile() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path, "--format", "html"])
        let id = "8f448893-3181-4528-ac00-c154e5422775"
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".html") && !$0.hasPrefix("index") }
        let r = try CLI.run(["render", "examples", "--session", id, "-o", "-"])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(r.out.hasPrefix("<!DOCTYPE html>"))
        #expect(r.out.contains(id))
        #expect(!r.out.contains("All investigations"), "no link to an index that does not exist")
        #expect(files.count == 7)
        let md = try CLI.run(["render", "examples", "--session", id, "-o", "-", "--format", "md"])
        #expect(md.code == 0 && md.out.hasPrefix("# "))
    }

    @Test func standardOutputNeedsExactlyOneSessionAndOneFormat() throws {
        let many = try CLI.run(["render", "examples", "-o", "-"])
        #expect(many.code == 2 && many.err.contains("--session"))
        let formats = try CLI.run(["render", "examples", "--session", "x", "-o", "-", "--format", "md,html"])
        #expect(formats.code == 2)
    }
}
