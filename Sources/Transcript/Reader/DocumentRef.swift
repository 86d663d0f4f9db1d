/// What the first pass learns about a document without parsing it: where it
/// is, and the top-level fields that decide what it is and whether it wins.
/// Kept for every document of the input until the run ends, so it is
/// compact: about 150 bytes and one string (the id), no optionals
/// wider than a word (see docs/reliability.md, Input).
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
            return withUnsafeBytes(of: stamp) { String(decoding: $0.prefix(Int(count)), as: UTF8.self) }
        }
        set {
            var long: String? = nil
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            if let text = newValue, text.utf8.count < 32 {
                withUnsafeMutableBytes(of: &words) { raw in
                    for (i, b) in text.utf8.enumerated() { raw[i] = b }
                    raw[31] = UInt8(text.utf8.count)
                }
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
