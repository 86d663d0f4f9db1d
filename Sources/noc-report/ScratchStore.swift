import ByteLevel
import Foundation

/// Bytes a run keeps out of memory until it ends: appended to a temporary
/// file without a name (nothing to clean up, whatever stops the run), read
/// back by place. When no such file can be made or a write fails, the bytes
/// stay in memory instead: slower to hold, never lost.
final class ScratchStore {
    private var fd: Int32
    private var fileEnd = 0
    private var memory: [UInt8] = []

    /// A store in `dir` (O_TMPFILE, so the folder itself is unchanged), else
    /// under $TMPDIR as an unlinked file named after `label`; `inMemory`
    /// keeps everything in memory (for tests of that fallback).
    init(in dir: OutputDirectory, label: String, inMemory: Bool = false) {
        fd = inMemory ? -1 : FileIO.openScratchFile(inFolder: dir.fd) {
            let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            return base + "/" + OutputDirectory.temporaryPrefix + dir.token + "-" + label
        }
    }

    deinit { if fd >= 0 { Descriptor.close(fd) } }

    /// Where appended bytes went.
    struct Place {
        var offset: Int
        var inMemory: Bool

        func advanced(by n: Int) -> Place { Place(offset: offset + n, inMemory: inMemory) }
    }

    func append(_ bytes: [UInt8]) -> Place {
        if fd >= 0, FileIO.writeAll(fd, bytes, at: fileEnd) {
            defer { fileEnd += bytes.count }
            return Place(offset: fileEnd, inMemory: false)
        }
        defer { memory += bytes }
        return Place(offset: memory.count, inMemory: true)
    }

    /// `count` bytes from `place` on (fewer only where the store ends).
    func read(_ count: Int, at place: Place) -> [UInt8] {
        if place.inMemory { return Array(memory[place.offset..<min(place.offset + count, memory.count)]) }
        let expected = max(0, min(count, fileEnd - place.offset))
        let bytes = FileIO.read(fd, count: expected, at: place.offset)
        // The file is ours and unlinked: a short read is a failing disk.
        precondition(bytes.count == expected, "the run's scratch file could not be read back")
        return bytes
    }
}
