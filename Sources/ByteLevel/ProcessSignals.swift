#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signals a command-line run handles itself.
public enum ProcessSignals {
    // Set once, before the handler is installed; the handler only reads them.
    nonisolated(unsafe) private static var interruptMessage: StaticString = ""
    nonisolated(unsafe) private static var interruptStatus: Int32 = 130

    /// On Ctrl-C (SIGINT): `message` to standard error, then exit with
    /// `status` at once. Async-signal-safe: one write(2), then _exit.
    public static func exitOnInterrupt(message: StaticString, status: Int32) {
        interruptMessage = message
        interruptStatus = status
        signal(SIGINT) { _ in
            let message = ProcessSignals.interruptMessage
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(ProcessSignals.interruptStatus)
        }
    }

    /// A write past `ulimit -f` then fails with EFBIG instead of killing
    /// the process without a word (SIGXFSZ ignored).
    public static func ignoreFileSizeLimitSignal() {
        signal(SIGXFSZ, SIG_IGN)
    }
}

extension StaticString {
    /// `body` with the string's UTF-8 bytes.
    @inlinable
    public func withBytes<T>(_ body: (Span<UInt8>) throws -> T) rethrows -> T {
        try body(UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount).span)
    }
}
