import Foundation

/// The `-o` folder. Files are written whole or not at all (temporary file in
/// the same folder, then rename), only directly inside the folder, and a
/// symlink already sitting at a report's name is replaced, never followed.
struct OutputDirectory: Sendable {
    let path: String

    enum Failure: Error, CustomStringConvertible {
        case create(String, String)
        case write(String, String)
        var description: String {
            switch self {
            case .create(let p, let why): return "\(p): cannot create the output folder: \(why)"
            case .write(let p, let why): return "\(p): cannot write: \(why)"
            }
        }
    }

    /// Temporary files carry this prefix; a run that was killed leaves some
    /// behind, and the next run removes them.
    static let temporaryPrefix = ".noc-report-tmp-"

    init(path: String) throws {
        self.path = path
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw Failure.create(path, "it exists and is not a folder") }
            removeLeftovers()
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure.create(path, String(cString: strerror(errno)))
        }
    }

    private func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where name.hasPrefix(Self.temporaryPrefix) {
            var st = stat()
            let full = path + "/" + name
            // Only regular files we could have made; never follow a link.
            if lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { unlink(full) }
        }
    }

    /// `name` must be a plain file name (no separators): callers pass
    /// sanitised names only, and this checks again.
    func write(_ name: String, _ bytes: [UInt8]) throws {
        precondition(!name.contains("/") && name != "." && name != ".." && !name.isEmpty, "unsafe output name")
        let final = path + "/" + name
        var template = Array((path + "/" + Self.temporaryPrefix + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure.write(final, String(cString: strerror(errno))) }
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                done += n
            }
        }
        let why = ok ? "" : String(cString: strerror(errno))
        _ = fchmod(fd, 0o644)
        close(fd)
        guard ok else { unlink(tmp); throw Failure.write(final, why) }
        guard rename(tmp, final) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw Failure.write(final, why)
        }
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }
}
