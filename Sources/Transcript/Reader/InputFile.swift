#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input file, read without holding it in memory: a read-only memory
/// map for the first pass (pages behind the cursor are released as it goes)
/// and positioned reads for documents later. Standard input and other
/// non-seekable sources are first copied to an unlinked temporary file.
/// Bytes already in memory (fuzzing, tests) take the same two passes.
public final class InputFile: @unchecked Sendable {
    public let displayName: String
    public let size: Int
    private let fd: Int32
    /// Set only for in-memory inputs (then `fd` is -1).
    private let memory: [UInt8]?

    public enum OpenError: Error, CustomStringConvertible {
        case cannotOpen(String, String)
        case notAFile(String, String)
        case spoolFailed(String, String)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let why): return "\(path): cannot open: \(why)"
            case .notAFile(let path, let what): return "\(path): \(what)"
            case .spoolFailed(let path, let why): return "\(path): cannot copy standard input to a temporary file: \(why)"
            }
        }
    }

    private init(displayName: String, fd: Int32, size: Int) {
        self.displayName = displayName
        self.fd = fd
        self.size = size
        self.memory = nil
    }

    private init(displayName: String, bytes: [UInt8]) {
        self.displayName = displayName
        self.fd = -1
        self.size = bytes.count
        self.memory = bytes
    }

    deinit { if fd >= 0 { close(fd) } }

    /// An input whose bytes are already in memory.
    public static func inMemory(_ bytes: [UInt8], displayName: String) -> InputFile {
        InputFile(displayName: displayName, bytes: bytes)
    }

    /// Opens a path ("-" is standard input). Never blocks on a FIFO: those are
    /// opened non-blocking and copied.
    public static func open(path: String, displayName: String? = nil) throws -> InputFile {
        let name = displayName ?? (path == "-" ? "<stdin>" : path)
        if path == "-" { return try spool(from: 0, name: name, closeAfter: false) }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw OpenError.cannotOpen(name, String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let why = String(cString: strerror(errno))
            close(fd)
            throw OpenError.cannotOpen(name, why)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            // Back to blocking reads for a regular file.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return InputFile(displayName: name, fd: fd, size: Int(st.st_size))
        case S_IFDIR:
            close(fd)
            throw OpenError.notAFile(name, "is a directory")
        default:
            close(fd)
            throw OpenError.notAFile(name, "is not a regular file (FIFO, socket or device): skipped")
        }
    }

    private static func spool(from source: Int32, name: String, closeAfter: Bool) throws -> InputFile {
        var template = Array("/tmp/noc-report-stdin-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OpenError.spoolFailed(name, String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                close(fd)
                throw OpenError.spoolFailed(name, why)
            }
            if n == 0 { break }
            var written = 0
            while written < n {
                let w = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, n - written) }
                if w < 0 {
                    if errno == EINTR { continue }
                    let why = String(cString: strerror(errno))
                    close(fd)
                    throw OpenError.spoolFailed(name, why)
                }
                written += w
            }
            total += n
        }
        if closeAfter { close(source) }
        return InputFile(displayName: name, fd: fd, size: total)
    }

    /// Reads `count` bytes at `offset`.
    public func read(offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        if let memory {
            guard offset >= 0, offset < memory.count else { return [] }
            return Array(memory[offset..<min(memory.count, offset + count)])
        }
        let result = [UInt8](unsafeUninitializedCapacity: count) { buf, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            initialized = done
        }
        return result
    }

    /// Calls `body` with the whole file mapped read-only. `release(range)`
    /// lets a scanner drop pages it has passed, keeping memory flat.
    public func withMappedBytes<T>(_ body: (UnsafeBufferPointer<UInt8>, _ release: @escaping @Sendable (Range<Int>) -> Void) throws -> T) rethrows -> T {
        guard size > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0), { _ in }) }
        if let memory { return try memory.withUnsafeBufferPointer { try body($0, { _ in }) } }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            // Fall back to reading everything (rare: mmap refused).
            let all = read(offset: 0, count: size)
            return try all.withUnsafeBufferPointer { try body($0, { _ in }) }
        }
        defer { munmap(base, size) }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let address = Int(bitPattern: base)
        // Whole pages inside the range only: a page shared with bytes not yet
        // read stays. Dropped pages of a read-only private map come back from
        // the page cache if touched again, so this is always safe.
        let release: @Sendable (Range<Int>) -> Void = { range in
            let from = (range.lowerBound + pageSize - 1) / pageSize * pageSize
            let to = range.upperBound / pageSize * pageSize
            guard to > from, let start = UnsafeMutableRawPointer(bitPattern: address + from) else { return }
            _ = madvise(start, to - from, MADV_DONTNEED)
        }
        let bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
        return try body(bytes, release)
    }
}
