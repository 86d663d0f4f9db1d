import Foundation
import Testing
@testable import ByteLevel

/// FileStatus, FileLock, Descriptor and ProcessControl on real files in a fresh folder.
@Suite("ByteLevel: file status, locks and descriptors")
struct DescriptorTests {
    private let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "bytelevel-status-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder + "/file", contents: Data("12345".utf8)))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "file")
        try FileManager.default.createSymbolicLink(atPath: folder + "/broken", withDestinationPath: "missing")
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
    }

    private func withFolder<T>(_ body: (Int32) throws -> T) rethrows -> T {
        let fd = Directory.open(folder)
        #expect(fd >= 0)
        defer { Descriptor.close(fd) }
        return try body(fd)
    }

    @Test(arguments: [
        ("file", FileStatus.Kind.regular, FileStatus.Kind.regular),
        ("link", .symbolicLink, .regular),
        ("sub", .directory, .directory),
    ])
    func kindsWithAndWithoutFollowingLinks(name: String, notFollowed: FileStatus.Kind, followed: FileStatus.Kind) {
        let path = folder + "/" + name
        #expect(FileStatus.ofLink(path: path)?.kind == notFollowed)
        #expect(FileStatus.of(path: path)?.kind == followed)
        withFolder { dir in #expect(FileStatus.of(name, inFolder: dir)?.kind == notFollowed) }
    }

    @Test func aBrokenLinkOrMissingFileHasNoStatusAndLeavesErrno() {
        #expect(FileStatus.ofLink(path: folder + "/broken")?.kind == .symbolicLink)
        #expect(FileStatus.of(path: folder + "/broken") == nil)
        #expect(Descriptor.lastError == ENOENT)
        withFolder { dir in #expect(FileStatus.of("missing", inFolder: dir) == nil) }
    }

    @Test func sizeTimesAndIdentityMatchTheSameFileByEveryRoute() throws {
        let byPath = try #require(FileStatus.of(path: folder + "/link"))
        #expect(byPath.size == 5)
        let fd = Descriptor.openForReading(path: folder + "/file")
        #expect(fd >= 0)
        defer { Descriptor.close(fd) }
        #expect(FileStatus.of(descriptor: fd) == byPath)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/file")
        let modified = try #require(attributes[.modificationDate] as? Date)
        #expect(byPath.modifiedSeconds == Int64(modified.timeIntervalSince1970.rounded(.down)))
        #expect(byPath.modifiedNs / 1_000_000_000 == byPath.modifiedSeconds)
        #expect(byPath.changedNs > 0)
        #expect(byPath.identity != FileStatus.of(path: folder + "/sub")?.identity)
    }

    @Test func openingInAFolderNeverFollowsALink() {
        withFolder { dir in
            #expect(Descriptor.openForReading("link", inFolder: dir) < 0)
            #expect(Descriptor.lastError == ELOOP)
            let f = Descriptor.openForReading("file", inFolder: dir, nonBlocking: true)
            #expect(f >= 0)
            #expect(FileIO.read(f, count: 10, at: 0) == Array("12345".utf8))
            #expect(Descriptor.close(f) == 0)
        }
    }

    @Test func createNewFailsOnAnExistingNameAndUnlinkRemoves() {
        withFolder { dir in
            #expect(Descriptor.createNew("file", inFolder: dir) < 0)
            #expect(Descriptor.lastError == EEXIST)
            let f = Descriptor.createNew("probe", inFolder: dir)
            #expect(f >= 0)
            Descriptor.close(f)
            #expect(FileStatus.of("probe", inFolder: dir)?.kind == .regular)
            #expect(Descriptor.unlink("probe", inFolder: dir) == 0)
            #expect(FileStatus.of("probe", inFolder: dir) == nil)
            #expect(Descriptor.unlink("sub", inFolder: dir) != 0)  // never a folder
            #expect(Descriptor.writableFolderError(dir) == 0)
        }
    }

    @Test func renameOrRemoveRenamesElseRemovesTheSource() {
        let from = folder + "/from", to = folder + "/to"
        #expect(FileManager.default.createFile(atPath: from, contents: Data("x".utf8)))
        #expect(Descriptor.renameOrRemove(from, to: to))
        #expect(FileStatus.of(path: from) == nil && FileStatus.of(path: to)?.size == 1)
        #expect(FileManager.default.createFile(atPath: from, contents: nil))
        #expect(!Descriptor.renameOrRemove(from, to: folder + "/none/to"))
        #expect(FileStatus.of(path: from) == nil)
    }

    @Test func anExclusiveLockExcludesOtherDescriptionsUntilShared() {
        let a = Descriptor.openForReading(path: folder + "/file"), b = Descriptor.openForReading(path: folder + "/file")
        defer { Descriptor.close(a); Descriptor.close(b) }
        #expect(FileLock.exclusive(a))
        #expect(!FileLock.tryExclusive(b))
        #expect(FileLock.shared(a))
        #expect(FileLock.shared(b))
        #expect(!FileLock.tryExclusive(a))  // b still holds a shared lock
        Descriptor.close(b)
        #expect(FileLock.tryExclusive(a))
    }

    @Test func processIdAndTerminal() {
        #expect(ProcessControl.id == ProcessInfo.processInfo.processIdentifier)
        let fd = Descriptor.openForReading(path: folder + "/file")
        defer { Descriptor.close(fd) }
        #expect(!Descriptor.isTerminal(fd))
        ProcessControl.raiseDescriptorLimit()
        var limit = rlimit()
        #expect(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        #expect(limit.rlim_cur == limit.rlim_max)
    }
}

@Suite("ByteLevel: monotonic clock")
struct MonotonicClockTests {
    @Test func aSleepMovesTheClockForwardByAtLeastItsLength() {
        let before = MonotonicClock.seconds()
        MonotonicClock.sleep(microseconds: 20_000)
        #expect(MonotonicClock.seconds() - before >= 0.02)
    }
}
