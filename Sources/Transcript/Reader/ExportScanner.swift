#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A problem with the input itself (not with one session's content).
public struct InputProblem: Error, Sendable, CustomStringConvertible {
    public enum Severity: Sendable { case error, warning }
    /// Stable names for scripts (`validate --json`).
    public enum Code: String, Sendable, CaseIterable {
        case unreadableFile = "unreadable_file", notUTF8 = "not_utf8", emptyFile = "empty_file"
        case invalidJSON = "invalid_json", truncated, tooDeep = "too_deep", tooLarge = "document_too_large"
        case trailingContent = "trailing_content", notAnObject = "not_an_object", missingID = "missing_id"
        case chunkWithoutSession = "chunk_without_session", badChunkIndex = "bad_chunk_index", badChunkCount = "bad_chunk_count"
        case orphanChunks = "orphan_chunks", ignoredChunks = "ignored_chunks", summaryListing = "summary_listing"
        case fileChanged = "file_changed", writeFailed = "write_failed"
    }
    public var severity: Severity
    public var code: Code
    public var location: SourceLocation
    /// What was wrong.
    public var what: String
    /// What the tool did about it.
    public var action: String

    public init(_ severity: Severity, _ location: SourceLocation, _ what: String, action: String, code: Code) {
        self.severity = severity
        self.code = code
        self.location = location
        self.what = what
        self.action = action
    }

    /// The same problem as one already reported (a changed file's other
    /// documents): counted, not printed again.
    public var isRepeat = false

    public var description: String { "\(location): \(what); \(action)" }
}

/// The shape of an input file, detected from its bytes (FORMAT.md §1).
public enum ExportShape: String, Sendable {
    case array = "container export (JSON array)"
    case listing = "session listing ({\"sessions\": [...]})"
    case interactionsListing = "interactions listing ({\"interactions\": [...]})"
    case single = "single document"
    case jsonLines = "JSON Lines"
    case empty = "empty"
}

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
        public var problems: [InputProblem]
    }

    public func scan(_ file: InputFile, fileIndex: Int) -> Result {
        let result = file.withMappedBytes { buf, release in
            scan(buf, name: file.displayName, fileIndex: fileIndex, release: release)
        }
        let at = SourceLocation(file: file.displayName, documentIndex: 0, byteOffset: 0)
        if file.changed {
            _ = file.firstChangeReport()
            return Result(shape: .empty, documents: [], problems: [
                InputProblem(.error, at, "the file changed (replaced, truncated or rewritten) after it was listed or while it was read",
                             action: "skipped the file; the other inputs were read", code: .fileChanged)])
        }
        if file.mapFailed {
            return Result(shape: .empty, documents: [], problems: [
                InputProblem(.error, at, "the file cannot be mapped into memory (address space limit?) and is too large to read whole",
                             action: "skipped the file; raise ulimit -v or split the export", code: .unreadableFile)])
        }
        return result
    }

    /// Scans bytes already in memory (tests, fuzzing).
    public func scan(_ buf: UnsafeBufferPointer<UInt8>, name: String, fileIndex: Int,
                     release: @escaping @Sendable (Range<Int>) -> Void = { _ in }) -> Result {
        var run = ScanRun(scanner: StructuralScanner(buf: buf, maxDepth: maxDepth), name: name,
                          fileIndex: fileIndex, maxDocumentSize: maxDocumentSize, release: release)
        run.jobs = buf.count >= parallelThreshold ? jobs : 1
        run.scanFile()
        return Result(shape: run.shape, documents: run.documents, problems: run.problems)
    }
}

private struct ScanRun {
    let scanner: StructuralScanner
    let name: String
    let fileIndex: Int
    let maxDocumentSize: Int
    let release: @Sendable (Range<Int>) -> Void
    var jobs = 1
    var shape: ExportShape = .empty
    var documents = DocumentTable()
    var problems: [InputProblem] = []
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

    var buf: UnsafeBufferPointer<UInt8> { scanner.buf }

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

    mutating func problem(_ severity: InputProblem.Severity, _ code: InputProblem.Code, _ loc: SourceLocation, _ what: String, _ action: String) {
        problems.append(InputProblem(severity, loc, what, action: action, code: code))
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

    mutating func scanArray(at open: Int, listing: Bool) {
        let n = buf.count
        let first = skipGap(open + 1)
        if first < n && buf[first] == UInt8(ascii: "]") {
            // A listing's array is followed by its object's '}': the caller checks what follows that.
            if !listing { finishTopLevel(after: first + 1) }
            return
        }
        if !listing && jobs > 1 {
            let starts = elementStartGuesses(after: first)
            if !starts.isEmpty {
                scanArrayInSegments([first] + starts)
                return
            }
        }
        let (end, count) = scanElements(from: first, index: 0, listing: listing, stop: nil)
        finish(end, index: count, listing: listing)
    }

    /// `body` on a fresh run per part (starting at `starts[j]`), the parts on
    /// separate threads; the runs (what they found) and results, in order.
    func inParallel<T>(_ starts: [Int], _ body: @escaping (inout ScanRun, Int) -> T) -> [(ScanRun, T)] {
        let slots = UnsafeMutableBufferPointer<(ScanRun, T)?>.allocate(capacity: starts.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        nonisolated(unsafe) let template = self
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: starts.count) { j in
            var run = template.segment(startingAt: starts[j])
            let result = work(&run, j)
            shared[j] = (run, result)
        }
        return slots.map { $0! }
    }

    /// How a run of array elements ended.
    enum ElementsEnd {
        /// At the `]` at this index.
        case closed(at: Int)
        /// The next element starts exactly at `stop`.
        case boundary
        /// The next element starts here, after `stop`.
        case overshot(at: Int)
        case failed(StructuralScanner.Failure, SourceLocation)
        /// The file ends inside the array.
        case truncated
        case badSeparator(at: Int)
    }

    /// Elements from `start` until the `]`, an error, or (with `stop`) the
    /// first element that starts at or after `stop`. Returns how it ended
    /// and how many elements it passed (documents and skipped ones).
    mutating func scanElements(from start: Int, index firstIndex: Int, listing: Bool, stop: Int?) -> (ElementsEnd, Int) {
        let n = buf.count
        var i = start
        var index = firstIndex
        while true {
            i = skipGap(i)
            if let stop, i >= stop { return (i == stop ? .boundary : .overshot(at: i), index - firstIndex) }
            guard i < n else { return (.truncated, index - firstIndex) }
            let loc = location(index, i)
            do {
                let end = try addDocument(at: i, location: loc, listing: listing)
                i = skipGap(end)
                consumed(upTo: i)
            } catch {
                return (.failed(error, loc), index - firstIndex)
            }
            index += 1
            guard i < n else { return (.truncated, index - firstIndex) }
            if buf[i] == UInt8(ascii: ",") { i += 1; continue }
            if buf[i] == UInt8(ascii: "]") { return (.closed(at: i), index - firstIndex) }
            return (.badSeparator(at: i), index - firstIndex)
        }
    }

    /// Reports how the array ended, `index` elements in.
    mutating func finish(_ end: ElementsEnd, index: Int, listing: Bool) {
        switch end {
        case .closed(let at):
            if !listing { finishTopLevel(after: at + 1) }
        case .truncated:
            problem(.error, .truncated, location(index, buf.count), "the file ends inside the array (truncated)",
                    index == 0 ? "nothing could be read" : "kept the \(index) complete document\(index == 1 ? "" : "s") before it")
        case .failed(let error, let loc):
            report(error, at: loc, inArray: true)
        case .badSeparator(let at):
            problem(.error, .invalidJSON, location(index, at), "expected ',' or ']' between array elements, found \(describe(buf[at]))",
                    "stopped reading this file after \(index) document\(index == 1 ? "" : "s")")
        case .boundary, .overshot:
            break
        }
    }

    /// Likely starts of top-level elements that split the array into about
    /// `jobs` equal parts: after a newline (never inside a string), the line
    /// before ending in ',' and this one starting with '{' at the first
    /// element's indentation. A wrong guess is caught when the parts are joined.
    func elementStartGuesses(after first: Int) -> [Int] {
        let n = buf.count
        var indent = 0
        while first - indent - 1 >= 0, buf[first - indent - 1] == 0x20 || buf[first - indent - 1] == 0x09 { indent += 1 }
        let firstOnItsLine = first - indent == 0 || buf[first - indent - 1] == 0x0A
        var starts: [Int] = []
        for j in 1..<jobs {
            var pos = max(first + (n - first) / jobs * j, (starts.last ?? first) + 1)
            for _ in 0..<256 {
                let newline = Self.nextNewline(buf, from: pos)
                guard newline < n else { break }
                var before = newline - 1
                while before > first, isJSONSpace(buf[before]) { before -= 1 }
                var after = newline + 1
                while after < n, buf[after] == 0x20 || buf[after] == 0x09 { after += 1 }
                if buf[before] == UInt8(ascii: ","), after < n, buf[after] == UInt8(ascii: "{"),
                   !firstOnItsLine || after - newline - 1 == indent {
                    starts.append(after)
                    break
                }
                pos = newline + 1
            }
        }
        return starts
    }

    /// Scans the parts that start at `starts` on separate threads, then joins
    /// them in order: a part counts only when the one before it ended exactly
    /// where it starts; otherwise the scan goes on from there on one thread.
    mutating func scanArrayInSegments(_ starts: [Int]) {
        let parts = inParallel(starts) { run, j in
            let (end, count) = run.scanElements(from: starts[j], index: 0, listing: false,
                                                stop: j + 1 < starts.count ? starts[j + 1] : nil)
            return (end: end, count: count)
        }
        var index = 0
        for j in 0..<starts.count {
            let (run, part) = parts[j]
            for var ref in run.documents {
                ref.location.documentIndex += index
                documents.append(ref)
            }
            for var p in run.problems {
                p.location.documentIndex += index
                problems.append(p)
            }
            index += part.count
            releasedUpTo = run.releasedUpTo
            switch part.end {
            case .boundary:
                continue
            case .overshot(let at):
                // The next part started at a wrong guess: go on from a real start.
                let (end, count) = scanElements(from: at, index: index, listing: false, stop: nil)
                finish(end, index: index + count, listing: false)
                return
            case .failed(let error, var loc):
                loc.documentIndex += index - part.count
                finish(.failed(error, loc), index: index, listing: false)
                return
            default:
                finish(part.end, index: index, listing: false)
                return
            }
        }
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
            for k in before..<documents.count { documents[k].inListing = false }
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

    mutating func scanLines(from start: Int) {
        let n = buf.count
        guard jobs > 1 else {
            _ = scanLines(from: start, to: n, line: 1, index: 0)
            return
        }
        // Lines are independent: cut the file at newlines into parts, scan
        // them on separate threads, and number lines and documents after.
        var cuts = [start]
        for j in 1..<jobs {
            let newline = Self.nextNewline(buf, from: max(start + (n - start) / jobs * j, cuts[cuts.count - 1]))
            if newline + 1 < n { cuts.append(newline + 1) }
        }
        let starts = cuts
        let parts = inParallel(starts) { run, j in
            run.scanLines(from: starts[j], to: j + 1 < starts.count ? starts[j + 1] : n, line: 1, index: 0)
        }
        var lineBase = 0
        var indexBase = 0
        for j in 0..<starts.count {
            let (run, (lines, count)) = parts[j]
            for var ref in run.documents {
                ref.location.documentIndex += indexBase
                ref.location.line = ref.location.line.map { $0 + lineBase }
                documents.append(ref)
            }
            for var p in run.problems {
                p.location.documentIndex += indexBase
                p.location.line = p.location.line.map { $0 + lineBase }
                problems.append(p)
            }
            lineBase += lines
            indexBase += count
        }
    }

    /// The lines that start in `start..<end`; returns how many lines and
    /// documents (non-blank lines) it passed.
    mutating func scanLines(from start: Int, to end: Int, line firstLine: Int, index firstIndex: Int) -> (Int, Int) {
        let n = buf.count
        var lineStart = start
        var lineNumber = firstLine
        var index = firstIndex
        while lineStart < end {
            let lineEnd = Self.nextNewline(buf, from: lineStart)
            let first = scanner.skipSpace(lineStart)
            if first < lineEnd {
                let loc = location(index, first, line: lineNumber)
                let line = StructuralScanner(buf: UnsafeBufferPointer(rebasing: buf[0..<lineEnd]), maxDepth: scanner.maxDepth)
                do {
                    let end = try addDocument(at: first, location: loc, listing: false, scanner: line)
                    let rest = line.skipSpace(end)
                    if rest < lineEnd {
                        problem(.error, .trailingContent, location(index, rest, line: lineNumber), "unexpected content after the document on this line",
                                "ignored the rest of the line")
                    }
                } catch {
                    let what = failureText(error)
                    problem(.error, error.code, loc, "the line is not a valid JSON document (\(what))", "skipped this line")
                }
                index += 1
            }
            lineStart = lineEnd + 1
            lineNumber += 1
            consumed(upTo: min(lineStart, n))
        }
        return (lineNumber - firstLine, index - firstIndex)
    }

    static func nextNewline(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        buf.byteIndex(of: 0x0A, from: start) ?? buf.count
    }

    func failureText(_ error: StructuralScanner.Failure) -> String {
        switch error {
        case .truncated: return "it ends early"
        case .unexpected(let b, let at): return "unexpected \(describe(b)) at byte \(at)"
        case .tooDeep(let at): return "nesting deeper than \(scanner.maxDepth) levels at byte \(at)"
        }
    }

    mutating func report(_ error: StructuralScanner.Failure, at loc: SourceLocation, inArray: Bool) {
        let kept = documents.count
        let action = inArray ? (kept == 0 ? "nothing could be read from this file" : "stopped reading this file; kept the \(kept) complete document\(kept == 1 ? "" : "s") before it")
                             : "skipped the file"
        switch error {
        case .truncated(let at):
            problem(.error, .truncated, SourceLocation(file: loc.file, documentIndex: loc.documentIndex, line: loc.line, byteOffset: at),
                    "the file ends inside document \(loc.documentIndex) (truncated JSON)", action)
        case .unexpected(let b, let at):
            problem(.error, .invalidJSON, SourceLocation(file: loc.file, documentIndex: loc.documentIndex, line: loc.line, byteOffset: at),
                    "invalid JSON in document \(loc.documentIndex): unexpected \(describe(b))", action)
        case .tooDeep(let at):
            problem(.error, .tooDeep, SourceLocation(file: loc.file, documentIndex: loc.documentIndex, line: loc.line, byteOffset: at),
                    "document \(loc.documentIndex) nests deeper than \(scanner.maxDepth) levels", action)
        }
    }

    func describe(_ b: UInt8) -> String {
        (0x21..<0x7f).contains(b) ? "'\(Character(UnicodeScalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    /// Records the document at `start`; returns the index after it.
    mutating func addDocument(at start: Int, location: SourceLocation, listing: Bool,
                              scanner custom: StructuralScanner? = nil) throws(StructuralScanner.Failure) -> Int {
        let s = custom ?? scanner
        var header = DocumentHeader()
        let end: Int
        do {
            if s.buf[start] == UInt8(ascii: "{") {
                end = try s.scanObject(start) { key, range in
                    Self.readHeaderField(key, range, s.buf, &header)
                }
            } else {
                end = try s.skipValue(start)
                header.isObject = false
            }
        } catch .tooDeep(let at) {
            // Too deep to parse, but its end is still found (the scan keeps
            // an explicit stack, no recursion): only this document is lost.
            end = try StructuralScanner(buf: s.buf, maxDepth: .max).skipValue(start)
            problem(.error, .tooDeep, SourceLocation(file: location.file, documentIndex: location.documentIndex, line: location.line, byteOffset: at),
                    "document \(location.documentIndex) nests deeper than \(s.maxDepth) levels", "skipped it; the other documents were read")
            return end
        }
        let length = end - start
        if length > maxDocumentSize {
            problem(.error, .tooLarge, location, "document is \(length >> 20) MiB, over the \(maxDocumentSize >> 20) MiB limit (--max-document-size)",
                    "skipped it")
            return end
        }
        documents.append(DocumentRef(fileIndex: fileIndex, location: location, length: length, header: header, inListing: listing))
        return end
    }

    static func readHeaderField(_ key: ArraySlice<UInt8>, _ range: Range<Int>, _ buf: UnsafeBufferPointer<UInt8>,
                                _ h: inout DocumentHeader) {
        guard let k = HeaderKey(key) else { return }
        let first = buf[range.lowerBound]
        func stringValue() -> String? {
            guard first == UInt8(ascii: "\""), range.count <= 4096 else { return nil }
            let content = UnsafeBufferPointer(rebasing: buf[(range.lowerBound + 1)..<(range.upperBound - 1)])
            if !content.contains(UInt8(ascii: "\\")) { return String(decoding: content, as: UTF8.self) }
            return String(decoding: unescapeJSONString(content), as: UTF8.self)
        }
        func numberValue() -> Double? {
            guard range.count <= 64 else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self))
        }
        switch k {
        case .id:
            h.id = stringValue()
            if h.id == nil { h.nonStringID = String(decoding: UnsafeBufferPointer(rebasing: buf[range.lowerBound..<min(range.upperBound, range.lowerBound + 80)]), as: UTF8.self) }
        case .docType: h.docType = stringValue(); h.hasDocType = true
        case .updatedAt: h.updatedAt = stringValue()
        case .ts: h.ts = numberValue()
        case .sessionID: h.sessionID = stringValue()
        case .chunkIndex: h.chunkIndex = numberValue().flatMap { $0.rounded() == $0 && abs($0) < 1e9 ? Int($0) : nil }
        case .chunkCount:
            h.keys.insert(.chunkCount)
            h.chunkCount = numberValue().flatMap { $0.rounded() == $0 && abs($0) < 1e9 ? Int($0) : nil }
        case .eventLog: h.keys.insert(.eventLog)
        case .alertText: h.keys.insert(.alertText)
        case .status: h.keys.insert(.status)
        case .query: h.keys.insert(.query)
        case .steps: h.keys.insert(.steps)
        case .diagnosis: h.keys.insert(.diagnosis)
        case .stepCount: h.keys.insert(.stepCount)
        case .chunkIDs: h.keys.insert(.chunkIDs)
        case .events: h.keys.insert(.events)
        }
    }
}

private enum HeaderKey {
    case id, docType, updatedAt, ts, sessionID, chunkIndex, chunkCount
    case eventLog, alertText, status, query, steps, diagnosis, stepCount, chunkIDs, events

    init?(_ key: ArraySlice<UInt8>) {
        guard key.count >= 2, key.count <= 14 else { return nil }
        switch String(decoding: key, as: UTF8.self) {
        case "id": self = .id
        case "_docType": self = .docType
        case "updated_at": self = .updatedAt
        case "_ts": self = .ts
        case "session_id": self = .sessionID
        case "chunk_index": self = .chunkIndex
        case "chunk_count": self = .chunkCount
        case "event_log": self = .eventLog
        case "alert_text": self = .alertText
        case "status": self = .status
        case "query": self = .query
        case "steps": self = .steps
        case "diagnosis": self = .diagnosis
        case "step_count": self = .stepCount
        case "chunk_ids": self = .chunkIDs
        case "events": self = .events
        default: return nil
        }
    }
}

extension StructuralScanner.Failure {
    var code: InputProblem.Code {
        switch self {
        case .truncated: return .truncated
        case .unexpected: return .invalidJSON
        case .tooDeep: return .tooDeep
        }
    }
}
