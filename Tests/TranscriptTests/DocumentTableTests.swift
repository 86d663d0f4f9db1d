import Testing
@testable import Transcript

/// The packed table gives back every field of every reference it was given
/// (issue 15 case 10: the table is compact, never lossy).
@Suite("The document table packs references without losing a field")
struct DocumentTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let ref: DocumentRef
        var testDescription: String { name }
    }

    static func header(_ change: (inout DocumentHeader) -> Void) -> DocumentHeader {
        var h = DocumentHeader()
        change(&h)
        return h
    }

    static func ref(_ name: String, file: String = "export.json", fileIndex: Int = 0, index: Int = 3, line: Int? = nil,
                    offset: Int = 1234, length: Int = 99, listing: Bool = false,
                    _ change: (inout DocumentHeader) -> Void) -> Row {
        Row(name: name, ref: DocumentRef(fileIndex: fileIndex,
                                         location: SourceLocation(file: file, documentIndex: index, line: line, byteOffset: offset),
                                         length: length, header: header(change), inListing: listing))
    }

    static let rows: [Row] = [
        ref("nothing at all") { _ in },
        ref("a plain session") { $0.id = "6f1c2a9e-0b7d-4c1e-9a3f-2d8e5b7c1a40"; $0.docType = "session"; $0.hasDocType = true
            $0.updatedAt = "2026-11-30T12:34:56.789Z"; $0.ts = 1_771_581_600; $0.keys = [.eventLog, .alertText, .status] },
        ref("a chunk", index: 0, offset: 0) { $0.id = "s1-chunk-3"; $0.docType = "session_chunk"; $0.hasDocType = true
            $0.sessionID = "s1"; $0.chunkIndex = 3 },
        ref("a manifest", line: 7) { $0.id = "s1"; $0.chunkCount = 20; $0.keys = [.chunkCount, .chunkIDs] },
        ref("an interaction", listing: true) { $0.id = "i"; $0.docType = "interaction"; $0.hasDocType = true; $0.keys = [.query, .steps, .diagnosis] },
        ref("another _docType") { $0.id = "x"; $0.docType = "alert_rule"; $0.hasDocType = true },
        ref("a _docType that is not a string") { $0.id = "x"; $0.docType = nil; $0.hasDocType = true },
        ref("an id that is not a string") { $0.nonStringID = "{\"oid\": 7}" },
        ref("an updated_at too long to pack in place") { $0.id = "long"; $0.updatedAt = String(repeating: "2026-11-30T12:34:56.789+00:00 ", count: 3) },
        ref("an empty id and updated_at") { $0.id = ""; $0.updatedAt = "" },
        ref("non-ASCII strings") { $0.id = "séance-Ω-🚨"; $0.sessionID = "ünïcode" },
        ref("not an object") { $0.isObject = false },
        ref("negative chunk numbers") { $0.chunkIndex = -2; $0.chunkCount = -1; $0.ts = -0.5 },
        ref("far into a large file", index: Int(Int32.max) + 10, line: 5_000_000, offset: 1 << 40, length: 3 << 30) { $0.id = "far" },
        ref("a file of its own", file: "other.jsonl", fileIndex: 4) { $0.id = "o" },
    ]

    /// Every field, as text, so that two references compare in one line.
    static func fields(_ r: DocumentRef) -> String {
        let h = r.header
        return [r.location.description, "\(r.location.file)", "\(r.location.documentIndex)", "\(String(describing: r.location.line))",
                "\(r.location.byteOffset)", "\(r.fileIndex)", "\(r.length)", "\(r.inListing)",
                "\(String(describing: h.id))", "\(String(describing: h.nonStringID))", "\(String(describing: h.docType))", "\(h.hasDocType)",
                "\(String(describing: h.updatedAt))", "\(String(describing: h.sessionID))", "\(String(describing: h.ts))",
                "\(String(describing: h.chunkIndex))", "\(String(describing: h.chunkCount))", "\(h.keys.rawValue)", "\(h.isObject)",
                "\(DocumentClass(h, inListing: r.inListing))"].joined(separator: " | ")
    }

    @Test(arguments: rows) func aReferenceComesBackAsItWent(_ row: Row) {
        let table: DocumentTable = [row.ref]
        #expect(table.count == 1)
        #expect(Self.fields(table[0]) == Self.fields(row.ref))
    }

    @Test func manyBlocksKeepTheirOrderAndFields() {
        var refs: [DocumentRef] = []
        for i in 0..<(DocumentTable.blockSize * 2 + 17) {
            let row = Self.rows[i % Self.rows.count]
            var ref = row.ref
            ref.location.documentIndex = i
            refs.append(ref)
        }
        let table = DocumentTable(refs)
        #expect(table.count == refs.count)
        #expect(zip(table, refs).allSatisfy { Self.fields($0) == Self.fields($1) })
    }

    @Test func aPartAppendedAfterAnotherHasItsIndicesAndLinesMovedOn() {
        let first = DocumentTable(Self.rows.map(\.ref))
        var whole = first
        let part = DocumentTable(Self.rows.map(\.ref))
        whole.append(contentsOf: part, documentIndicesBy: 100, linesBy: 40)
        #expect(whole.count == 2 * Self.rows.count)
        for (i, row) in Self.rows.enumerated() {
            var moved = row.ref
            moved.location.documentIndex += 100
            moved.location.line = moved.location.line.map { $0 + 40 }
            #expect(Self.fields(whole[Self.rows.count + i]) == Self.fields(moved), "\(row.name)")
            #expect(Self.fields(whole[i]) == Self.fields(row.ref), "\(row.name)")
        }
    }

    /// Blocks handed over part-full, then more appended one at a time: every
    /// position still finds its own reference.
    @Test func partFullBlocksHandedOverStillFindEveryPosition() {
        func refs(_ n: Int, from: Int) -> [DocumentRef] {
            (0..<n).map { i in Self.ref("r", index: i, line: i + 1) { $0.id = "id-\(from + i)" }.ref }
        }
        var table = DocumentTable(refs(5000, from: 0))
        table.append(contentsOf: DocumentTable(refs(4200, from: 5000)), documentIndicesBy: 5000, linesBy: 5000)
        table.append(contentsOf: DocumentTable())
        for ref in refs(4100, from: 9200) { var r = ref; r.location.documentIndex += 9200; r.location.line = r.location.line.map { $0 + 9200 }; table.append(r) }
        #expect(table.count == 13_300)
        #expect(table.indices.allSatisfy { table[$0].header.id == "id-\($0)" && table[$0].location.documentIndex == $0 && table[$0].location.line == $0 + 1 })
        table.setInListing(true, at: 9199)
        #expect(table[9199].inListing && !table[9198].inListing && !table[9200].inListing)
    }

    @Test func twoNamesForOneFileIndexAreBothKept() {
        var table: DocumentTable = [Self.ref("a", file: "a.json") { $0.id = "1" }.ref]
        table.append(Self.ref("b", file: "b.json") { $0.id = "2" }.ref)
        var other: DocumentTable = [Self.ref("c", file: "c.json") { $0.id = "3" }.ref]
        other.append(Self.ref("d", file: "d.json") { $0.id = "4" }.ref)
        table.append(contentsOf: other)
        #expect(table.map(\.location.file) == ["a.json", "b.json", "c.json", "d.json"])
        #expect(table.map(\.header.id) == ["1", "2", "3", "4"])
    }

    @Test func listingFlagIsSetInPlace() {
        var table = DocumentTable(Self.rows.map(\.ref))
        table.setInListing(true, at: 0)
        table.setInListing(false, at: 4)
        #expect(table[0].inListing && !table[4].inListing)
        #expect(Self.fields(table[1]) == Self.fields(Self.rows[1].ref))
    }

    @Test func aPackedReferenceIsSmall() {
        #expect(MemoryLayout<PackedDocument>.stride <= 72)
    }
}
