/// What the first pass learns about a document without parsing it: where it
/// is, and the top-level fields that decide what it is and whether it wins.
public struct DocumentRef: Sendable {
    public var fileIndex: Int
    public var location: SourceLocation
    public var length: Int
    public var header: DocumentHeader
    /// An item of a `{"sessions": [...]}` listing.
    public var inListing: Bool
}

public struct DocumentHeader: Sendable {
    public var isObject = true
    public var id: String?
    /// The id was present but not a string (its JSON text, for messages).
    public var nonStringID: String?
    public var docType: String?
    public var hasDocType = false
    public var updatedAt: String?
    public var ts: Double?
    public var sessionID: String?
    public var chunkIndex: Int?
    public var chunkCount: Int?
    public var keys: Keys = []

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
