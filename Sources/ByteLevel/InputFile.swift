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
    /// Open only while needed for a path-backed file (see `descriptor()`);
    /// always open for a spooled standard input (it has no path).
    private var fd: Int32
    /// Set only for in-memory inputs (then `fd` is -1).
    private let memory: [UInt8]?
    /// Re-opened by this path, checked against `identity`.
    private let path: String?
    private let identity: Identity?
    /// The stamp at open when the file had settled (see `settled(_:)`).
    private let stampAtOpen: [UInt64]?
    /// `settledStamp` once checked: nil while not yet asked.
    private var stampChecked: [UInt64]??
    private let lock = Lock()
    /// Set once the file no longer matches what the first pass read.
    public private(set) var changed = false

    /// What a file must still be to be read again: a change means its
    /// offsets no longer point at the documents the first pass found.
    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, mtimeSec: Int64, mtimeNsec: Int64
        init(_ st: stat) {
            device = UInt64(st.st_dev); inode = UInt64(st.st_ino); size = Int64(st.st_size)
            mtimeSec = Int64(st.st_mtim.tv_sec); mtimeNsec = Int64(st.st_mtim.tv_nsec)
        }
    }

    /// Descriptors kept open between reads, over all files: past this, a
    /// read opens, reads and closes, so 100,000 inputs never exhaust them.
    nonisolated(unsafe) static var keptOpen = 0
    static let keptOpenLimit = 64
    private static let budgetLock = Lock()

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

    private init(displayName: String, fd: Int32, size: Int, path: String? = nil, identity: Identity? = nil, settledStamp: [UInt64]? = nil) {
        self.displayName = displayName
        self.fd = fd
        self.size = size
        self.memory = nil
        self.path = path
        self.identity = identity
        self.stampAtOpen = settledStamp
    }

    private init(displayName: String, bytes: [UInt8]) {
        self.displayName = displayName
        self.fd = -1
        self.size = bytes.count
        self.memory = bytes
        self.path = nil
        self.identity = nil
        self.stampAtOpen = nil
    }

    deinit {
        if fd >= 0 {
            close(fd)
            if path != nil { Self.budgetLock.withLock { Self.keptOpen -= 1 } }
        }
    }

    /// An open descriptor for this file and whether the caller must close
    /// it; nil (and `changed` set) when the file is not the one scanned.
    private func descriptor() -> (Int32, owned: Bool)? {
        lock.lock()
        defer { lock.unlock() }
        if changed { return nil }
        if fd >= 0 { return (fd, false) }
        guard let path else { return nil }
        let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else { changed = true; return nil }
        var st = stat()
        guard fstat(opened, &st) == 0, Identity(st) == identity else {
            close(opened)
            changed = true
            return nil
        }
        let keep = Self.budgetLock.withLock {
            guard Self.keptOpen < Self.keptOpenLimit else { return false }
            Self.keptOpen += 1
            return true
        }
        if keep { fd = opened }
        return (opened, !keep)
    }

    /// Still the file the first pass read (an in-place rewrite changes
    /// its size or modification time even when the inode stays)?
    private func stillSame(_ descriptor: Int32) -> Bool {
        guard let identity else { return true }
        var st = stat()
        if fstat(descriptor, &st) == 0 && Identity(st) == identity { return true }
        lock.withLock { changed = true }
        return false
    }

    private var changeReported = false

    /// True the first time only: a changed file is reported once, however
    /// many of its documents were still to be read.
    public func firstChangeReport() -> Bool {
        lock.withLock {
            defer { changeReported = true }
            return !changeReported
        }
    }

    /// Lets go of the descriptor the first pass used (re-opened by path).
    public func closeUntilNeeded() {
        lock.lock()
        defer { lock.unlock() }
        guard path != nil, fd >= 0 else { return }
        close(fd)
        fd = -1
        Self.budgetLock.withLock { Self.keptOpen -= 1 }
    }

    /// An input whose bytes are already in memory.
    public static func inMemory(_ bytes: [UInt8], displayName: String) -> InputFile {
        InputFile(displayName: displayName, bytes: bytes)
    }

    /// Standard input was closed when the run started (see `holdClosedStandardInput`).
    nonisolated(unsafe) static var standardInputWasClosed = false

    /// Called before anything opens a descriptor: a closed fd 0 would be
    /// taken by the next one opened (libdispatch's eventfd, an input) and
    /// read as standard input; /dev/null holds its place, and it is remembered.
    public static func holdClosedStandardInput() {
        guard fcntl(0, F_GETFD) < 0 else { return }
        standardInputWasClosed = true
        let fd = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
        if fd > 0 { close(fd) }
    }

    /// Opens a path ("-" is standard input). Never blocks on a FIFO: those are
    /// opened non-blocking and copied.
    public static func open(path: String, displayName: String? = nil) throws -> InputFile {
        let name = displayName ?? (path == "-" ? "<stdin>" : path)
        if path == "-" {
            // A closed standard input would make fd 0 the next file opened.
            guard !standardInputWasClosed, fcntl(0, F_GETFD) >= 0 else {
                throw OpenError.notAFile(name, "standard input is closed: pipe an export into noc-report or name a file instead of '-'")
            }
            return try spool(from: 0, name: name, closeAfter: false)
        }
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
            budgetLock.withLock { keptOpen += 1 }
            return InputFile(displayName: name, fd: fd, size: Int(st.st_size), path: path, identity: Identity(st),
                             settledStamp: settled(st))
        case S_IFDIR:
            close(fd)
            throw OpenError.notAFile(name, "is a directory")
        default:
            close(fd)
            throw OpenError.notAFile(name, "is not a regular file (FIFO, socket or device): skipped")
        }
    }

    /// What identifies these bytes between runs: device, inode, size,
    /// modification and change times in nanoseconds, as at open, when the
    /// file had settled then and still has this stamp when first asked
    /// (after the first pass: a file written while it was scanned is not
    /// vouched for). Nil for standard input, in-memory bytes and a file
    /// changed since it was opened.
    public var settledStamp: [UInt64]? {
        lock.withLock {
            if let checked = stampChecked { return checked }
            let now = path.flatMap(FileStatus.of(path:)).map(Self.words)
            let checked = stampAtOpen != nil && now == stampAtOpen ? stampAtOpen : nil
            stampChecked = .some(checked)
            return checked
        }
    }

    private static func words(_ status: FileStatus) -> [UInt64] {
        [status.device, status.inode, UInt64(bitPattern: status.size), UInt64(bitPattern: status.modifiedNs),
         UInt64(bitPattern: status.changedNs)]
    }

    /// A file last changed this long before it was opened has settled: any
    /// later write gives it a newer change time. One changed more recently
    /// may be written again within the same clock tick without its times
    /// moving (a "racily clean" file, as git calls it), so its stamp does
    /// not stand for its bytes. Seconds: coarse file systems tick in 2.
    public static let settleSeconds: Int64 = 3

    private static func settled(_ st: stat) -> [UInt64]? {
        let status = FileStatus(st)
        var now = timespec()
        guard clock_gettime(CLOCK_REALTIME, &now) == 0 else { return nil }
        let nowNs = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        guard status.changedNs < nowNs - settleSeconds * 1_000_000_000, status.modifiedNs <= status.changedNs else { return nil }
        return words(status)
    }

    /// Told the bytes copied so far while standard input is spooled (the
    /// command line's progress line). Set once, before reading.
    nonisolated(unsafe) public static var spoolProgress: ((Int) -> Void)?

    private static func spool(from source: Int32, name: String, closeAfter: Bool) throws -> InputFile {
        // $TMPDIR when set (a small /tmp must not limit what can be piped in).
        var dir = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        if dir.isEmpty { dir = "/tmp" }
        if dir.hasSuffix("/") { dir.removeLast() }
        var template = Array("\(dir)/noc-report-stdin-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw OpenError.spoolFailed(name, "\(dir) (TMPDIR): \(String(cString: strerror(errno)))") }
        _ = unlink(template)
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
                let w = buffer[written..<n].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if w < 0 {
                    if errno == EINTR { continue }
                    let why = String(cString: strerror(errno))
                    close(fd)
                    throw OpenError.spoolFailed(name, why)
                }
                written += w
            }
            total += n
            spoolProgress?(total)
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
        // An empty or short result tells the caller the file changed.
        guard let (fd, owned) = descriptor() else { return [] }
        defer { if owned { close(fd) } }
        let result = FileIO.read(fd, count: count, at: offset)
        return stillSame(fd) ? result : []
    }

    /// Largest file read into memory when it cannot be mapped (an address
    /// space limit): a larger one is reported, never loaded whole.
    static let unmappedLimit = 64 << 20
    /// The file could not be mapped and was too large to read whole.
    public private(set) var mapFailed = false

    /// Calls `body` with the whole file mapped read-only. `release(range)`
    /// lets a scanner drop pages it has passed, keeping memory flat. A file
    /// that shrinks meanwhile reads as zeros past its new end (no SIGBUS,
    /// see `MappedFaultGuard`) and is marked `changed`, as is one whose
    /// identity no longer matches after the pass.
    public func withMappedBytes<T>(_ body: (ByteView, _ release: @escaping @Sendable (Range<Int>) -> Void) throws -> T) rethrows -> T {
        guard size > 0 else { return try body(.empty, { _ in }) }
        if let memory { return try ByteView.of(memory) { try body($0, { _ in }) } }
        guard let (fd, owned) = descriptor() else { return try body(.empty, { _ in }) }
        defer { if owned { close(fd) } }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            return try withUnmappedBytes(fd, body)
        }
        defer { munmap(base, size) }
        let slot = MappedFaultGuard.register(base, size: size)
        defer {
            if let slot, MappedFaultGuard.unregister(slot) { lock.withLock { changed = true } }
            _ = stillSame(fd)
        }
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
        return try body(ByteView(bytes), release)
    }

    /// mmap refused (address space limit): a small file is read into one
    /// buffer, allocated so that a refusal is a report, not an abort.
    private func withUnmappedBytes<T>(_ fd: Int32, _ body: (ByteView, _ release: @escaping @Sendable (Range<Int>) -> Void) throws -> T) rethrows -> T {
        let empty = ByteView.empty
        guard size <= Self.unmappedLimit, let raw = malloc(size) else { mapFailed = true; return try body(empty, { _ in }) }
        defer { free(raw) }
        var done = 0
        while done < size {
            let n = pread(fd, raw + done, size - done, off_t(done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        guard done == size, stillSame(fd) else { lock.withLock { changed = true }; return try body(empty, { _ in }) }
        return try body(ByteView(UnsafeBufferPointer(start: raw.assumingMemoryBound(to: UInt8.self), count: size)), { _ in })
    }
}
