import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutputDirectory {
    /// Like `write(_:_:)` (a temporary name, then a rename), with the bytes
    /// made piece by piece: a manifest of many sessions is never whole in memory.
    func write(_ name: String, pieces: (([UInt8]) throws -> Void) throws -> Void) throws {
        precondition(!name.contains("/") && name != "." && name != ".." && !name.isEmpty, "unsafe output name")
        let tmp = Self.temporaryPrefix + token + "-" + name
        let f = openat(fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard f >= 0 else { throw OutputFailure.write(path + "/" + name, errno) }
        var failure: Int32 = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() {
            guard failure == 0 else { return }
            buffer.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count, let base = raw.baseAddress {
                    let n = Glibc.write(f, base + done, raw.count - done)
                    if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                    done += n
                }
            }
            buffer.removeAll(keepingCapacity: true)
        }
        do {
            try pieces { piece in
                buffer += piece
                if buffer.count >= 1 << 20 { flush() }
            }
        } catch {
            close(f)
            unlinkat(fd, tmp, 0)
            throw error
        }
        flush()
        _ = fchmod(f, 0o644)
        if close(f) != 0 && failure == 0 { failure = errno }
        if failure == 0 && renameat(fd, tmp, fd, name) != 0 { failure = errno }
        guard failure == 0 else {
            unlinkat(fd, tmp, 0)
            throw OutputFailure.write(path + "/" + name, failure)
        }
    }
}
