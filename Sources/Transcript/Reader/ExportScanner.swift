import ByteLevel

/// First pass over one file: finds every document and reads its header.
public struct ExportScanner {
    public var maxDocumentSize: Int
    public var maxDepth: Int
    /// Threads for one large array or JSON Lines file (the result is the
    /// same as with one).
    public var jobs: Int
    /// Files smaller than this are scanned on one thread.
    public var parallelThreshold: Int

    public init(maxDocumentSize: Int = 64 << 20, maxDepth: Int = 512, jobs: Int = 1, parallelThreshold: Int = 32 << 20) {
        self.maxDocumentSize = maxDocumentSize
        self.maxDepth = maxDepth
        self.jobs = max(1, jobs)
        self.parallelThreshold = parallelThreshold
    }

    public struct Result: Sendable {
        public var shape: ExportShape
        public var documents: DocumentTable
        public var problems: [Problem]
    }

    /// Told the size of each stretch of a file the first pass is done with
    /// (16 MiB at a time, from several threads): the progress line.
    public var progress: (@Sendable (Int) -> Void)?

    public func scan(_ file: InputFile, fileIndex: Int) -> Result {
        let progress = self.progress
        let result = file.withMappedBytes { buf, release in
            scan(buf, name: file.displayName, fileIndex: fileIndex, release: { range in
                release(range)
                progress?(range.count)
            })
        }
        let at = SourceLocation(file: file.displayName, documentIndex: 0, byteOffset: 0)
        if file.changed {
            _ = file.firstChangeReport()
            return Result(shape: .empty, documents: [], problems: [
                Problem(.error, at, "the file changed (replaced, truncated or rewritten) after it was listed or while it was read",
                        action: "skipped the file; the other inputs were read", code: .fileChanged)])
        }
        if file.mapFailed {
            return Result(shape: .empty, documents: [], problems: [
                Problem(.error, at, "the file cannot be mapped into memory (address space limit?) and is too large to read whole",
                        action: "skipped the file; raise ulimit -v or split the export", code: .unreadableFile)])
        }
        return result
    }

    /// Scans bytes already in memory (tests).
    public func scan(_ bytes: [UInt8], name: String, fileIndex: Int) -> Result {
        ByteView.of(bytes) { scan($0, name: name, fileIndex: fileIndex) }
    }

    /// Scans bytes someone else keeps alive (a mapped file, the fuzzer's input).
    public func scan(_ buf: ByteView, name: String, fileIndex: Int,
                     release: @escaping @Sendable (Range<Int>) -> Void = { _ in }) -> Result {
        var run = ScanRun(scanner: StructuralScanner(buf: buf, maxDepth: maxDepth), name: name,
                          fileIndex: fileIndex, maxDocumentSize: maxDocumentSize, release: release)
        run.jobs = buf.count >= parallelThreshold ? jobs : 1
        run.scanFile()
        return Result(shape: run.shape, documents: run.documents, problems: run.problems)
    }
}

/// One scan of one file (or of one part of it, on its own thread): what it
/// found so far. Arrays, JSON Lines and documents are in the files beside this one.
struct ScanRun {
    let scanner: StructuralScanner
    let name: String
    let fileIndex: Int
    let maxDocumentSize: Int
    let release: @Sendable (Range<Int>) -> Void
    var jobs = 1
    var shape: ExportShape = .empty
    var documents = DocumentTable()
    var problems: [Problem] = []
    /// Bytes before this were released by this run.
    var releasedUpTo = 0

    init(scanner: StructuralScanner, name: String, fileIndex: Int, maxDocumentSize: Int,
         release: @escaping @Sendable (Range<Int>) -> Void) {
        self.scanner = scanner
        self.name = name
        self.fileIndex = fileIndex
        self.maxDocumentSize = maxDocumentSize
        self.release = release
    }

    var buf: ByteView { scanner.buf }

    /// Everything before `i` has been read: drop those pages (4 MiB at a
    /// time, to keep the system calls rare).
    mutating func consumed(upTo i: Int) {
        if i - releasedUpTo >= 4 << 20 {
            release(releasedUpTo..<i)
            releasedUpTo = i
        }
    }

    /// Whitespace from `i` on, its pages released as they are passed: a
    /// gigabyte of blanks between two documents never becomes resident.
    mutating func skipGap(_ i: Int) -> Int {
        var i = i
        while true {
            let step = i + (4 << 20)
            i = scanner.skipSpace(i, before: step)
            if i < step || i >= buf.count { return i }
            consumed(upTo: i)
        }
    }

    /// A run over part of the same file, with nothing found yet.
    func segment(startingAt start: Int) -> ScanRun {
        var run = ScanRun(scanner: scanner, name: name, fileIndex: fileIndex, maxDocumentSize: maxDocumentSize, release: release)
        run.releasedUpTo = start
        return run
    }

    func location(_ index: Int, _ offset: Int, line: Int? = nil) -> SourceLocation {
        SourceLocation(file: name, documentIndex: index, line: line, byteOffset: offset)
    }

    mutating func problem(_ severity: Problem.Severity, _ code: ProblemCode, _ loc: SourceLocation, _ what: String, _ action: String) {
        problems.append(Problem(severity, loc, what, action: action, code: code))
    }

    mutating func scanFile() {
        let n = buf.count
        var start = 0
        if n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { start = 3 }
        if let encoding = wideEncoding() {
            problem(.error, .notUTF8, location(0, 0), "the file is encoded as \(encoding), not UTF-8",
                    "skipped the file (convert it with iconv -f \(encoding) -t UTF-8)")
            return
        }
        let first = skipGap(start)
        guard first < n else {
            problem(.error, .emptyFile, location(0, 0), n == 0 ? "the file is empty" : "the file holds only whitespace", "nothing to read")
            return
        }
        switch buf[first] {
        case UInt8(ascii: "["):
            shape = .array
            scanArray(at: first, listing: false)
        case UInt8(ascii: "{"):
            if looksLikeJSONLines(first) {
                shape = .jsonLines
                scanLines(from: start)
            } else {
                scanObjectFile(at: first, fileStart: start)
            }
        default:
            let b = buf[first]
            let shown = (0x20..<0x7f).contains(b) ? "'\(Character(UnicodeScalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
            problem(.error, .invalidJSON, location(0, first), "the file does not start with JSON (found \(shown)); it may be binary",
                    "skipped the file")
        }
    }

    /// UTF-16/32 by byte-order mark or by NUL bytes in the first characters.
    func wideEncoding() -> String? {
        let n = buf.count
        if n >= 4 && buf[0] == 0 && buf[1] == 0 && buf[2] == 0xFE && buf[3] == 0xFF { return "UTF-32BE" }
        if n >= 4 && buf[0] == 0xFF && buf[1] == 0xFE && buf[2] == 0 && buf[3] == 0 { return "UTF-32LE" }
        if n >= 2 && buf[0] == 0xFE && buf[1] == 0xFF { return "UTF-16BE" }
        if n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE { return "UTF-16LE" }
        if n >= 4 && buf[0] == 0 && buf[1] == 0 && buf[2] == 0 && buf[3] != 0 { return "UTF-32BE" }
        if n >= 4 && buf[0] != 0 && buf[1] == 0 && buf[2] == 0 && buf[3] == 0 { return "UTF-32LE" }
        if n >= 2 && buf[0] == 0 && buf[1] != 0 { return "UTF-16BE" }
        if n >= 2 && buf[0] != 0 && buf[1] == 0 { return "UTF-16LE" }
        return nil
    }

    /// JSON Lines when the first line is a whole object and more follows.
    func looksLikeJSONLines(_ first: Int) -> Bool {
        let n = buf.count
        guard let end = try? scanner.skipValue(first) else {
            // A broken first line: JSON Lines if later lines start with '{'.
            var i = first
            while i < n && buf[i] != 0x0A { i += 1 }
            let next = scanner.skipSpace(i)
            return i < n && next < n && buf[next] == UInt8(ascii: "{")
        }
        var i = end
        var sawNewline = false
        while i < n && isJSONSpace(buf[i]) {
            if buf[i] == 0x0A { sawNewline = true }
            i += 1
        }
        if i >= n { return false }
        if sawNewline && buf[i] == UInt8(ascii: "{") {
            // The first value must sit on one line.
            var k = first
            while k < end { if buf[k] == 0x0A { return false }; k += 1 }
            return true
        }
        return false
    }

    mutating func finishTopLevel(after end: Int) {
        let next = skipGap(end)
        if next < buf.count {
            problem(.error, .trailingContent, location(documents.count, next), "unexpected content after the end of the JSON (trailing garbage)",
                    "ignored it; the documents before it were read")
        }
    }

    mutating func scanObjectFile(at first: Int, fileStart: Int) {
        // A listing, or one document.
        var sessionsRange: Range<Int>? = nil
        var interactionsRange: Range<Int>? = nil
        var hasID = false
        let end: Int
        do {
            end = try scanner.scanObject(first) { key, range in
                if key.elementsEqual("sessions".utf8) { sessionsRange = range }
                if key.elementsEqual("interactions".utf8) { interactionsRange = range }
                if key.elementsEqual("id".utf8) { hasID = true }
            }
        } catch {
            // Maybe JSON Lines whose first line is broken.
            shape = .single
            report(error, at: location(0, first), inArray: false)
            return
        }
        if let range = sessionsRange, !hasID, buf[range.lowerBound] != UInt8(ascii: "[") {
            shape = .listing
            problem(.error, .invalidJSON, location(0, range.lowerBound),
                    "the listing's \"sessions\" field is not a list (found \(describe(buf[range.lowerBound])))", "nothing could be read from this file")
            return
        }
        if let range = sessionsRange, !hasID, buf[range.lowerBound] == UInt8(ascii: "[") {
            shape = .listing
            scanArray(at: range.lowerBound, listing: true)
            finishTopLevel(after: end)
            return
        }
        // §1: `{"interactions": [...]}` holds container documents (interaction
        // records, and legacy sessions): routed as an array's elements are.
        if sessionsRange == nil, let range = interactionsRange, !hasID, buf[range.lowerBound] == UInt8(ascii: "[") {
            shape = .interactionsListing
            let before = documents.count
            scanArray(at: range.lowerBound, listing: true)
            // Not a `{"sessions"}` listing: its items are never summaries.
            for k in before..<documents.count { documents.setInListing(false, at: k) }
            finishTopLevel(after: end)
            return
        }
        shape = .single
        do {
            _ = try addDocument(at: first, location: location(0, first), listing: false)
        } catch {
            report(error, at: location(0, first), inArray: false)
            return
        }
        finishTopLevel(after: end)
    }
}
