/// A Markdown document under a hard UTF-8 byte limit, built from whole
/// blocks: a block (heading, paragraph, list item, note) is added whole or
/// not at all, so the text is never cut mid-sentence or mid-table.
struct BriefBlocks {
    /// Bytes this document may still take.
    private(set) var remaining: Int
    private(set) var bytes: [UInt8] = []

    init(limit: Int) {
        remaining = max(0, limit)
    }

    /// Adds `block` and a line break when it fits; false (nothing added) when not.
    @discardableResult
    mutating func add(_ block: String) -> Bool {
        let size = block.utf8.count + 1
        guard size <= remaining else { return false }
        bytes += block.utf8
        bytes.append(0x0A)
        remaining -= size
        return true
    }

    /// Keeps `bytes` of the budget back (for the blocks that must come last).
    mutating func reserve(_ count: Int) { remaining -= count }
    mutating func release(_ count: Int) { remaining += count }

    /// Bytes `block` takes when added.
    static func size(_ block: String) -> Int { block.utf8.count + 1 }
}

/// One part of the brief (a section and its items), laid out within the
/// bytes it was given: the heading, as many whole items as fit, then a
/// note saying how many were left out and where they are.
struct BriefSection {
    var heading: String
    /// Blocks before the items (a lead line); kept only with the heading.
    var lead: [String] = []
    var items: [String]
    /// "recommended action" / "recommended actions": the note's words.
    var noun: (one: String, many: String)
    /// Where the full text is ("see name.md").
    var elsewhere: String

    /// Lower goes first when there is room for only some sections.
    var priority = 5

    /// Bytes the section takes in full.
    var fullSize: Int {
        ([heading, ""] + lead + items + [""]).reduce(0) { $0 + BriefBlocks.size($1) }
    }

    /// Bytes for the heading, the lead, the first item and the note for the rest.
    var firstSize: Int {
        guard let first = items.first, items.count > 1 else { return fullSize }
        let parts = [heading, ""] + lead + [first, "", note(items.count - 1), ""]
        return min(fullSize, parts.reduce(1) { $0 + BriefBlocks.size($1) })
    }

    /// The heading's words ("Recommended actions").
    var title: String { String(heading.drop(while: { $0 == "#" || $0 == " " })) }

    func note(_ left: Int) -> String {
        "… \(TextForm.grouped(left)) more \(left == 1 ? noun.one : noun.many): \(elsewhere)"
    }

    /// Writes the section in at most `budget` bytes of `doc`; returns
    /// whether anything was cut. A section that cannot show even its
    /// heading and its cut note is left out whole (and counted as cut).
    mutating func write(into doc: inout BriefBlocks, budget: Int) -> Bool {
        var section = BriefBlocks(limit: min(budget, doc.remaining))
        let least = ([heading, ""] + lead + (items.isEmpty ? [] : ["", note(items.count)]) + [""])
            .reduce(0) { $0 + BriefBlocks.size($1) }
        guard fullSize <= section.remaining || least <= section.remaining else { return true }
        section.add(heading)
        section.add("")
        for l in lead { section.add(l) }
        var shown = 0
        var rest = items.reduce(0) { $0 + BriefBlocks.size($1) }
        for (i, item) in items.enumerated() {
            let leftAfter = items.count - i - 1
            // All the rest fits, or this item and the note for those after it.
            let noteRoom = leftAfter > 0 ? BriefBlocks.size(note(leftAfter)) + 1 : 0
            guard rest + 1 <= section.remaining || BriefBlocks.size(item) + noteRoom + 1 <= section.remaining else { break }
            section.add(item)
            rest -= BriefBlocks.size(item)
            shown += 1
        }
        if shown < items.count {
            section.add("")
            section.add(note(items.count - shown))
        }
        section.add("")
        doc.add(String(decoding: section.bytes.dropLast(), as: UTF8.self))
        return shown < items.count
    }
}
