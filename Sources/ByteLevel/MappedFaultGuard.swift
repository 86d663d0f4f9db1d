#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the SIGBUS of a memory-mapped input that shrank under the reader
/// (truncated by another process during the first pass) into a flag: the
/// handler maps zero pages over the rest of that mapping and returns, the
/// scan reads zeros (and stops on them), and the file is then reported as
/// `file_changed`. Faults outside a registered mapping go to the handler
/// that was there before (the Swift backtracer, or the default crash).
///
/// Chosen over reading the first pass with `pread`: the scan stays
/// zero-copy and random-access (parallel segments), so it costs nothing
/// when no file changes.
enum MappedFaultGuard {
    /// Mappings scanned at the same time (one file at a time in practice).
    static let slotCount = 64
    /// Per slot: start address, end address (page-rounded), faulted (0/1).
    /// Read by the signal handler without locks: written only under `lock`,
    /// each entry a single aligned word.
    nonisolated(unsafe) static let table: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 3 * slotCount)
        p.initialize(repeating: 0, count: 3 * slotCount)
        return p
    }()
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    nonisolated(unsafe) static var pageSize = 4096
    nonisolated(unsafe) static var installed = false
    private static let lock = Lock()

    /// Registers `base..<base+size`; returns its slot, or nil when every slot
    /// is taken (the scan then runs unguarded, as before).
    static func register(_ base: UnsafeRawPointer, size: Int) -> Int? {
        lock.withLock {
            installIfNeeded()
            for s in 0..<slotCount where table[3 * s] == 0 {
                let start = Int(bitPattern: base)
                table[3 * s + 2] = 0
                table[3 * s + 1] = (start + size + pageSize - 1) / pageSize * pageSize
                table[3 * s] = start
                return s
            }
            return nil
        }
    }

    /// Frees the slot; true when a read in it faulted (the file shrank).
    static func unregister(_ slot: Int) -> Bool {
        lock.withLock {
            let faulted = table[3 * slot + 2] != 0
            table[3 * slot] = 0
            table[3 * slot + 1] = 0
            table[3 * slot + 2] = 0
            return faulted
        }
    }

    private static func installIfNeeded() {
        guard !installed else { return }
        pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        _ = table  // initialised here, never first inside the handler
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { signal, info, context in
            MappedFaultGuard.handle(signal, info, context)
        }
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigemptyset(&action.sa_mask)
        previous.initialize(to: sigaction())
        guard sigaction(SIGBUS, &action, previous) == 0 else { return }
        installed = true
    }

    /// Async-signal-safe: reads the table, one `mmap`, no allocation or lock.
    private static func handle(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
        let address = Int(bitPattern: info?.pointee._sifields._sigfault.si_addr)
        var s = 0
        while s < slotCount {
            let start = table[3 * s], end = table[3 * s + 1]
            if start != 0 && address >= start && address < end {
                let page = address & ~(pageSize - 1)
                let zeros = mmap(UnsafeMutableRawPointer(bitPattern: page), end - page, PROT_READ,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                if zeros != MAP_FAILED {
                    table[3 * s + 2] = 1
                    return
                }
                break
            }
            s += 1
        }
        // Not ours (or no memory for the zero pages): the fault repeats under
        // the handler that was installed before.
        sigaction(SIGBUS, previous, nil)
    }
}
