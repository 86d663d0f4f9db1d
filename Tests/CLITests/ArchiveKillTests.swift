import Foundation
import Testing

/// Issue 20 item 4: renders into an existing archive folder killed (SIGKILL)
/// at seeded random moments; after each kill the manifest and index are valid
/// and list only files that exist, and one more run gives the folder a clean
/// render's contents. Run-specific, so not compared: the manifest's `lastRun`
/// and the first index pages' run summary line.
extension ArchiveTests {
    static let kills = Int(ProcessInfo.processInfo.environment["NOC_KILLS"] ?? "") ?? 20

    /// The examples `copies` times over, each copy's ids made unique.
    static func bigExport(copies: Int, in dir: URL) throws -> URL {
        let docs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.root.appendingPathComponent("examples/noc-export.json"))) as? [[String: Any]])
        var all: [[String: Any]] = []
        for k in 0..<copies {
            for var d in docs {
                d["id"] = "\(d["id"] as? String ?? "")-\(k)"
                all.append(d)
            }
        }
        let url = dir.appendingPathComponent("export.json")
        try JSONSerialization.data(withJSONObject: all).write(to: url)
        return url
    }

    /// Starts a render and kills it after `delay` seconds (it may finish first).
    static func killedRender(_ args: [String], after delay: Double) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// What must hold whenever no run is alive: the manifest parses and its
    /// entries' files exist with the recorded bytes (unless pending), the index
    /// pages link only files that exist, and every other file is ours.
    static func checkValid(_ out: URL, after kill: Int) throws {
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        let m = try manifest(out)
        #expect(m["format"] as? String == "noc-report manifest", "kill \(kill): index.json does not parse")
        let pending = Set(m["pending"] as? [String] ?? [])
        var owned = pending.union(m["pages"] as? [String] ?? [])
        for e in m["entries"] as? [[String: Any]] ?? [] {
            for f in e["files"] as? [[String: Any]] ?? [] {
                let name = f["name"] as? String ?? ""
                owned.insert(name)
                #expect(names.contains(name), "kill \(kill): index.json lists \(name), which does not exist")
                if !pending.contains(name), names.contains(name) {
                    let bytes = try Data(contentsOf: out.appendingPathComponent(name))
                    #expect(bytes.count == f["size"] as? Int, "kill \(kill): \(name) is not the size index.json records")
                }
            }
        }
        for page in ["index.md", "index.html"] where names.contains(page) {
            let text = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            #expect(page == "index.md" ? text.hasPrefix("# ") : text.contains("</html>"), "kill \(kill): \(page) is incomplete")
            for link in links(text) { #expect(names.contains(link), "kill \(kill): \(page) links \(link), which does not exist") }
        }
        // Named, not dumped: the sets hold hundreds of names.
        let unowned = names.filter { !$0.hasPrefix(".noc-report-tmp-") && $0 != "index.json" && !owned.contains($0) }.sorted()
        #expect(unowned.isEmpty, "kill \(kill): neither listed nor pending in index.json: \(unowned.prefix(5))")
    }

    /// Report and page file names an index page links to.
    static func links(_ text: String) -> Set<String> {
        var found = Set<String>()
        for pattern in [#"href="([^"/#:?]+\.(?:html|md|json))""#, #"\]\(([^)/#:?]+\.(?:html|md|json))\)"#] {
            let re = try? NSRegularExpression(pattern: pattern)
            for match in re?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
                if let r = Range(match.range(at: 1), in: text) { found.insert(String(text[r])) }
            }
        }
        return found
    }

    /// The manifest without its run-specific field.
    static func comparable(_ out: URL) throws -> NSDictionary {
        var m = try manifest(out)
        m["lastRun"] = nil
        return m as NSDictionary
    }

    /// The folder's files; the first index pages without their run summary line.
    static func comparableFiles(_ out: URL) throws -> [String: Data] {
        var d = try files(out).filter { $0.key != "index.json" }
        for page in ["index.md", "index.html"] {
            guard let data = d[page] else { continue }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            d[page] = Data(lines.filter { !$0.contains("rendered in this run") }.joined(separator: "\n").utf8)
        }
        return d
    }

    @Test func renderKilledAtRandomMomentsLeavesAValidFolderAndOneMoreRunFinishesTheJob() throws {
        let work = CLI.tempDir(), out = CLI.tempDir(), clean = CLI.tempDir(), small = CLI.tempDir()
        let export = try Self.bigExport(copies: 20, in: work)
        _ = try Self.bigExport(copies: 5, in: small)
        // The existing archive: an earlier, smaller export.
        _ = try CLI.run(["render", small.appendingPathComponent("export.json").path, "-o", out.path])
        let start = Date()
        let reference = try CLI.run(["render", export.path, "-o", clean.path])
        #expect(reference.code == 0, "\(reference.err)")
        let full = Date().timeIntervalSince(start)
        var rng = SeededGenerator(state: 20)  // the same seed kills at the same moments
        for k in 1...Self.kills {
            // Every other run with --force, so that kills land all through a render.
            try Self.killedRender(["render", export.path, "-o", out.path] + (k % 2 == 1 ? ["--force"] : []),
                                  after: Double.random(in: 0...full, using: &rng))
            try Self.checkValid(out, after: k)
        }
        let r = try CLI.run(["render", export.path, "-o", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.err.contains("not written by noc-report"), "a killed run's report was not recognised as ours: \(r.err)")
        #expect(try Self.comparable(out) == Self.comparable(clean))
        let got = try Self.comparableFiles(out), want = try Self.comparableFiles(clean)
        #expect(Set(got.keys) == Set(want.keys), "extra: \(Set(got.keys).subtracting(want.keys)), missing: \(Set(want.keys).subtracting(got.keys))")
        for (name, bytes) in want where got[name] != bytes { Issue.record("\(name) differs from a clean render") }
    }
}
