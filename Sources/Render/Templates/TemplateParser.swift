/// Mustache text → `TemplateNode`s. Supports variables, `{{{ }}}`/`{{& }}`,
/// sections, inverted sections, comments and partials, with the standalone-
/// line rules of swift-mustache (which rendered the reports before this
/// parser, so the output is unchanged; docs/templates.md lists where they
/// differ). Delimiter changes, pragmas, dynamic partials,
/// inheritance and transforms are refused with a clear error.
struct TemplateParser {
    struct Failure: Error {
        let offset: Int
        let reason: String
    }

    private let bytes: [UInt8]
    private var pos = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func parse(_ text: String) throws(Failure) -> [TemplateNode] {
        var parser = TemplateParser(text)
        return try parser.parseBlock(section: nil, newLine: true, depth: 0)
    }

    /// Sections nested deeper than this are refused: parsing and rendering
    /// recurse once per level, and a hostile template must not exhaust the stack.
    static let maxSectionDepth = 100

    /// 1-based line and column of a byte offset, and that line's text.
    static func location(of offset: Int, in text: String) -> (line: Int, column: Int, lineText: String) {
        let bytes = Array(text.utf8)
        let clamped = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<clamped where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let column = String(decoding: bytes[lineStart..<clamped], as: UTF8.self).count + 1
        return (line, column, lineText)
    }

    private static let open: UInt8 = 0x7B, close: UInt8 = 0x7D
    private static let newline: UInt8 = 0x0A, cr: UInt8 = 0x0D

    private var atEnd: Bool { pos >= bytes.count }

    private func newlineLength(at i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        if bytes[i] == Self.newline { return 1 }
        if bytes[i] == Self.cr, i + 1 < bytes.count, bytes[i + 1] == Self.newline { return 2 }
        return 0
    }

    private mutating func readBlanks() -> ArraySlice<UInt8> {
        let start = pos
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 }
        return bytes[start..<pos]
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    /// Text up to a newline or just past an opening `{{`.
    private mutating func readText() -> (text: ArraySlice<UInt8>, openedTag: Bool) {
        let start = pos
        while let hit = bytes[pos...].firstIndex(where: { $0 == Self.newline || $0 == Self.cr || $0 == Self.open }) {
            pos = hit
            if newlineLength(at: pos) > 0 { return (bytes[start..<pos], false) }
            if bytes[pos] == Self.open, pos + 1 < bytes.count, bytes[pos + 1] == Self.open {
                let text = bytes[start..<pos]
                pos += 2
                return (text, true)
            }
            pos += 1
        }
        pos = bytes.count
        return (bytes[start..<pos], false)
    }

    /// The tag ends here: only blanks up to a newline (consumed) or the end.
    private mutating func lineFinished() -> Bool {
        if atEnd { return true }
        var i = pos
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        // swift-mustache: blanks then the end of the text do not count.
        if i == bytes.count { return false }
        let n = newlineLength(at: i) > 0 ? newlineLength(at: i) : (bytes[i] == Self.cr ? 1 : 0)
        guard n > 0 else { return false }
        pos = i + n
        return true
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"),
             UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    private mutating func expectClose() throws(Failure) {
        guard pos + 1 < bytes.count, bytes[pos] == Self.close, bytes[pos + 1] == Self.close else {
            throw Failure(offset: pos, reason: "a tag is not finished")
        }
        pos += 2
    }

    private mutating func readName(allowSlash: Bool = false) throws(Failure) -> String {
        skipWhitespace()
        let start = pos
        while pos < bytes.count, Self.isNameByte(bytes[pos]) || (allowSlash && bytes[pos] == UInt8(ascii: "/")) { pos += 1 }
        let name = String(decoding: bytes[start..<pos], as: UTF8.self)
        skipWhitespace()
        try expectClose()
        if name.utf8.contains(UInt8(ascii: "(")) || name.utf8.contains(UInt8(ascii: ")")) {
            throw Failure(offset: start, reason: "transforms such as name(value) are not supported")
        }
        return name
    }

    /// What a tag did to the block being parsed.
    private enum TagOutcome {
        /// Parsing goes on; `standalone`: the tag stood alone on its line.
        case next(standalone: Bool)
        /// The tag closed the block's section.
        case closesSection
    }

    private mutating func parseBlock(section: String?, newLine startsOnNewLine: Bool, depth: Int) throws(Failure) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var newLine = startsOnNewLine
        var blanks: ArraySlice<UInt8> = []
        let sectionStart = pos
        while !atEnd {
            if newLine { blanks = readBlanks() }
            let (text, openedTag) = readText()
            let nl = newlineLength(at: pos)
            if !openedTag, nl > 0 {
                nodes.append(.text(Array(blanks) + Array(text) + Array(bytes[pos..<pos + nl])))
                pos += nl
                newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(blanks) + Array(text)))
                blanks = []
                newLine = false
            }
            guard openedTag else { break }
            let tagStart = pos - 2
            guard !atEnd else { throw Failure(offset: tagStart, reason: "a tag is not finished") }
            switch try parseTag(at: tagStart, section: section, depth: depth, newLine: newLine, blanks: &blanks, nodes: &nodes) {
            case .closesSection: return nodes
            case .next(let standalone): newLine = standalone
            }
        }
        if let section {
            throw Failure(offset: sectionStart, reason: "the section {{#\(section)}} is never closed")
        }
        return nodes
    }

    /// The tag whose `{{` is at `tagStart`, appended to `nodes`. `blanks`:
    /// the line's leading whitespace, not yet added (a standalone tag drops it).
    private mutating func parseTag(at tagStart: Int, section: String?, depth: Int, newLine: Bool,
                                   blanks: inout ArraySlice<UInt8>, nodes: inout [TemplateNode]) throws(Failure) -> TagOutcome {
        var standalone = false
        func flushBlanks() {
            if !blanks.isEmpty { nodes.append(.text(Array(blanks))); blanks = [] }
        }
        switch bytes[pos] {
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            let inverted = bytes[pos] == UInt8(ascii: "^")
            pos += 1
            let name = try readName()
            guard depth < Self.maxSectionDepth else {
                throw Failure(offset: tagStart, reason: "sections nest deeper than \(Self.maxSectionDepth) levels")
            }
            if newLine && lineFinished() { standalone = true } else { flushBlanks() }
            let body = try parseBlock(section: name, newLine: standalone, depth: depth + 1)
            nodes.append(.section(TemplateName(name), inverted: inverted, body: body))
        case UInt8(ascii: "/"):
            pos += 1
            let name = try readName()
            guard let section, name == section else {
                throw Failure(offset: tagStart, reason: section.map { "the closing tag {{/\(name)}} does not match the open section {{#\($0)}}" }
                              ?? "{{/\(name)}} closes a section that was never opened")
            }
            if !(newLine && lineFinished()) { flushBlanks() }
            return .closesSection
        case UInt8(ascii: "!"):
            guard let end = findClose(from: pos) else { throw Failure(offset: tagStart, reason: "a comment is not finished") }
            pos = end + 2
            standalone = newLine && lineFinished()
        case UInt8(ascii: "{"), UInt8(ascii: "&"):
            flushBlanks()
            nodes.append(try parseUnescaped())
        case UInt8(ascii: ">"):
            standalone = try parsePartial(at: tagStart, newLine: newLine, blanks: &blanks, nodes: &nodes)
        case UInt8(ascii: "="):
            throw Failure(offset: tagStart, reason: "delimiter changes ({{=…=}}) are not supported")
        case UInt8(ascii: "%"):
            throw Failure(offset: tagStart, reason: "pragmas ({{%…}}) are not supported")
        case UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw Failure(offset: tagStart, reason: "template inheritance ({{<…}}, {{$…}}) is not supported")
        default:
            flushBlanks()
            let name = try readName()
            nodes.append(.variable(TemplateName(name), escaped: true))
        }
        return .next(standalone: standalone)
    }

    /// `{{{name}}}` or `{{&name}}`, from its `{` or `&`.
    private mutating func parseUnescaped() throws(Failure) -> TemplateNode {
        let triple = bytes[pos] == UInt8(ascii: "{")
        pos += 1
        let name = try readName()
        if triple {
            guard pos < bytes.count, bytes[pos] == Self.close else { throw Failure(offset: pos, reason: "a {{{ tag is not closed with }}}") }
            pos += 1
        }
        return .variable(TemplateName(name), escaped: false)
    }

    /// `{{>name}}`, from its `>`; whether it stood alone on its line (then
    /// the line's leading whitespace indents every line of the partial).
    private mutating func parsePartial(at tagStart: Int, newLine: Bool, blanks: inout ArraySlice<UInt8>,
                                       nodes: inout [TemplateNode]) throws(Failure) -> Bool {
        pos += 1
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "*") {
            throw Failure(offset: tagStart, reason: "dynamic partials ({{>*name}}) are not supported; name the partial")
        }
        let name = try readName(allowSlash: true)
        if !blanks.isEmpty { nodes.append(.text(Array(blanks))) }
        defer { blanks = [] }
        if newLine && lineFinished() {
            nodes.append(.partial(name, indentation: Array(blanks), offset: tagStart))
            return true
        }
        nodes.append(.partial(name, indentation: nil, offset: tagStart))
        return false
    }

    private func findClose(from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == Self.close, bytes[i + 1] == Self.close { return i }
            i += 1
        }
        return nil
    }
}
