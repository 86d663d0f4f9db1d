import Foundation

/// One pass over a manifest's bytes, 1 MiB at a time, that hands each
/// element of the top-level `entries` array to `onEntry` (its offset and
/// bytes) and returns the rest: the manifest with `"entries": []`, to be
/// decoded alone. Strings and nesting are followed byte by byte (JSON has no
/// other way to hide a bracket); anything but objects, commas and blanks
/// inside `entries` gives nil, and the caller decodes the file whole.
enum ManifestScan {
    private struct State {
        var depth = 0
        var inString = false
        var escaped = false
        /// The last string closed at depth 1 (a key, or a value), up to 16 bytes.
        var lastKey: [UInt8] = []
        var keyLength = 0
        var inEntries = false
        /// Inside `entries`: the element being read, and where it started.
        var element: [UInt8] = []
        var elementStart: Int64 = -1
        var expectElement = true
    }

    static func run(_ handle: FileHandle, onEntry: (Int64, [UInt8]) -> Bool) -> [UInt8]? {
        var s = State()
        var skeleton: [UInt8] = []
        var offset: Int64 = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let bytes = [UInt8](chunk)
            for (k, b) in bytes.enumerated() {
                guard step(&s, b, at: offset + Int64(k), skeleton: &skeleton, onEntry: onEntry) else { return nil }
            }
            offset += Int64(bytes.count)
        }
        return s.depth == 0 && !s.inString && !s.inEntries ? skeleton : nil
    }

    private static let entriesKey = Array("entries".utf8)

    /// One byte; false when the file is not in the expected form.
    private static func step(_ s: inout State, _ b: UInt8, at offset: Int64, skeleton: inout [UInt8],
                             onEntry: (Int64, [UInt8]) -> Bool) -> Bool {
        if s.inEntries && s.depth >= 2 && (s.depth > 2 || s.inString || b == UInt8(ascii: "{")) {
            return elementByte(&s, b, at: offset, onEntry: onEntry)
        }
        if s.inString {
            skeleton.append(b)
            if s.escaped { s.escaped = false } else if b == UInt8(ascii: "\\") { s.escaped = true } else if b == UInt8(ascii: "\"") { s.inString = false } else if s.depth == 1 {
                if s.keyLength < 16 { s.lastKey.append(b) }
                s.keyLength += 1
            }
            return true
        }
        switch b {
        case UInt8(ascii: "\""):
            if s.inEntries && s.depth == 2 { return false }
            s.inString = true
            if s.depth == 1 { s.lastKey = []; s.keyLength = 0 }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if s.inEntries { return false }
            s.depth += 1
            if s.depth == 2 && b == UInt8(ascii: "[") && s.lastKey == entriesKey && s.keyLength == entriesKey.count {
                s.inEntries = true
                s.expectElement = true
            }
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if s.inEntries && s.depth == 2 {
                guard b == UInt8(ascii: "]") else { return false }
                s.inEntries = false
            }
            s.depth -= 1
            if s.depth < 0 { return false }
        case UInt8(ascii: ","):
            if s.inEntries && s.depth == 2 {
                guard !s.expectElement else { return false }
                s.expectElement = true
                return true  // the skeleton's entries array stays empty
            }
        case 0x20, 0x0A, 0x0D, 0x09:
            if s.inEntries && s.depth == 2 { return true }
        default:
            if s.inEntries && s.depth == 2 { return false }
        }
        skeleton.append(b)
        return true
    }

    /// A byte of an element of `entries` (an object): kept until it closes.
    private static func elementByte(_ s: inout State, _ b: UInt8, at offset: Int64, onEntry: (Int64, [UInt8]) -> Bool) -> Bool {
        if s.depth == 2 {
            guard s.expectElement else { return false }
            s.expectElement = false
            s.elementStart = offset
            s.element = []
        }
        s.element.append(b)
        if s.inString {
            if s.escaped { s.escaped = false } else if b == UInt8(ascii: "\\") { s.escaped = true } else if b == UInt8(ascii: "\"") { s.inString = false }
            return true
        }
        switch b {
        case UInt8(ascii: "\""): s.inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): s.depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            s.depth -= 1
            if s.depth == 2 {
                defer { s.element = [] }
                return onEntry(s.elementStart, s.element)
            }
        default: break
        }
        return true
    }
}
