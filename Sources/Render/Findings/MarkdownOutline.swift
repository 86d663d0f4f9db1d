import ByteLevel
import CCMark

/// The block structure of agent Markdown as plain values, read from
/// libcmark's tree: what `KeyFindingsExtractor` works on. Text is the
/// literal text of the nodes (emphasis and code marks dropped), so a
/// finding never holds a word the agent did not write.
struct MarkdownOutline: Equatable, Sendable {
    enum Block: Equatable, Sendable {
        case heading(level: Int, text: String)
        /// One entry per source line (soft and hard breaks end a line).
        case paragraph(lines: [String])
        /// Each item's own text (its first paragraph) and the text of its nested blocks.
        case list(ordered: Bool, items: [ListItem])
        /// Code, quotes, rules, raw HTML: kept only as a marker.
        case other
    }

    struct ListItem: Equatable, Sendable {
        var text: String
        var details: [String]
        /// The same nested content as `details`, with its nesting depth
        /// (1 = directly inside this item), for lists shown as lists.
        var subItems: [ReportModel.SubItem] = []
    }

    var blocks: [Block]

    init(_ markdown: String) {
        let root = CString.withUTF8(markdown) { cmark_parse_document($0, $1, CMARK_OPT_DEFAULT) }
        guard let root else { blocks = []; return }
        defer { cmark_node_free(root) }
        var out: [Block] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            out.append(Self.block(node))
            child = cmark_node_next(node)
        }
        blocks = out
    }

    private static func block(_ node: OpaquePointer) -> Block {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), text: lines(node).joined(separator: " "))
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(lines: lines(node))
        case CMARK_NODE_LIST:
            var items: [ListItem] = []
            var item = cmark_node_first_child(node)
            while let i = item {
                items.append(listItem(i))
                item = cmark_node_next(i)
            }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, items: items)
        default:
            return .other
        }
    }

    private static func listItem(_ item: OpaquePointer) -> ListItem {
        var text = ""
        var subItems: [ReportModel.SubItem] = []
        var child = cmark_node_first_child(item)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                let t = lines(node).joined(separator: " ")
                if text.isEmpty { text = t } else { subItems.append(.init(text: t, level: 1)) }
            case CMARK_NODE_LIST:
                var sub = cmark_node_first_child(node)
                while let s = sub {
                    let li = listItem(s)
                    subItems.append(.init(text: li.text, level: 1))
                    subItems += li.subItems.map { .init(text: $0.text, level: $0.level + 1) }
                    sub = cmark_node_next(s)
                }
            default: break
            }
            child = cmark_node_next(node)
        }
        return ListItem(text: text, details: subItems.map(\.text), subItems: subItems)
    }

    /// The inline text of a block, split at line breaks, each line trimmed.
    private static func lines(_ node: OpaquePointer) -> [String] {
        var out = [""]
        guard let iter = cmark_iter_new(node) else { return [] }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append("")
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                if let l = cmark_node_get_literal(n) { out[out.count - 1] += String(cString: l) }
            default: break
            }
        }
        return out.map(trim).filter { !$0.isEmpty }
    }

    static func trim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
        return String(sub)
    }
}
