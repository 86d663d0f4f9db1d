import ByteLevel
import CCMark

/// Agent Markdown (diagnoses, responses, documents) as HTML or as
/// sanitised CommonMark. The only file that talks to libcmark.
///
/// Rendering always uses `CMARK_OPT_DEFAULT`, which is cmark's safe mode:
/// `CMARK_OPT_UNSAFE` is never passed because session text is untrusted.
/// Before rendering, the tree is made safe for embedding in a report:
/// - raw HTML becomes literal text, as the NOC frontend shows it
///   (FORMAT.md §4, last paragraph), instead of cmark's "raw HTML omitted";
/// - images become plain links, so a report never loads anything remote;
/// - `LinkPolicy` decides every destination, as react-markdown does: a
///   scheme other than http, https, irc, ircs, mailto or xmpp is emptied
///   (the text stays); a relative URL is kept as text after the link
///   text, never as a link the report's folder would resolve;
/// - headings are shifted down to start at `headingFloor`, so agent text
///   can never add a heading at or above the report's own levels.
public enum CommonMark {
    /// Safe HTML for agent Markdown. `headingFloor` is the level the
    /// agent's highest heading becomes (1 leaves headings as written).
    public static func html(_ markdown: String, headingFloor: Int = 1) -> SafeHTML {
        let document = CMarkDocument(parsing: markdown)
        document.neutralise(headingFloor: headingFloor)
        document.keepPipeRowLines()
        return SafeHTML(trustedUTF8: document.renderHTML())
    }

    /// Agent Markdown for a Markdown report: every block stays as the agent
    /// wrote it when it is already safe to embed; a block that is not
    /// (a heading, raw HTML, an image, a link `LinkPolicy` does not allow,
    /// an unclosed code fence) is re-written by cmark after neutralisation,
    /// so nothing can leak into the text around it. No trailing newline.
    static func markdown(_ markdown: String, headingFloor: Int = 1) -> String {
        String(decoding: markdownUTF8(markdown, headingFloor: headingFloor), as: UTF8.self)
    }

    /// `markdown` as UTF-8 bytes.
    static func markdownUTF8(_ markdown: String, headingFloor: Int = 1) -> [UInt8] {
        let document = CMarkDocument(parsing: markdown)
        return document.safeMarkdown(source: markdown, headingFloor: headingFloor)
    }

    /// Both forms from one parse, for reports written in both formats; the
    /// Markdown as UTF-8 bytes.
    static func both(_ markdown: String, headingFloor: Int = 1) -> (html: SafeHTML, markdown: [UInt8]) {
        let document = CMarkDocument(parsing: markdown)
        let text = document.safeMarkdown(source: markdown, headingFloor: headingFloor)
        document.keepPipeRowLines()
        return (SafeHTML(trustedUTF8: document.renderHTML()), text)
    }

    /// For tests: per paragraph, the byte-level pipe-table test and its
    /// `String` definition.
    static func pipeTableVerdicts(_ markdown: String) -> [(bytes: Bool, text: Bool)] {
        CMarkDocument(parsing: markdown).pipeTableVerdicts()
    }
}

/// Owns one parsed cmark tree; `deinit` frees it.
private final class CMarkDocument {
    private let root: OpaquePointer
    /// The paragraphs `neutralise` saw (nil before it ran), for `keepPipeRowLines`.
    private var paragraphs: [OpaquePointer]?

    init(parsing markdown: String) {
        let parsed = CString.withUTF8(markdown) { cmark_parse_document($0, $1, CMARK_OPT_DEFAULT) }
        // cmark only returns nil when it cannot allocate memory.
        guard let parsed else { preconditionFailure("cmark_parse_document failed to allocate") }
        root = parsed
    }

    deinit {
        cmark_node_free(root)
    }

    /// UTF-8 as cmark wrote it: the input was a valid `String` and cmark
    /// writes U+FFFD for NUL, so there is nothing to validate again.
    func renderHTML() -> [UInt8] {
        guard let html = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return [] }
        return CString.take(html)
    }

    /// Neutralises the tree (as `neutralise`) and writes it as Markdown:
    /// top-level blocks that needed no change keep their source lines.
    func safeMarkdown(source: String, headingFloor: Int) -> [UInt8] {
        var verbatim: [(start: Int, end: Int)?] = []
        let lines = SourceLines(source)
        var child = cmark_node_first_child(root)
        while let block = child {
            let start = Int(cmark_node_get_start_line(block)), end = Int(cmark_node_get_end_line(block))
            let keep = start >= 1 && end >= start && end <= lines.count && Self.keepsSource(block, lines: lines)
            verbatim.append(keep ? (start, end) : nil)
            child = cmark_node_next(block)
        }
        neutralise(headingFloor: headingFloor)

        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count + 64)
        child = cmark_node_first_child(root)
        var i = 0
        while let block = child {
            if !out.isEmpty { out += [0x0A, 0x0A] }
            if i < verbatim.count, let range = verbatim[i] {
                lines.append(range.start...range.end, to: &out)
            } else {
                out += Self.renderCommonMark(block)
            }
            while out.last == 0x0A { out.removeLast() }
            i += 1
            child = cmark_node_next(block)
        }
        return out
    }

    /// True when re-parsing the block's source lines, on their own after a
    /// blank line, gives the same safe block: nothing in it needs neutralising.
    private static func keepsSource(_ block: OpaquePointer, lines: SourceLines) -> Bool {
        // A link reference definition copied into the report could give a
        // meaning to "[x]" in another field: such blocks go through cmark.
        let range = Int(cmark_node_get_start_line(block))...Int(cmark_node_get_end_line(block))
        if lines.contains(UInt8(ascii: "]"), UInt8(ascii: ":"), in: range) { return false }
        switch cmark_node_get_type(block) {
        case CMARK_NODE_HEADING, CMARK_NODE_HTML_BLOCK: return false
        case CMARK_NODE_CODE_BLOCK:
            return lines.closesFence(from: Int(cmark_node_get_start_line(block)), to: Int(cmark_node_get_end_line(block)))
        default: break
        }
        guard let iter = cmark_iter_new(block) else { return false }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { return true }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_IMAGE:
                return false
            case CMARK_NODE_LINK:
                if LinkPolicy.verdict(url(of: node)) != .allowed { return false }
            default:
                break
            }
        }
    }

    private static func renderCommonMark(_ node: OpaquePointer) -> [UInt8] {
        guard let text = cmark_render_commonmark(node, CMARK_OPT_DEFAULT, 0) else { return [] }
        return CString.take(text)
    }

    /// Collects the nodes first and edits after: cmark's iterator must not
    /// see the tree change under it.
    func neutralise(headingFloor: Int) {
        var headings: [OpaquePointer] = []
        var htmlBlocks: [OpaquePointer] = []
        var htmlInlines: [OpaquePointer] = []
        var images: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        paragraphs = []

        guard let iter = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_HTML_BLOCK: htmlBlocks.append(node)
            case CMARK_NODE_HTML_INLINE: htmlInlines.append(node)
            case CMARK_NODE_IMAGE: images.append(node)
            case CMARK_NODE_LINK: links.append(node)
            case CMARK_NODE_PARAGRAPH: paragraphs?.append(node)
            default: break
            }
        }

        if headingFloor > 1, let top = headings.map({ Int(cmark_node_get_heading_level($0)) }).min() {
            for heading in headings {
                let level = Int(cmark_node_get_heading_level(heading))
                cmark_node_set_heading_level(heading, Int32(min(6, headingFloor + level - top)))
            }
        }
        for link in links { applyLinkPolicy(link) }
        for image in images { replaceImageWithLink(image) }
        for node in htmlInlines {
            let literal = Self.literal(of: node).map { $0 == "\n" || $0 == "\r" ? " " : $0 }
            replace(node, with: Self.textNode(String(literal)))
        }
        for node in htmlBlocks { replaceHTMLBlock(node) }
    }

    /// Agents write GFM pipe tables, which plain CommonMark (like the
    /// frontend) reads as one paragraph. The text stays exactly that, but a
    /// paragraph whose lines all look like table rows keeps its line breaks,
    /// so the rows stay readable. Only for HTML: in Markdown output the
    /// source lines are kept anyway and GitHub draws the table. Call after
    /// `neutralise`, which lists the paragraphs.
    func keepPipeRowLines() {
        for paragraph in paragraphs ?? [] where Self.looksLikePipeTable(paragraph) {
            var breaks: [OpaquePointer] = []
            var child = cmark_node_first_child(paragraph)
            while let node = child {
                if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK { breaks.append(node) }
                child = cmark_node_next(node)
            }
            for soft in breaks { replace(soft, with: cmark_node_new(CMARK_NODE_LINEBREAK)) }
        }
    }

    func pipeTableVerdicts() -> [(bytes: Bool, text: Bool)] {
        neutralise(headingFloor: 1)
        return (paragraphs ?? []).map { (Self.looksLikePipeTable($0), Self.looksLikePipeTableAsText($0)) }
    }

    /// Pipe-table lines, fed piece by piece: each line must start with "|"
    /// and the second may only hold "|", "-", ":" and spaces.
    private struct PipeTableScan {
        enum Verdict { case no, undecided }
        private(set) var verdict: Verdict?
        private(set) var lines = 0
        private var lineHasText = false
        /// The line began with "|" and the byte after it is still to come.
        private var pipeNeedsNext = false

        mutating func add(_ bytes: Span<UInt8>) {
            guard !bytes.isEmpty else { return }
            var from = 0
            if !lineHasText {
                lineHasText = true
                guard bytes[0] == UInt8(ascii: "|") else { verdict = .no; return }
                pipeNeedsNext = true
                from = 1
            }
            if pipeNeedsNext, from < bytes.count {
                pipeNeedsNext = false
                if bytes[from] >= 0x80 { verdict = .undecided; return }
            }
            if lines == 1 {
                for i in from..<bytes.count {
                    let b = bytes[i]
                    guard b == UInt8(ascii: "|") || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == 0x20 else {
                        verdict = .no
                        return
                    }
                }
            }
        }

        mutating func endLine() {
            if !lineHasText { verdict = .no; return }
            lines += 1
            lineHasText = false
            pipeNeedsNext = false
        }
    }

    /// At least two lines, each starting with "|", the second a delimiter row.
    /// Reads the node literals as bytes; a "|" followed by a non-ASCII
    /// character (which could extend it into another character) is left to
    /// the `Character` comparison of `looksLikePipeTableAsText`.
    static func looksLikePipeTable(_ paragraph: OpaquePointer) -> Bool {
        var scan = PipeTableScan()
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                scan.endLine()
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { CString.withBytes(literal) { scan.add($0) } }
            default:
                let other: [UInt8] = [UInt8(ascii: "x")]
                scan.add(other.span)
            }
            if scan.verdict != nil { break }
            child = cmark_node_next(node)
        }
        if scan.verdict == nil { scan.endLine() }
        switch scan.verdict {
        case .no?: return false
        case .undecided?: return looksLikePipeTableAsText(paragraph)
        case nil: return scan.lines >= 2
        }
    }

    /// The same test on the lines as `String`s (the definition).
    static func looksLikePipeTableAsText(_ paragraph: OpaquePointer) -> Bool {
        var lines: [String] = [""]
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: lines.append("")
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: lines[lines.count - 1] += literal(of: node)
            default: lines[lines.count - 1] += "x"
            }
            child = cmark_node_next(node)
        }
        guard lines.count >= 2, lines.allSatisfy({ $0.hasPrefix("|") }) else { return false }
        return lines[1].allSatisfy { "|-: ".contains($0) }
    }

    /// FORMAT.md §4: emptied as react-markdown does, or a relative URL
    /// turned into text after the link's own text.
    private func applyLinkPolicy(_ link: OpaquePointer) {
        let url = Self.url(of: link)
        switch LinkPolicy.verdict(url) {
        case .allowed: return
        case .emptied: cmark_node_set_url(link, "")
        case .relative where url.isEmpty: return
        case .relative: unlink(link, keeping: url)
        }
    }

    /// Replaces a link by its children followed by " (url)" as text.
    private func unlink(_ link: OpaquePointer, keeping url: String) {
        let hasText = cmark_node_first_child(link) != nil
        var shown = ""
        while let child = cmark_node_first_child(link) {
            shown += cmark_node_get_type(child) == CMARK_NODE_TEXT ? Self.literal(of: child) : "\u{0}"
            cmark_node_insert_before(link, child)
        }
        let suffix = !hasText ? url : (shown == url ? "" : " (\(url))")
        if !suffix.isEmpty, let text = Self.textNode(suffix) { cmark_node_insert_before(link, text) }
        cmark_node_unlink(link)
        cmark_node_free(link)
    }

    private func replaceImageWithLink(_ image: OpaquePointer) {
        guard let link = cmark_node_new(CMARK_NODE_LINK) else { return }
        let url = Self.url(of: image)
        cmark_node_set_url(link, url)
        if let title = cmark_node_get_title(image) { cmark_node_set_title(link, title) }
        while let child = cmark_node_first_child(image) {
            cmark_node_append_child(link, child)
        }
        if cmark_node_first_child(link) == nil {
            cmark_node_append_child(link, Self.textNode("image"))
        }
        replace(image, with: link)
        applyLinkPolicy(link)
    }

    /// A paragraph of the block's lines as text, separated by hard breaks.
    private func replaceHTMLBlock(_ block: OpaquePointer) {
        guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return }
        var lines = Self.literal(of: block).split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy({ $0 == "\r" || $0 == " " }) { lines.removeLast() }
        for (i, line) in lines.enumerated() {
            if i > 0, let br = cmark_node_new(CMARK_NODE_LINEBREAK) { cmark_node_append_child(paragraph, br) }
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            cmark_node_append_child(paragraph, Self.textNode(String(text)))
        }
        replace(block, with: paragraph)
    }

    private func replace(_ old: OpaquePointer, with new: OpaquePointer?) {
        guard let new else { return }
        if cmark_node_replace(old, new) == 1 {
            cmark_node_free(old)
        } else {
            cmark_node_free(new)
        }
    }

    private static func textNode(_ text: String) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        cmark_node_set_literal(node, text)
        return node
    }

    private static func literal(of node: OpaquePointer) -> String {
        // Owned by the node: copied, never freed here.
        guard let literal = cmark_node_get_literal(node) else { return "" }
        return String(cString: literal)
    }

    fileprivate static func url(of node: OpaquePointer) -> String {
        guard let url = cmark_node_get_url(node) else { return "" }
        return String(cString: url)
    }
}
