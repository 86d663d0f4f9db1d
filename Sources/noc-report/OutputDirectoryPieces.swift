import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutputDirectory {
    /// Like `write(_:_:)` (a temporary name, then a rename), with the bytes
    /// made piece by piece: a manifest of many sessions is never whole in memory.
    func write(_ name: String, pieces: (([UInt8]) throws -> Void) throws -> Void) throws {
        try replace(name) { f in
            var failure: Int32 = 0
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            func flush() {
                if failure == 0 { failure = StandardOutput.writeAll(f, buffer) }
                buffer.removeAll(keepingCapacity: true)
            }
            try pieces { piece in
                buffer += piece
                if buffer.count >= 1 << 20 { flush() }
            }
            flush()
            return failure
        }
    }

    /// Whether `name` is a regular file holding exactly the bytes `pieces`
    /// makes, compared a piece at a time (neither side whole in memory).
    func holds(_ name: String, pieces: (([UInt8]) -> Void) -> Void) -> Bool {
        let f = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard f >= 0 else { return false }
        defer { close(f) }
        var st = stat()
        guard fstat(f, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        var offset = 0, same = true
        pieces { piece in
            guard same, !piece.isEmpty else { return }
            var read = [UInt8](repeating: 0, count: piece.count)
            var done = 0
            while done < read.count {
                let n = read.withUnsafeMutableBytes { raw in
                    raw.baseAddress.map { pread(f, $0 + done, raw.count - done, off_t(offset + done)) } ?? -1
                }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            same = done == piece.count && read == piece
            offset += piece.count
        }
        return same && Int(st.st_size) == offset
    }
}
