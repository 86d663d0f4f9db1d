/// Every document reference of a run, in input order, stored in fixed-size
/// blocks: appending never copies what is already there, so 300,000
/// references never exist twice (an array doubles, and copies, as it grows).
public struct DocumentTable: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
    static let blockSize = 4096
    private var blocks: [[DocumentRef]] = []
    public private(set) var count = 0

    public init() {}

    public init<S: Sequence>(_ refs: S) where S.Element == DocumentRef {
        append(contentsOf: refs)
    }

    public init(arrayLiteral refs: DocumentRef...) {
        append(contentsOf: refs)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> DocumentRef {
        get { blocks[position / Self.blockSize][position % Self.blockSize] }
        set { blocks[position / Self.blockSize][position % Self.blockSize] = newValue }
    }

    public mutating func append(_ ref: DocumentRef) {
        if count % Self.blockSize == 0 {
            // The first block grows as an array does: a file of one
            // document must not reserve a whole block.
            var block: [DocumentRef] = []
            if count > 0 { block.reserveCapacity(Self.blockSize) }
            blocks.append(block)
        }
        blocks[blocks.count - 1].append(ref)
        count += 1
    }

    public mutating func append<S: Sequence>(contentsOf refs: S) where S.Element == DocumentRef {
        for ref in refs { append(ref) }
    }
}
