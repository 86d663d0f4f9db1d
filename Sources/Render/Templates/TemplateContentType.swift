/// How a template's format writes a value (swift-mustache's `ContentType`
/// is the model): one per template format, chosen by the template's name.
/// Plain text is escaped here, at render time, for the target format and
/// for where the value sits (prose, code, code in a table cell, block,
/// link target); markup is pasted only into a template of its own format.
/// So no name and no tag lets a template print untrusted text unescaped.
enum TemplateContentType: Sendable {
    /// `{{x}}` escapes everything (`& < > " '`); `{{{x}}}`/`{{&x}}` paste
    /// `SafeHTML` and escape everything else.
    case html
    /// Both tags write the same: plain text Markdown-escaped for its
    /// position, `SafeMarkdown` pasted, `SafeHTML` escaped as plain text
    /// (it is not Markdown).
    case markdown

    /// A name ending in `.md` is a Markdown template; any other is HTML.
    init(templateName: String) {
        self = PartialGraph.isMarkdown(templateName) ? .markdown : .html
    }

    var isHTML: Bool { self == .html }

    /// Writes `value`; `unescapedTag` for `{{{x}}}` and `{{&x}}`.
    @inline(__always)
    func write(_ value: TemplateValue, unescapedTag: Bool, to out: inout [UInt8]) {
        switch self {
        case .html: Self.writeHTML(value, paste: unescapedTag, to: &out)
        case .markdown: Self.writeMarkdown(value, to: &out)
        }
    }

    private static func writeHTML(_ value: TemplateValue, paste: Bool, to out: inout [UInt8]) {
        switch value {
        case .text(let s), .code(let s), .tableCode(let s), .block(let s), .jsonBlock(let s):
            HTMLEscaping.append(s, to: &out)
        case .link(let l): HTMLEscaping.append(l.url, to: &out)
        case .html(let h):
            if paste { out.append(contentsOf: h.utf8) } else { HTMLEscaping.append(h.utf8, to: &out) }
        case .markdown(let m): HTMLEscaping.append(m.utf8, to: &out)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .list, .object, .field, .missing, .dual: break
        }
    }

    private static func writeMarkdown(_ value: TemplateValue, to out: inout [UInt8]) {
        switch value {
        case .text(let s): append(MarkdownText.inline(s), to: &out)
        case .code(let s): append(MarkdownText.codeSpan(s), to: &out)
        case .tableCode(let s): append(MarkdownText.codeSpan(s, inTable: true), to: &out)
        case .block(let s): append(MarkdownText.fencedBlock(s), to: &out)
        case .jsonBlock(let s): append(MarkdownText.fencedBlock(s, info: "json"), to: &out)
        // LinkPolicy percent-encoded it: safe inside `(<…>)`.
        case .link(let l): append(l.url, to: &out)
        case .markdown(let m): out.append(contentsOf: m.utf8)
        case .html(let h): append(MarkdownText.inline(h.html), to: &out)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .list, .object, .field, .missing, .dual: break
        }
    }

    @inline(__always)
    private static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }
}
