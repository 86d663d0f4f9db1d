/// Where a document came from, for messages people read.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 0-based position of the document in its file (array element, listing item or line).
    public var documentIndex: Int
    /// 1-based line for JSON Lines input.
    public var line: Int?
    public var byteOffset: Int

    public init(file: String, documentIndex: Int, line: Int? = nil, byteOffset: Int) {
        self.file = file
        self.documentIndex = documentIndex
        self.line = line
        self.byteOffset = byteOffset
    }

    public var description: String {
        if let line { return "\(file): line \(line) (byte \(byteOffset))" }
        return "\(file): document \(documentIndex) (byte \(byteOffset))"
    }
}
