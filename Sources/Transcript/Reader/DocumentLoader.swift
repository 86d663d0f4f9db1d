import ByteLevel

/// Second pass: reads one catalogued item's bytes back and parses them into
/// a `SessionInput`. Each call holds only that session's documents.
public struct DocumentLoader: Sendable {
    public let files: [InputFile]
    public var maxDepth: Int

    public init(files: [InputFile], maxDepth: Int = 512) {
        self.files = files
        self.maxDepth = maxDepth
    }

    /// The item's documents as read from their files: the document, then
    /// each chunk. A part shorter than its length could not be read back whole.
    public func read(_ item: Catalog.Item) -> [[UInt8]] {
        ([item.document] + item.chunks).map { files[$0.fileIndex].read(offset: $0.location.byteOffset, count: $0.length) }
    }

    /// `parts`: the item's bytes when the caller already read them (`read`),
    /// so a session hashed before it is parsed is read from its file once.
    public func load(_ item: Catalog.Item, parts: [[UInt8]]? = nil) -> Result<SessionInput, Problem> {
        var warnings = item.warnings
        let root: JSONValue
        switch parse(item.document, bytes: parts?.first, warnings: &warnings) {
        case .success(let value): root = value
        case .failure(let problem): return .failure(problem)
        }
        var input = SessionInput(document: root, kind: item.kind, source: item.document.location, warnings: warnings)
        if item.isChunked {
            var log: [LogEntry] = []
            var expected = 0
            for (n, chunk) in item.chunks.enumerated() {
                let index = chunk.header.chunkIndex ?? expected
                if index > expected { log.append(.gap(missingChunks: Array(expected..<index))) }
                expected = index + 1
                let read = parts.flatMap { n + 1 < $0.count ? $0[n + 1] : nil }
                switch parse(chunk, bytes: read, warnings: &input.warnings) {
                case .success(let value):
                    if let events = value["events"], events.isArray {
                        log.append(contentsOf: events.elements.map { .event($0) })
                    } else {
                        input.warnings.append(.init(.fieldTypeMismatch, "chunk \(index) (\(chunk.location)) has no events array: treated as empty"))
                    }
                case .failure(let problem):
                    input.warnings.append(.init(.missingChunks, "chunk \(index) could not be read: \(problem.message)"))
                    log.append(.gap(missingChunks: [index]))
                }
            }
            if let count = item.chunkCount, expected < count {
                log.append(.gap(missingChunks: Array(expected..<count)))
            }
            input.chunkedLog = log
            input.missingChunks = item.missingChunks
        }
        return .success(input)
    }

    func parse(_ ref: DocumentRef, bytes read: [UInt8]? = nil, warnings: inout [Problem]) -> Result<JSONValue, Problem> {
        let file = files[ref.fileIndex]
        var bytes = read ?? file.read(offset: ref.location.byteOffset, count: ref.length)
        guard bytes.count == ref.length else {
            var problem = Problem(.error, ref.location, "the file changed (replaced, truncated or rewritten) while it was being read",
                                  action: "skipped its documents from here on; the other inputs were read", code: .fileChanged)
            problem.isRepeat = !file.firstChangeReport()
            return .failure(problem)
        }
        if !isValidUTF8(bytes) {
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            warnings.append(.init(.invalidUTF8, "the document holds bytes that are not valid UTF-8 (\(ref.location)): they were replaced with U+FFFD"))
        }
        do {
            return .success(try JSONTape.parse(bytes, maxDepth: maxDepth).root)
        } catch {
            let at = SourceLocation(file: ref.location.file, documentIndex: ref.location.documentIndex,
                                    line: ref.location.line, byteOffset: ref.location.byteOffset + error.offset)
            let id = ref.header.id.map { " (session \(String($0.prefix(80))))" } ?? ""
            return .failure(Problem(.error, at, "document \(ref.location.documentIndex)\(id) is not valid JSON: \(error.reasonText)",
                                    action: "skipped this document; the others were read",
                                    code: error.reason.isDepth ? .tooDeep : .invalidJSON))
        }
    }
}

extension JSONError.Reason {
    var isDepth: Bool { if case .tooDeep = self { return true } else { return false } }
}

func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.span.isValidUTF8
}
