import ByteLevel
import Foundation
import Transcript

/// The files named on the command line, directories expanded (FORMAT.md §1):
/// every .json/.jsonl/.ndjson below them in sorted path order. Walking never
/// follows directory symlinks (no loops) and skips what cannot be read.
struct InputSet {
    var files: [InputFile] = []
    var problems: [Problem] = []

    static let extensions: Set<String> = ["json", "jsonl", "ndjson"]

    /// Folders (device, inode) a walk never enters: render's own `-o`, so a
    /// run never reads back the reports it wrote. Set once, before reading.
    nonisolated(unsafe) static var skippedFolders: Set<[UInt64]> = []
    /// Called once when a walk skips one of them.
    nonisolated(unsafe) static var onSkippedFolder: ((String) -> Void)?

    init(paths: [String]) {
        Self.raiseDescriptorLimit()
        InputFile.holdClosedStandardInput()
        Self.startWorkerPool()
        var toolWritten = ToolWrittenFiles()
        defer { toolWritten.sayOnce() }
        for path in paths {
            if path == "-" {
                open(path)
                continue
            }
            guard let st = FileStatus.ofLink(path: path) ?? FileStatus.of(path: path) else {
                problems.append(problem(path, "cannot be read: \(FileIO.errorText(Descriptor.lastError))", "skipped"))
                continue
            }
            var target = st
            if st.kind == .symbolicLink {
                guard let followed = FileStatus.of(path: path) else {
                    problems.append(problem(path, "is a broken symbolic link", "skipped"))
                    continue
                }
                target = followed
            }
            if target.kind == .directory {
                var found: [String] = []
                var visited: Set<[UInt64]> = [target.identity]
                walk(path, into: &found, visited: &visited)
                if found.isEmpty {
                    problems.append(problem(path, "the folder holds no .json, .jsonl or .ndjson files", "nothing to read"))
                }
                found = toolWritten.removing(from: found)
                for file in found.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { open(file) }
            } else {
                open(path)
            }
        }
    }

    private func problem(_ path: String, _ what: String, _ action: String) -> Problem {
        Problem(.error, SourceLocation(file: path, documentIndex: 0, byteOffset: 0), what, action: action, code: .unreadableFile)
    }

    private mutating func open(_ path: String) {
        do {
            let file = try InputFile.open(path: path)
            // Re-opened by path (identity checked) when scanned and read.
            file.closeUntilNeeded()
            files.append(file)
        } catch {
            problems.append(problem(path, "\(error)".replacingOccurrences(of: "\(path): ", with: ""), "skipped"))
        }
    }

    private mutating func walk(_ dir: String, into found: inout [String], visited: inout Set<[UInt64]>) {
        let names: [String]
        switch Directory.names(atPath: dir) {
        case .success(let listed): names = listed
        case .failure(let error):
            problems.append(problem(dir, "directory cannot be read: \(error.description)", "skipped"))
            return
        }
        for name in names {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            guard let st = FileStatus.ofLink(path: path) else { continue }
            switch st.kind {
            case .directory:
                let key = st.identity
                guard !visited.contains(key) else { continue }
                if Self.skippedFolders.contains(key) {
                    Self.onSkippedFolder?(path)
                    continue
                }
                visited.insert(key)
                walk(path, into: &found, visited: &visited)
                if found.isEmpty {
                    problems.append(problem(path, "the folder holds no .json, .jsonl or .ndjson files", "nothing to read"))
                }
            case .symbolicLink:
                guard hasExportExtension(name) else { continue }
                let target = FileStatus.of(path: path)
                if target == nil {
                    problems.append(problem(path, "is a broken symbolic link", "skipped"))
                } else if target?.kind == .regular {
                    found.append(path)
                } else {
                    problems.append(problem(path, "is a symbolic link to something that is not a regular file", "skipped (links to directories are not followed)"))
                }
            case .regular:
                if hasExportExtension(name) { found.append(path) }
            case .other:
                if hasExportExtension(name) {
                    problems.append(problem(path, "is not a regular file (FIFO, socket or device)", "skipped"))
                }
            }
        }
    }

    private func hasExportExtension(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return Self.extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// libdispatch opens descriptors of its own (epoll, eventfd) the first
    /// time its pool or a timer is used, and traps when none is left (SIGILL
    /// in `_dispatch_epoll_init`): used once here, before any input is opened.
    static func startWorkerPool() {
        let ready = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now()) { ready.signal() }
        // Bounded: where no thread can be made (a tight ulimit -v) the run
        // goes on without the pool rather than waiting for it.
        _ = ready.wait(timeout: .now() + 1)
    }

    /// Soft RLIMIT_NOFILE up to the hard limit where allowed: more room,
    /// though files are never all open at once anyway.
    static func raiseDescriptorLimit() {
        ProcessControl.raiseDescriptorLimit()
    }

    /// First pass over every file: document references and reading problems.
    func scan(maxDocumentSize: Int, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil)
        -> (refs: DocumentTable, problems: [Problem], bytes: Int) {
        var refs = DocumentTable()
        var found = problems
        var bytes = 0
        var scanner = ExportScanner(maxDocumentSize: maxDocumentSize, jobs: jobs)
        scanner.progress = progress
        for (index, file) in files.enumerated() {
            let result = scanner.scan(file, fileIndex: index)
            // One large file: its table becomes the run's, not a copy of it.
            if refs.isEmpty { refs = result.documents } else { refs.append(contentsOf: result.documents) }
            found.append(contentsOf: result.problems)
            file.closeUntilNeeded()
            bytes += file.size
        }
        return (refs, found, bytes)
    }
}
