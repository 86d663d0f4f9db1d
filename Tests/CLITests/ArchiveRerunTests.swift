import Foundation
import Testing
import ByteLevel

/// Issue 20: a rerun that changes nothing touches nothing, counts warnings as
/// the first run did, and `index DIR` flags reports edited by hand.
extension ArchiveTests {
    /// The names of the folder's entries changed after `marker` (`find DIR -newer MARKER`), the folder included.
    static func newer(_ dir: URL, than marker: URL) throws -> [String] {
        let r = try runProcess("/usr/bin/find", [dir.path, "-newer", marker.path])
        return r.stdout.split(separator: "\n").map { String($0) }
    }

    static func marker() throws -> URL {
        let m = CLI.tempDir().appendingPathComponent("marker")
        try Data().write(to: m)
        // Coarse file system clocks: what the run writes must be strictly newer.
        Thread.sleep(forTimeInterval: 0.05)
        return m
    }

    @Test func aRerunWritesNoFileAndLeavesTheFolderTimeAlone() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let m = try Self.marker()
        let r = try CLI.run(["render", "examples", "-o", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("0 rendered, 7 unchanged"), "\(r.err)")
        #expect(try Self.newer(out, than: m) == [], "a rerun changed files or the folder: \(r.err)")
    }

    @Test func anIndexWithTheSameBytesIsNotReplaced() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let m = try Self.marker()
        // --force renders every report again (same bytes, new files); the index pages' bytes do not change.
        let r = try CLI.run(["render", "examples", "-o", out.path, "--force"])
        #expect(r.err.contains("7 rendered"), "\(r.err)")
        let changed = Set(try Self.newer(out, than: m).map { ($0 as NSString).lastPathComponent })
        #expect(changed.contains("index.json"))
        for page in ["index.md", "index.html"] { #expect(!changed.contains(page), "\(page) rewritten with the same bytes") }
        let r2 = try CLI.run(["index", out.path])
        #expect(r2.code == 0, "\(r2.err)")
        let again = Set(try Self.newer(out, than: m).map { ($0 as NSString).lastPathComponent })
        #expect(!again.contains("index.md") && !again.contains("index.html"), "\(again)")
    }

    @Test func aReportEditedWithItsSizeAndTimeKeptIsRenderedAgain() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".md") && !$0.hasPrefix("index") })
        let url = out.appendingPathComponent(name)
        let time = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == 0x41 ? 0x42 : 0x41
        try bytes.write(to: url)
        try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: url.path)
        // Same size and mtime, but the change time moved: the file is hashed and found changed.
        let r = try CLI.run(["render", "examples", "-o", out.path])
        #expect(r.err.contains("1 rendered, 6 unchanged"), "\(r.err)")
    }

    /// A settled input file is not hashed again while its stamp holds
    /// (InputFile.settledStamp); an edit in place moves its change time, so
    /// the edited session is hashed and rendered again, whether the run
    /// comes at once (the file has not settled) or later (its stamp differs).
    @Test func anInputEditedInPlaceWithItsSizeAndTimeKeptIsRenderedAgain() throws {
        let work = CLI.tempDir(), out = CLI.tempDir()
        let export = work.appendingPathComponent("export.json")
        let original = try String(contentsOfFile: "examples/noc-export.json", encoding: .utf8)
        try original.write(to: export, atomically: false, encoding: .utf8)
        let sessions = 7
        Thread.sleep(forTimeInterval: Double(InputFile.settleSeconds) + 0.3)
        let first = try CLI.run(["render", export.path, "-o", out.path])
        #expect(first.err.contains("\(sessions) rendered"), "\(first.err)")
        let second = try CLI.run(["render", export.path, "-o", out.path])
        #expect(second.err.contains("0 rendered, \(sessions) unchanged"), "\(second.err)")

        // touch -r keeps the times to the nanosecond (a Date would round them).
        let times = work.appendingPathComponent("times")
        func edit(_ from: String, _ to: String) throws {
            _ = try runProcess("/usr/bin/touch", ["-r", export.path, times.path])
            var text = try String(contentsOf: export, encoding: .utf8)
            let r = try #require(text.range(of: from))
            text.replaceSubrange(r, with: to)
            let handle = try FileHandle(forWritingTo: export)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            _ = try runProcess("/usr/bin/touch", ["-r", times.path, export.path])
        }
        let alert = try #require(original.range(of: #""alert_text": *"[A-Za-z]"#, options: .regularExpression).map { String(original[$0]) })
        let swapped = String(alert.dropLast()) + (alert.last == "Q" ? "R" : "Q")
        // The manifest and the cache both hold the first bytes' hash: only the stamp can tell.
        try edit(alert, swapped)
        Thread.sleep(forTimeInterval: Double(InputFile.settleSeconds) + 0.3)
        let settled = try CLI.run(["render", export.path, "-o", out.path])
        #expect(settled.err.contains("1 rendered, \(sessions - 1) unchanged"), "\(settled.err)")
        try edit(swapped, alert)
        let atOnce = try CLI.run(["render", export.path, "-o", out.path])
        #expect(atOnce.err.contains("1 rendered, \(sessions - 1) unchanged"), "\(atOnce.err)")
        let last = try CLI.run(["render", export.path, "-o", out.path])
        #expect(last.err.contains("0 rendered, \(sessions) unchanged"), "\(last.err)")
    }

    @Test func anUnchangedSessionsWarningsAreCountedAsWhenItWasRendered() throws {
        let out = CLI.tempDir()
        let first = try CLI.run(["render", "examples", "-o", out.path])
        let second = try CLI.run(["render", "examples", "-o", out.path])
        func warnings(_ text: String) -> String? {
            guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("noc-report:") }).map(String.init),
                  let r = line.range(of: #"[0-9]+ warnings?"#, options: .regularExpression) else { return nil }
            return String(line[r].prefix { $0 != " " })
        }
        let w = try #require(warnings(first.err), "\(first.err)")
        #expect(w != "0", "the examples have session warnings: \(first.err)")
        #expect(warnings(second.err) == w, "\(second.err)")
        let lines = { (t: String) in t.split(separator: "\n").filter { $0.hasPrefix("warning:") } }
        #expect(lines(second.err) == lines(first.err))
        let strict = try CLI.run(["render", "examples", "-o", out.path, "--strict"])
        #expect(strict.code == 1, "--strict fails on recorded warnings too: \(strict.err)")
    }

    /// `index DIR` over the folder's own manifest reads its entries one at a
    /// time (bounded memory) and writes what the render wrote, byte for byte.
    @Test func indexRebuiltInPlaceMatchesWhatTheRenderWrote() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let names = ["index.json", "index.md", "index.html"]
        let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        for page in ["index.md", "index.html"] { try FileManager.default.removeItem(at: out.appendingPathComponent(page)) }
        let r = try CLI.run(["index", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("index of 7 sessions from 1 manifest"), "\(r.err)")
        #expect(try names.map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)
    }

    @Test func indexDropsAndNamesAReportEditedByHandAndTheNextRenderLeavesItAlone() throws {
        let out = CLI.tempDir()
        _ = try CLI.run(["render", "examples", "-o", out.path])
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().first { $0.hasSuffix(".md") && !$0.hasPrefix("index") })
        try Data("my own notes\n".utf8).write(to: out.appendingPathComponent(name))
        let r = try CLI.run(["index", out.path])
        #expect(r.err.contains("\(name) was changed after noc-report wrote it"), "\(r.err)")
        #expect(try Self.sessionsListed(out) == 6)
        let md = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(!md.contains("(\(name))"), "the edited report is not listed as intact")
        let again = try CLI.run(["render", "examples", "-o", out.path])
        #expect(again.err.contains("\(name) exists and was not written by noc-report"), "\(again.err)")
        #expect(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) == "my own notes\n")
        // Its other files were ours: rendered again, not refused.
        let base = (name as NSString).deletingPathExtension
        #expect(!again.err.contains("\(base).html exists and was not written"), "\(again.err)")
    }
}
