import ByteLevel

/// Arrays: elements one after another, or in parts on separate threads.
extension ScanRun {
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
        let template = self  // Sendable: its bytes are a ByteView
        nonisolated(unsafe) let work = body
        var parts: [(ScanRun, T)] = []
        parts.reserveCapacity(starts.count)
        orderedParallelMap(count: starts.count, jobs: starts.count, window: starts.count, work: { j in
            var run = template.segment(startingAt: starts[j])
            let result = work(&run, j)
            return (run, result)
        }, consume: { _, part in parts.append(part) })
        return parts
    }

    /// This part's documents, given up (so that the run's table takes over
    /// their blocks instead of copying them).
    mutating func handOverDocuments() -> DocumentTable {
        var handed = DocumentTable()
        swap(&handed, &documents)
        return handed
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
        var parts = inParallel(starts) { run, j in
            let (end, count) = run.scanElements(from: starts[j], index: 0, listing: false,
                                                stop: j + 1 < starts.count ? starts[j + 1] : nil)
            return (end: end, count: count)
        }
        var index = 0
        for j in 0..<starts.count {
            documents.append(contentsOf: parts[j].0.handOverDocuments(), documentIndicesBy: index)
            let (run, part) = parts[j]
            for var p in run.problems {
                p.location.document?.documentIndex += index
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
}
