import ByteLevel

/// JSON Lines: one document per line, parts cut at newlines.
extension ScanRun {
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
        var parts = inParallel(starts) { run, j in
            run.scanLines(from: starts[j], to: j + 1 < starts.count ? starts[j + 1] : n, line: 1, index: 0)
        }
        var lineBase = 0
        var indexBase = 0
        for j in 0..<starts.count {
            documents.append(contentsOf: parts[j].0.handOverDocuments(), documentIndicesBy: indexBase, linesBy: lineBase)
            let (run, (lines, count)) = parts[j]
            for var p in run.problems {
                p.location.document?.documentIndex += indexBase
                if let line = p.location.document?.line { p.location.document?.line = line + lineBase }
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
                let line = StructuralScanner(buf: buf.prefix(lineEnd), maxDepth: scanner.maxDepth)
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

    static func nextNewline(_ buf: ByteView, from start: Int) -> Int {
        buf.byteIndex(of: 0x0A, from: start) ?? buf.count
    }
}
