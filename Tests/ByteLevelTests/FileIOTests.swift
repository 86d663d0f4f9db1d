import Foundation
import Testing
@testable import ByteLevel

/// Real files in a fresh folder: what each call leaves on disk.
@Suite("ByteLevel: file I/O and folders")
struct FileIOTests {
    private let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "bytelevel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    private func listing() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    private func withFolder<T>(_ body: (Int32) throws -> T) rethrows -> T {
        let fd = Directory.open(folder)
        #expect(fd >= 0)
        defer { close(fd) }
        return try body(fd)
    }

    @Test(arguments: [0, 1, 4095, 1 << 20])
    func writeAllThenReadBack(size: Int) {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        withFolder { dir in
            let fd = FileIO.openScratchFile(inFolder: dir) { folder + "/fallback" }
            #expect(fd >= 0)
            defer { close(fd) }
            #expect(FileIO.writeAll(fd, bytes) == 0)
            #expect(FileIO.read(fd, count: size, at: 0) == bytes)
            // Past the end: only what is there.
            #expect(FileIO.read(fd, count: 10, at: max(0, size - 3)) == Array(bytes.suffix(3)))
            #expect(FileIO.read(fd, count: 0, at: 0).isEmpty)
        }
        // The scratch file never had a name (or lost it at once).
        #expect(listing().isEmpty)
    }

    @Test func positionedWritesLandWhereAsked() {
        withFolder { dir in
            let fd = FileIO.openScratchFile(inFolder: dir) { folder + "/fallback" }
            defer { close(fd) }
            #expect(FileIO.writeAll(fd, Array("hello world".utf8), at: 0))
            #expect(FileIO.writeAll(fd, Array("WORLD".utf8), at: 6))
            #expect(FileIO.read(fd, count: 64, at: 0) == Array("hello WORLD".utf8))
        }
    }

    @Test func writeToAClosedDescriptorSaysWhy() {
        #expect(FileIO.writeAll(-1, [1, 2, 3]) == EBADF)
        #expect(!FileIO.writeAll(-1, [1], at: 0))
        #expect(FileIO.read(-1, count: 4, at: 0).isEmpty)
        #expect(FileIO.errorText(ENOSPC) == "No space left on device")
    }

    @Test func replaceWritesWholeFilesOnly() throws {
        struct Stop: Error {}
        try withFolder { dir in
            #expect(FileIO.replace("a.txt", inFolder: dir, via: ".tmp-a") { FileIO.writeAll($0, Array("one".utf8)) } == 0)
            #expect(try String(contentsOfFile: folder + "/a.txt", encoding: .utf8) == "one")
            // A failed fill: its errno, the old file kept, no temporary left.
            #expect(FileIO.replace("a.txt", inFolder: dir, via: ".tmp-a") { _ in ENOSPC } == ENOSPC)
            #expect(throws: Stop.self) { try FileIO.replace("a.txt", inFolder: dir, via: ".tmp-a") { _ in throw Stop() } }
            #expect(try String(contentsOfFile: folder + "/a.txt", encoding: .utf8) == "one")
            #expect(listing() == ["a.txt"])
            // A link at the temporary name is not followed: the open fails.
            try FileManager.default.createSymbolicLink(atPath: folder + "/.tmp-b", withDestinationPath: folder + "/elsewhere")
            #expect(FileIO.replace("b.txt", inFolder: dir, via: ".tmp-b") { _ in 0 } == ELOOP)
            #expect(!FileManager.default.fileExists(atPath: folder + "/elsewhere"))
        }
    }

    @Test func foldersAreListedWithoutDotEntries() throws {
        for name in ["b", "a", "été"] { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data()) }
        #expect(withFolder { Directory.names(inOpen: $0) }.sorted() == ["a", "b", "été"])
        guard case .success(let names) = Directory.names(atPath: folder) else { Issue.record("not listed"); return }
        #expect(names.sorted() == ["a", "b", "été"])
        guard case .failure(let error) = Directory.names(atPath: folder + "/missing") else { Issue.record("listed"); return }
        #expect(error.code == ENOENT)
        #expect(Directory.open(folder + "/a") < 0)  // a file is not a folder
        #expect(Directory.names(inOpen: -1).isEmpty)
    }
}

@Suite("ByteLevel: C strings, clocks, locks")
struct SystemPiecesTests {
    @Test func cStringsInAndOut() {
        let text = "héllo, wörld"
        #expect(CString.withUTF8(text) { pointer, count in pointer.map { String(cString: strndup($0, count)) } } == text)
        #expect(CString.withUTF8(text) { $1 } == text.utf8.count)
        let owned = strdup(text)
        guard let owned else { Issue.record("strdup failed"); return }
        #expect(CString.withBytes(owned) { String(decodingUTF8: $0) } == text)
        #expect(CString.take(owned) == Array(text.utf8))  // and freed
    }

    // LocalTime changes the process's TZ, which the Render tests of named
    // zones rely on (tests run in parallel in one process): it is tested there.

    @Test func lockKeepsCountsWhole() {
        final class Counter: @unchecked Sendable { var n = 0; let lock = Lock() }
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { counter.lock.withLock { counter.n += 1 } }
        }
        #expect(counter.n == 80_000)
    }
}
