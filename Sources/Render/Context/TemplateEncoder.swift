import Mustache

/// How model values reach a template, per output format. The HTML
/// templates get plain strings (Mustache escapes them) and `SafeHTML` for
/// `…HTML` variables; the Markdown templates (TEXT content type, no
/// escaping) get strings that are already safe Markdown.
struct TemplateEncoder {
    enum Flavor { case html, markdown }
    let flavor: Flavor

    /// Prose or a name, on one line.
    func text(_ s: String?) -> Any {
        guard let s, !s.isEmpty else { return Missing() }
        switch flavor {
        case .html: return s
        case .markdown: return MarkdownText.inline(s)
        }
    }

    /// An id, a code, a query: monospace. Markdown gets a code span.
    func code(_ s: String?, inTable: Bool = false) -> Any {
        guard let s, !s.isEmpty else { return Missing() }
        switch flavor {
        case .html: return s
        case .markdown: return MarkdownText.codeSpan(s, inTable: inTable)
        }
    }

    /// Multi-line untrusted text. Markdown gets a fenced code block.
    func block(_ s: String?, info: String = "") -> Any {
        guard let s, !s.isEmpty else { return Missing() }
        switch flavor {
        case .html: return s
        case .markdown: return MarkdownText.fencedBlock(s, info: info)
        }
    }

    /// Sets `key` to the text, as `code` (or `text` when `prose`) when it is
    /// one line, else as `block`, and `key + "IsBlock"` to say which.
    func put(_ s: String?, as key: String, prose: Bool = false, into d: inout [String: Any]) {
        let multiline = s.map(TextForm.isMultiline) ?? false
        d[key] = multiline ? block(s) : (prose ? text(s) : code(s))
        d[key + "IsBlock"] = multiline
    }

    /// Agent Markdown with its headings starting at `floor`.
    func agent(_ m: ReportModel.AgentMarkdown?, floor: Int) -> Any {
        guard let m, !m.source.isEmpty else { return Missing() }
        switch flavor {
        case .html: return TemplateHTML(CommonMark.html(m.source, headingFloor: floor))
        case .markdown: return CommonMark.markdown(m.source, headingFloor: floor)
        }
    }

    /// An http(s) URL `LinkPolicy` accepted, for `href` or `(<...>)`.
    func url(_ s: String?) -> Any {
        guard let s, !s.isEmpty else { return Missing() }
        return LinkPolicy.percentEscaped(s)
    }

    /// A sibling file (`<name>.html`) as a relative link.
    func fileLink(_ name: String) -> Any {
        LinkPolicy.relativeFileLink(name)
    }
}

/// An absent value: renders as nothing, is false in a section, and stops
/// Mustache from climbing to an outer value of the same name.
struct Missing: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// `SafeHTML` as a template value: `{{{xHTML}}}` pastes it as it is
/// (`{{xHTML}}` would escape it again, which is still safe).
struct TemplateHTML: MustacheCustomRenderable {
    let value: SafeHTML
    init(_ value: SafeHTML) { self.value = value }
    var renderText: String { value.html }
    var isNull: Bool { value.isEmpty }
}
