import ByteLevel
import Foundation

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
        let f = Descriptor.openForReading(name, inFolder: fd)
        guard f >= 0 else { return false }
        defer { Descriptor.close(f) }
        guard let st = FileStatus.of(descriptor: f), st.kind == .regular else { return false }
        var offset = 0, same = true
        pieces { piece in
            guard same, !piece.isEmpty else { return }
            let read = FileIO.read(f, count: piece.count, at: offset)
            same = read == piece
            offset += piece.count
        }
        return same && Int(st.size) == offset
    }
}
