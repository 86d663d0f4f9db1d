import Foundation
import Testing

/// Issue 15, case 10, on the output side: a render into a folder keeps a
/// few dozen bytes per session in memory (the manifest entries wait in a
/// temporary file; the manifest and the index pages are written piece by
/// piece). Memory is the child's peak resident set, compared with a run of
/// 2 sessions, never a time.
@Suite("fault: render memory")
struct RenderMemoryTests {
    /// The three default formats: three report stamps a session (one case
    /// only: 60,000 sessions take minutes in a debug build).
    @Test func renderMemoryPerSessionIsSmall() throws {
        let formats = ["--format", "md,html,json"]
        let dir = CLI.tempDir()
        let tool = CLI.root.appendingPathComponent("tools/gen-small-sessions.py").path
        for count in [2, 60_000] {
            _ = try runProcess("/bin/sh", ["-c", "python3 '\(tool)' \(count) > '\(dir.path)/s\(count).json'"])
        }
        let few = try InputLimitFaultTests.peakKiB(["render", "-q"] + formats + ["-o", "\(dir.path)/out2", "\(dir.path)/s2.json"])
        let many = try InputLimitFaultTests.peakKiB(["render", "-q"] + formats + ["-o", "\(dir.path)/out60k", "\(dir.path)/s60000.json"])
        #expect(few.code == 0 && many.code == 0)
        let index = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/out60k/index.json"))
        #expect(index.count > 60_000 * 500, "index.json of \(index.count) bytes")
        // Was about 7.8 KB per session (460 MiB for 60,000): the manifest
        // entries were all in memory, encoded whole, and every index page too.
        #expect(many.kib - few.kib < RenderMemoryTests.bound << 10, "2 sessions: \(few.kib) KiB, 60,000: \(many.kib) KiB")
    }

    /// MiB that 60,000 sessions may cost over 2: the document table, the
    /// catalogue, the names and the stamps stay (36 MiB seen in a debug
    /// build with three formats, 2026-12-03, once the spill's sort keys went
    /// to disk and the name allocator kept digests; 43 MiB before that; 121
    /// MiB before the names, candidates and stamps were made compact; all
    /// manifest entries in memory, 7.8 KB a session, 460 MiB).
    static let bound = 55
}
