/// What the first pass learns about a document without parsing it: where it
/// is, and the top-level fields that decide what it is and whether it wins.
/// Kept for every document of the input until the run ends, packed in a
/// `DocumentTable` (see docs/reliability.md, Input); this is its unpacked form.
public struct DocumentRef: Sendable {
    private var fileName: String
    private var offset: Int
    private var index: Int
    public var length: Int
    /// 1-based JSON Lines line, 0 for none.
    private var lineNumber: Int32
    private var file: Int32
    public var header: DocumentHeader
    /// An item of a `{"sessions": [...]}` listing.
    public var inListing: Bool

    public init(fileIndex: Int, location: SourceLocation, length: Int, header: DocumentHeader, inListing: Bool) {
        fileName = location.file
        offset = location.byteOffset
        index = location.documentIndex
        lineNumber = location.line.map { Int32(clamping: $0) } ?? 0
        file = Int32(clamping: fileIndex)
        self.length = length
        self.header = header
        self.inListing = inListing
    }

    public var fileIndex: Int { Int(file) }

    public var location: SourceLocation {
        get { SourceLocation(file: fileName, documentIndex: index, line: lineNumber > 0 ? Int(lineNumber) : nil, byteOffset: offset) }
        set {
            fileName = newValue.file
            offset = newValue.byteOffset
            index = newValue.documentIndex
            lineNumber = newValue.line.map { Int32(clamping: $0) } ?? 0
        }
    }
}

public struct DocumentHeader: Sendable {
    // Widest first, so that the struct has no padding holes.
    public var id: String?
    /// `updated_at` of up to 31 bytes (every ISO timestamp) in place, its
    /// length in the last byte (`Self.noStamp` when absent, `Self.longStamp`
    /// when longer and kept in `rare`): no allocation per document.
    private var stamp: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, UInt64(Self.noStamp) << 56)
    public var sessionID: String?
    /// Strings almost no document has: kept out of line.
    private var rare: Rare?
    /// `_ts`; NaN when absent (JSON has no NaN).
    private var tsValue = Double.nan
    private var chunkIndexValue = Int32.min
    private var chunkCountValue = Int32.min
    public var keys: Keys = []
    private var docTypeCode = DocTypeCode.absent
    public var isObject = true

    public init() {}

    private enum DocTypeCode: UInt8 { case absent, session, chunk, interaction, other }
    private final class Rare: Sendable {
        let nonStringID: String?, docType: String?, updatedAt: String?
        init(nonStringID: String?, docType: String?, updatedAt: String?) {
            self.nonStringID = nonStringID; self.docType = docType; self.updatedAt = updatedAt
        }
    }
    private static let noStamp: UInt8 = 0xFF, longStamp: UInt8 = 0xFE

    /// The id was present but not a string (its JSON text, for messages).
    public var nonStringID: String? {
        get { rare?.nonStringID }
        set { rare = Self.rare(nonStringID: newValue, docType: rare?.docType, updatedAt: rare?.updatedAt) }
    }

    public var updatedAt: String? {
        get {
            let count = UInt8(truncatingIfNeeded: stamp.3 >> 56)
            if count == Self.noStamp { return nil }
            if count == Self.longStamp { return rare?.updatedAt }
            let s = stamp
            // Byte i is byte i % 8 of word i / 8, little-endian (see the setter).
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(count))
            for i in 0..<Int(count) {
                let word = i < 8 ? s.0 : i < 16 ? s.1 : i < 24 ? s.2 : s.3
                bytes.append(UInt8(truncatingIfNeeded: word >> ((i & 7) * 8)))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        set {
            var long: String? = nil
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            if let text = newValue, text.utf8.count < 32 {
                // Little-endian bytes 0...30, the count in byte 31 (top of word 3).
                var packed: [UInt64] = [0, 0, 0, UInt64(text.utf8.count) << 56]
                for (i, b) in text.utf8.enumerated() { packed[i >> 3] |= UInt64(b) << ((i & 7) * 8) }
                words = (packed[0], packed[1], packed[2], packed[3])
            } else {
                words.3 = UInt64(newValue == nil ? Self.noStamp : Self.longStamp) << 56
                long = newValue
            }
            stamp = words
            rare = Self.rare(nonStringID: rare?.nonStringID, docType: rare?.docType, updatedAt: long)
        }
    }

    public var docType: String? {
        get {
            switch docTypeCode {
            case .absent: return nil
            case .session: return "session"
            case .chunk: return "session_chunk"
            case .interaction: return "interaction"
            case .other: return rare?.docType
            }
        }
        set {
            switch newValue {
            case "session": docTypeCode = .session
            case "session_chunk": docTypeCode = .chunk
            case "interaction": docTypeCode = .interaction
            case nil: docTypeCode = hasDocType ? .other : .absent
            default: docTypeCode = .other
            }
            rare = Self.rare(nonStringID: rare?.nonStringID, docType: docTypeCode == .other ? newValue : nil, updatedAt: rare?.updatedAt)
        }
    }

    /// `_docType` is present (maybe not a string).
    public var hasDocType: Bool {
        get { docTypeCode != .absent }
        set { if newValue { if docTypeCode == .absent { docTypeCode = .other } } else { docTypeCode = .absent } }
    }

    public var ts: Double? {
        get { tsValue.isNaN ? nil : tsValue }
        set { tsValue = newValue ?? .nan }
    }

    /// Whole numbers under 1e9 only (the scanner checks).
    public var chunkIndex: Int? {
        get { chunkIndexValue == .min ? nil : Int(chunkIndexValue) }
        set { chunkIndexValue = newValue.map { Int32(clamping: $0) } ?? .min }
    }

    public var chunkCount: Int? {
        get { chunkCountValue == .min ? nil : Int(chunkCountValue) }
        set { chunkCountValue = newValue.map { Int32(clamping: $0) } ?? .min }
    }

    private static func rare(nonStringID: String?, docType: String?, updatedAt: String?) -> Rare? {
        nonStringID == nil && docType == nil && updatedAt == nil ? nil
            : Rare(nonStringID: nonStringID, docType: docType, updatedAt: updatedAt)
    }

    public struct Keys: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let eventLog = Keys(rawValue: 1 << 0)
        public static let alertText = Keys(rawValue: 1 << 1)
        public static let status = Keys(rawValue: 1 << 2)
        public static let query = Keys(rawValue: 1 << 3)
        public static let steps = Keys(rawValue: 1 << 4)
        public static let diagnosis = Keys(rawValue: 1 << 5)
        public static let stepCount = Keys(rawValue: 1 << 6)
        public static let chunkCount = Keys(rawValue: 1 << 7)
        public static let chunkIDs = Keys(rawValue: 1 << 8)
        public static let events = Keys(rawValue: 1 << 9)
    }
}

/// FORMAT.md §1: what a document is, from its `_docType` or, for legacy
/// documents, its shape.
public enum DocumentClass: Sendable, Equatable {
    case session, interaction, chunk, summaryItem
    case other(String)
    case notAnObject

    public init(_ h: DocumentHeader, inListing: Bool) {
        guard h.isObject else { self = .notAnObject; return }
        if inListing && h.keys.contains(.stepCount) && !h.keys.contains(.eventLog)
            && !h.keys.contains(.chunkCount) && !h.hasDocType {
            self = .summaryItem
            return
        }
        switch h.docType {
        case "session": self = .session
        case "session_chunk": self = .chunk
        case "interaction": self = .interaction
        case let other? : self = .other(other)
        case nil:
            if h.hasDocType {
                self = .other("(non-string _docType)")
            } else if h.keys.contains(.query) && h.keys.contains(.steps) && h.keys.contains(.diagnosis)
                        && !h.keys.contains(.eventLog) {
                self = .interaction
            } else if h.keys.contains(.eventLog) || h.keys.contains(.alertText) || h.keys.contains(.status)
                        || h.keys.contains(.chunkCount) {
                self = .session
            } else {
                self = .other("(no _docType)")
            }
        }
    }
}

/// A `DocumentRef` as a `DocumentTable` keeps it: numbers in place, each
/// string as a byte count in its block's arena (`absent`: none), the bytes
/// in the order of `Text`.
struct PackedDocument: Sendable {
    var offset: Int
    var length: Int
    var documentIndex: Int
    /// The header's fields that are not strings.
    let header: DocumentHeader.Packed
    var textStart: UInt32
    /// By `Text.rawValue`.
    private var counts = InlineArray<6, UInt16>(repeating: PackedDocument.absent)
    var line: Int32
    var file: Int32
    var inListing: Bool

    static let absent = UInt16.max
    enum Text: Int, CaseIterable { case id, sessionID, updatedAt, docType, nonStringID, fileName }

    init(ref: DocumentRef, header: DocumentHeader.Packed, text: inout [UInt8], strings: [String?]) {
        offset = ref.location.byteOffset
        length = ref.length
        documentIndex = ref.location.documentIndex
        line = Int32(clamping: ref.location.line ?? 0)
        file = Int32(clamping: ref.fileIndex)
        self.header = header
        inListing = ref.inListing
        textStart = UInt32(clamping: text.count)
        for which in Text.allCases {
            guard let string = strings[which.rawValue] else { continue }
            // Header strings are at most 4096 bytes (the scanner's limit), paths 4096.
            let bytes = string.utf8.prefix(Int(Self.absent) - 1)
            text.append(contentsOf: bytes)
            counts[which.rawValue] = UInt16(bytes.count)
        }
    }

    /// Bytes of the strings before `which`.
    private func bytes(before which: Text) -> Int {
        var total = 0
        for other in Text.allCases {
            if other == which { break }
            let n = counts[other.rawValue]
            if n != Self.absent { total += Int(n) }
        }
        return total
    }

    /// The `which` string, nil when absent.
    func string(_ which: Text, in text: [UInt8]) -> String? {
        let n = counts[which.rawValue]
        guard n != Self.absent else { return nil }
        let start = Int(textStart) + bytes(before: which)
        return String(decoding: text[start..<start + Int(n)], as: UTF8.self)
    }

    /// Counted on from another part of the same file.
    mutating func move(indexBy indexShift: Int, linesBy lineShift: Int) {
        documentIndex += indexShift
        if line > 0 { line = Int32(clamping: Int(line) + lineShift) }
    }
}

extension DocumentRef {
    /// Packs this reference; its strings go to `text`. `fileName`: kept only
    /// when it is not the one the table has for the file index.
    func packed(into text: inout [UInt8], fileName: String?) -> PackedDocument {
        let h = header
        return PackedDocument(ref: self, header: h.packed, text: &text,
                              strings: [h.id, h.sessionID, h.updatedAt, h.packedDocType, h.nonStringID, fileName])
    }

    init(unpacking p: PackedDocument, text: [UInt8], fileName: String) {
        let header = DocumentHeader(unpacking: p, text: text)
        let location = SourceLocation(file: p.string(.fileName, in: text) ?? fileName, documentIndex: p.documentIndex,
                                      line: p.line > 0 ? Int(p.line) : nil, byteOffset: p.offset)
        self.init(fileIndex: Int(p.file), location: location, length: p.length, header: header, inListing: p.inListing)
    }
}

extension DocumentHeader {
    /// The fields that are not strings, as stored.
    struct Packed {
        var ts: Double
        var chunkIndex: Int32
        var chunkCount: Int32
        var keys: UInt16
        var docTypeCode: UInt8
        var isObject: Bool
    }

    var packed: Packed {
        Packed(ts: tsValue, chunkIndex: chunkIndexValue, chunkCount: chunkCountValue, keys: keys.rawValue,
               docTypeCode: docTypeCode.rawValue, isObject: isObject)
    }

    /// Only a `_docType` outside the known three is kept as text.
    var packedDocType: String? { docTypeCode == .other ? rare?.docType : nil }

    init(unpacking p: PackedDocument, text: [UInt8]) {
        self.init()
        id = p.string(.id, in: text)
        sessionID = p.string(.sessionID, in: text)
        updatedAt = p.string(.updatedAt, in: text)
        nonStringID = p.string(.nonStringID, in: text)
        docTypeCode = DocTypeCode(rawValue: p.header.docTypeCode) ?? .absent
        if docTypeCode == .other, let type = p.string(.docType, in: text) {
            rare = Self.rare(nonStringID: rare?.nonStringID, docType: type, updatedAt: rare?.updatedAt)
        }
        tsValue = p.header.ts
        chunkIndexValue = p.header.chunkIndex
        chunkCountValue = p.header.chunkCount
        keys = Keys(rawValue: p.header.keys)
        isObject = p.header.isObject
    }
}
