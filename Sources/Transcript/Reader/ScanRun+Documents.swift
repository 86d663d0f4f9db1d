import ByteLevel

/// One document: its end, its header fields, and how a failure is reported.
extension ScanRun {
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

    static func readHeaderField(_ key: ArraySlice<UInt8>, _ range: Range<Int>, _ buf: ByteView,
                                _ h: inout DocumentHeader) {
        guard let k = HeaderKey(key) else { return }
        let first = buf[range.lowerBound]
        func stringValue() -> String? {
            guard first == UInt8(ascii: "\""), range.count <= 4096 else { return nil }
            let content = (range.lowerBound + 1)..<(range.upperBound - 1)
            if !buf.contains(UInt8(ascii: "\\"), in: content) { return buf.string(content) }
            return String(decoding: buf.unescapedJSONString(content), as: UTF8.self)
        }
        func numberValue() -> Double? {
            guard range.count <= 64 else { return nil }
            return Double(buf.string(range))
        }
        switch k {
        case .id:
            h.id = stringValue()
            if h.id == nil { h.nonStringID = buf.string(range.lowerBound..<min(range.upperBound, range.lowerBound + 80)) }
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
    var code: ProblemCode {
        switch self {
        case .truncated: return .truncated
        case .unexpected: return .invalidJSON
        case .tooDeep: return .tooDeep
        }
    }
}
