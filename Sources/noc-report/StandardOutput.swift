import ByteLevel
import Foundation
import Transcript

/// Bytes to standard output, whole (write(2) may take them in parts).
/// A reader that went away (EPIPE: `| head`) ends the run quietly with
/// exit 141, as a shell reports SIGPIPE; any other error (a full disk,
/// a closed descriptor) is said once on stderr and exits 2, so a
/// truncated report never looks like success.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        let failure = writeAll(1, bytes)
        guard failure != 0 else { return }
        if failure == EPIPE { ProcessControl.exitNow(ExitStatus.brokenPipe.rawValue) }
        let problem = Problem(writing: "standard output", .standardOutputFailed,
                              "cannot write to standard output: \(FileIO.errorText(failure))", action: "stopped")
        StandardError.write("noc-report: error: \(problem.text)\n")
        ProcessControl.exitNow(problem.exitStatus(strict: false).rawValue)
    }

    /// 0, or the errno of the failed write.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        FileIO.writeAll(fd, bytes)
    }
}

/// Messages to stderr: a failing stderr (2>/dev/full, closed) never stops the work.
enum StandardError {
    static func write(_ text: String) {
        _ = StandardOutput.writeAll(2, Array(text.utf8))
    }
}
