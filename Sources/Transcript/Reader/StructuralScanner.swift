import ByteLevel

/// Finds where JSON values end without building anything: the first pass over
/// an export only needs document boundaries and a few top-level fields.
struct StructuralScanner {
    let buf: ByteView
    let maxDepth: Int

    enum Failure: Error {
        case truncated(at: Int)
        case unexpected(UInt8, at: Int)
        case tooDeep(at: Int)
    }

    @inline(__always) func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < buf.count && isJSONSpace(buf[i]) { i += 1 }
        return i
    }

    /// Like `skipSpace`, but stops at `limit` (a long gap is passed in steps).
    @inline(__always) func skipSpace(_ i: Int, before limit: Int) -> Int {
        var i = i
        let end = min(limit, buf.count)
        while i < end && isJSONSpace(buf[i]) { i += 1 }
        return i
    }

    /// Index after the string whose opening quote is at `start`.
    @inline(__always) func skipString(_ start: Int) throws(Failure) -> Int {
        var i = start + 1
        let n = buf.count
        while i < n {
            i = buf.firstStringSpecial(from: i)
            guard i < n else { break }
            let c = buf[i]
            if c == UInt8(ascii: "\"") { return i + 1 }
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if c == 0x0A { throw .unexpected(c, at: i) }  // a raw newline: a string cut short
            i += 1
        }
        throw .truncated(at: n)
    }

    /// Index after the value starting at `start` (after whitespace).
    func skipValue(_ start: Int) throws(Failure) -> Int {
        let n = buf.count
        var i = skipSpace(start)
        guard i < n else { throw .truncated(at: n) }
        let first = buf[i]
        switch first {
        case UInt8(ascii: "\""):
            return try skipString(i)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            break
        default:
            // A scalar: up to the next delimiter.
            let s = i
            while i < n {
                let c = buf[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || isJSONSpace(c) { break }
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || c == UInt8(ascii: "\"") { throw .unexpected(c, at: i) }
                i += 1
            }
            if i == s { throw .unexpected(first, at: i) }
            return i
        }
        // Containers: a stack of closing brackets expected, as bits (1 = '}').
        var stack: [UInt8] = []
        stack.reserveCapacity(16)
        while i < n {
            let c = buf[i]
            switch c {
            case UInt8(ascii: "\""):
                i = try skipString(i)
                continue
            case UInt8(ascii: "{"):
                if stack.count >= maxDepth { throw .tooDeep(at: i) }
                stack.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                if stack.count >= maxDepth { throw .tooDeep(at: i) }
                stack.append(UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let expected = stack.popLast(), expected == c else { throw .unexpected(c, at: i) }
                if stack.isEmpty { return i + 1 }
            default:
                break
            }
            i += 1
        }
        throw .truncated(at: n)
    }

    /// Scans the object at `start`, calling `field` for each top-level key with
    /// the value's range; returns the index after the object.
    func scanObject(_ start: Int, field: (ArraySlice<UInt8>, Range<Int>) -> Void) throws(Failure) -> Int {
        let n = buf.count
        var i = skipSpace(start)
        guard i < n else { throw .truncated(at: n) }
        guard buf[i] == UInt8(ascii: "{") else { throw .unexpected(buf[i], at: i) }
        i = skipSpace(i + 1)
        guard i < n else { throw .truncated(at: n) }
        if buf[i] == UInt8(ascii: "}") { return i + 1 }
        while true {
            guard i < n else { throw .truncated(at: n) }
            guard buf[i] == UInt8(ascii: "\"") else { throw .unexpected(buf[i], at: i) }
            let keyEnd = try skipString(i)
            let key = buf.array((i + 1)..<(keyEnd - 1))[...]
            i = skipSpace(keyEnd)
            guard i < n else { throw .truncated(at: n) }
            guard buf[i] == UInt8(ascii: ":") else { throw .unexpected(buf[i], at: i) }
            let valueStart = skipSpace(i + 1)
            let valueEnd = try skipValue(valueStart)
            field(key, valueStart..<valueEnd)
            i = skipSpace(valueEnd)
            guard i < n else { throw .truncated(at: n) }
            if buf[i] == UInt8(ascii: ",") { i = skipSpace(i + 1); continue }
            if buf[i] == UInt8(ascii: "}") { return i + 1 }
            throw .unexpected(buf[i], at: i)
        }
    }
}
