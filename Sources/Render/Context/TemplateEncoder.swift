/// How model values reach a template, per output format. The HTML
/// templates get plain text (the renderer escapes it) and `SafeHTML` for
/// `…HTML` variables; the Markdown templates (no escaping) get text that
/// is already safe Markdown.
struct TemplateEncoder {
    enum Flavor { case html, markdown }
    let flavor: Flavor
    /// Shared by the two encoders of one report written in both formats,
    /// so each piece of agent Markdown is parsed once.
    var both: AgentMarkdownCache?

    /// Prose or a name, on one line.
    func text(_ s: String?) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        switch flavor {
        case .html: return .text(s)
        case .markdown: return .text(MarkdownText.inline(s))
        }
    }

    /// An id, a code, a query: monospace. Markdown gets a code span.
    func code(_ s: String?, inTable: Bool = false) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        switch flavor {
        case .html: return .text(s)
        case .markdown: return .text(MarkdownText.codeSpan(s, inTable: inTable))
        }
    }

    /// Multi-line untrusted text. Markdown gets a fenced code block.
    func block(_ s: String?, info: String = "") -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        switch flavor {
        case .html: return .text(s)
        case .markdown: return .text(MarkdownText.fencedBlock(s, info: info))
        }
    }

    /// Sets `key` to the text, as `code` (or `text` when `prose`) when it is
    /// one line, else as `block`, and `key + "IsBlock"` to say which.
    func put(_ s: String?, as key: String, prose: Bool = false, into d: inout TemplateObject) {
        let multiline = s.map(TextForm.isMultiline) ?? false
        d[key] = multiline ? block(s) : (prose ? text(s) : code(s))
        d[key + "IsBlock"] = .bool(multiline)
    }

    /// Agent Markdown with its headings starting at `floor`.
    func agent(_ m: ReportModel.AgentMarkdown?, floor: Int) -> TemplateValue {
        guard let m, !m.source.isEmpty else { return .missing }
        if let both {
            let rendered = both.rendered(m.source, floor: floor)
            switch flavor {
            case .html: return rendered.html.isEmpty ? .missing : .html(rendered.html)
            case .markdown: return .text(rendered.markdown)
            }
        }
        switch flavor {
        case .html:
            let html = CommonMark.html(m.source, headingFloor: floor)
            return html.isEmpty ? .missing : .html(html)
        case .markdown: return .text(CommonMark.markdown(m.source, headingFloor: floor))
        }
    }

    /// An http(s) URL `LinkPolicy` accepted, for `href` or `(<...>)`.
    func url(_ s: String?) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        return .text(LinkPolicy.percentEscaped(s))
    }

    /// A sibling file (`<name>.html`) as a relative link.
    func fileLink(_ name: String) -> TemplateValue {
        .text(LinkPolicy.relativeFileLink(name))
    }
}

/// Agent Markdown rendered in both forms for one report. The Markdown
/// context is built first and renders each piece; the HTML context, built
/// from the same model in the same order, takes them back in turn (no
/// hashing of long texts). A piece asked for out of order is rendered again.
final class AgentMarkdownCache {
    private var pieces: [(source: String, floor: Int, html: SafeHTML, markdown: String)] = []
    private var next = 0
    private var replaying = false

    /// From now on, hand the pieces back in the order they were rendered.
    func replay() {
        replaying = true
        next = 0
    }

    func rendered(_ source: String, floor: Int) -> (html: SafeHTML, markdown: String) {
        if replaying, next < pieces.count, pieces[next].floor == floor, pieces[next].source == source {
            defer { next += 1 }
            return (pieces[next].html, pieces[next].markdown)
        }
        let both = CommonMark.both(source, headingFloor: floor)
        if !replaying { pieces.append((source, floor, both.html, both.markdown)) }
        return both
    }
}
