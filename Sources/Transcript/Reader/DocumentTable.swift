/// Every document reference of a run, in input order, packed (issue 15 case
/// 10): 72 bytes a document in place and its strings' bytes in its block's
/// arena, about 130 bytes in all where a `DocumentRef` and its id's String
/// cost about 230. Appending never copies what is already there: a block
/// holds at most `blockSize` references, and a table appended to another
/// hands over its blocks. A reference is unpacked when it is read.
public struct DocumentTable: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    static let blockSize = 4096
    private var blocks: [Block] = []
    /// The position of each block's first reference.
    private var starts: [Int] = []
    /// Each input file's name by its index: said once, not per document.
    private var fileNames: [Int32: String] = [:]
    public private(set) var count = 0

    private struct Block: Sendable {
        var records: [PackedDocument] = []
        var text: [UInt8] = []
    }

    public init() {}

    public init<S: Sequence>(_ refs: S) where S.Element == DocumentRef {
        for ref in refs { append(ref) }
    }

    public init(arrayLiteral refs: DocumentRef...) {
        self.init(refs)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> DocumentRef {
        let (b, i) = place(position)
        let block = blocks[b]
        let record = block.records[i]
        return DocumentRef(unpacking: record, text: block.text, fileName: fileNames[record.file] ?? "")
    }

    /// The block and the place in it of `position`.
    private func place(_ position: Int) -> (Int, Int) {
        var low = 0, high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= position { low = mid } else { high = mid }
        }
        return (low, position - starts[low])
    }

    public mutating func append(_ ref: DocumentRef) {
        let file = Int32(clamping: ref.fileIndex)
        if fileNames[file] == nil { fileNames[file] = ref.location.file }
        let ownName = fileNames[file] == ref.location.file ? nil : ref.location.file
        if blocks.last.map({ $0.records.count >= Self.blockSize }) ?? true { startBlock() }
        let last = blocks.count - 1
        let record = ref.packed(into: &blocks[last].text, fileName: ownName)
        blocks[last].records.append(record)
        count += 1
    }

    /// `other`'s references after these, with their document indices and
    /// lines moved on: a part of a file scanned on a thread of its own,
    /// counted from 0. Its blocks are taken over, not copied, when `other`
    /// is the only holder of them; never a String made.
    public mutating func append(contentsOf other: consuming DocumentTable, documentIndicesBy indexShift: Int = 0, linesBy lineShift: Int = 0) {
        let renamed = other.fileNames.contains { file, name in fileNames[file].map { $0 != name } ?? false }
        for (file, name) in other.fileNames where fileNames[file] == nil { fileNames[file] = name }
        var taken = other.blocks
        other.blocks = []
        for b in taken.indices {
            if renamed {
                // Two tables named one file index differently: each reference keeps its own name.
                for record in taken[b].records {
                    var ref = DocumentRef(unpacking: record, text: taken[b].text, fileName: other.fileNames[record.file] ?? "")
                    ref.location.documentIndex += indexShift
                    ref.location.line = ref.location.line.map { $0 + lineShift }
                    append(ref)
                }
                continue
            }
            if indexShift != 0 || lineShift != 0 {
                for i in taken[b].records.indices { taken[b].records[i].move(indexBy: indexShift, linesBy: lineShift) }
            }
            guard !taken[b].records.isEmpty else { continue }
            starts.append(count)
            count += taken[b].records.count
            blocks.append(taken[b])
            taken[b] = Block()
        }
    }

    /// Marks the reference at `position` as an item of a `sessions` listing or not.
    public mutating func setInListing(_ inListing: Bool, at position: Int) {
        let (b, i) = place(position)
        blocks[b].records[i].inListing = inListing
    }

    private mutating func startBlock() {
        // The first block grows as an array does: a file of one document
        // must not reserve a whole block.
        var block = Block()
        if count > 0 {
            block.records.reserveCapacity(Self.blockSize)
            block.text.reserveCapacity(Self.blockSize * 64)
        }
        starts.append(count)
        blocks.append(block)
    }
}
