/// How model values reach a template. Text goes as plain text, typed by
/// what it is (prose, code, block, link), and the template's content type
/// escapes it when it is written; only agent Markdown is format-dependent
/// markup (`SafeHTML` for HTML templates, `SafeMarkdown` for Markdown ones),
/// as are links to sibling pages.
struct TemplateEncoder {
    /// `both`: one context for the Markdown and the HTML templates, every
    /// format-dependent value `.dual` (built and freed once, not twice).
    enum Flavor { case html, markdown, both }
    let flavor: Flavor

    /// Prose or a name, on one line.
    func text(_ s: String?) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        return .text(s)
    }

    /// An id, a code, a query: monospace (`inTable`: in a table cell).
    func code(_ s: String?, inTable: Bool = false) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        return inTable ? .tableCode(s) : .code(s)
    }

    /// Multi-line untrusted text (`json`: JSON text).
    func block(_ s: String?, json: Bool = false) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        return json ? .jsonBlock(s) : .block(s)
    }

    /// Sets `key` to the text, as `code` (or `text` when `prose`) when it is
    /// one line, else as `block`, and `key + "IsBlock"` to say which.
    func put(_ s: String?, as key: String, prose: Bool = false, into d: inout TemplateObject) {
        let multiline = s.map(TextForm.isMultiline) ?? false
        d[TemplateKey(key)] = multiline ? block(s) : (prose ? text(s) : code(s))
        d[TemplateKey(key + "IsBlock")] = .bool(multiline)
    }

    /// Agent Markdown with its headings starting at `floor`: safe HTML, or
    /// Markdown re-written where needed (one parse for both).
    func agent(_ m: ReportModel.AgentMarkdown?, floor: Int) -> TemplateValue {
        guard let m, !m.source.isEmpty else { return .missing }
        func html(_ h: SafeHTML) -> TemplateValue { h.isEmpty ? .missing : .html(h) }
        switch flavor {
        case .html: return html(CommonMark.html(m.source, headingFloor: floor))
        case .markdown: return .markdown(SafeMarkdown(trustedUTF8: CommonMark.markdownUTF8(m.source, headingFloor: floor)))
        case .both:
            let both = CommonMark.both(m.source, headingFloor: floor)
            return .dual(markdown: .markdown(SafeMarkdown(trustedUTF8: both.markdown)), html: html(both.html))
        }
    }

    /// Sets the agent Markdown under `base + "HTML"` for HTML templates and
    /// `base + "Markdown"` for Markdown ones; with `alsoMissing`, the other
    /// name is set to missing so that it never climbs to an outer value.
    func putAgent(_ m: ReportModel.AgentMarkdown?, floor: Int, as base: String, alsoMissing: Bool = false,
                  into d: inout TemplateObject) {
        let value = agent(m, floor: floor)
        switch flavor {
        case .html:
            d[TemplateKey(base + "HTML")] = value
            if alsoMissing { d[TemplateKey(base + "Markdown")] = .missing }
        case .markdown:
            d[TemplateKey(base + "Markdown")] = value
            if alsoMissing { d[TemplateKey(base + "HTML")] = .missing }
        case .both:
            d[TemplateKey(base + "HTML")] = value
            d[TemplateKey(base + "Markdown")] = value
        }
    }

    /// An http(s) URL `LinkPolicy` accepted, for `href` or `(<...>)`.
    func url(_ s: String?) -> TemplateValue {
        guard let s, !s.isEmpty else { return .missing }
        return .link(LinkTarget(accepted: s))
    }

    /// A sibling file (`<name>.html`) as a relative link.
    func fileLink(_ name: String) -> TemplateValue {
        .link(LinkTarget(file: name))
    }

    /// A link to a sibling page: `<base>.md` from Markdown, `<base>.html` from HTML.
    func pageLink(htmlName: String, markdownName: String) -> TemplateValue {
        switch flavor {
        case .html: return fileLink(htmlName)
        case .markdown: return fileLink(markdownName)
        case .both: return .dual(markdown: fileLink(markdownName), html: fileLink(htmlName))
        }
    }
}
