/// Writes a `ReportModel` as Markdown or as one self-contained HTML page,
/// through the `report.md` and `report.html` templates.
public struct ReportRenderer: Sendable {
    public let templates: Templates

    public init(templates: Templates = .embedded) {
        self.templates = templates
    }

    public func markdown(_ m: ReportModel) -> String {
        String(decoding: files(m, markdown: true, html: false).markdown ?? [], as: UTF8.self)
    }

    public func html(_ m: ReportModel) -> String {
        String(decoding: files(m, markdown: false, html: true).html ?? [], as: UTF8.self)
    }

    /// The report's files as UTF-8 bytes, ready to write. When both are
    /// asked for, each piece of agent Markdown is parsed once for both.
    public func files(_ m: ReportModel, markdown: Bool, html: Bool) -> (markdown: [UInt8]?, html: [UInt8]?) {
        let cache = markdown && html ? AgentMarkdownCache() : nil
        var md: [UInt8]?
        if markdown {
            let context = ReportContext(e: TemplateEncoder(flavor: .markdown, both: cache)).build(m)
            md = Self.endingWithOneNewline(ControlCharacters.replaced(in: templates.renderBytes(context, template: "report.md")))
        }
        cache?.replay()
        var page: [UInt8]?
        if html {
            let context = ReportContext(e: TemplateEncoder(flavor: .html, both: cache)).build(m)
            page = Self.endingWithOneNewline(ControlCharacters.replaced(in: templates.renderBytes(context, template: "report.html")))
        }
        return (md, page)
    }

    /// The whole page as `SafeHTML`: every variable in it was escaped by
    /// the template renderer or came from `SafeHTML`.
    public func safeHTML(_ m: ReportModel) -> SafeHTML {
        SafeHTML(trusted: html(m))
    }

    static func endingWithOneNewline(_ text: String) -> String {
        String(decoding: endingWithOneNewline(Array(text.utf8)), as: UTF8.self)
    }

    static func endingWithOneNewline(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        while let last = bytes.last, last == 0x0A || last == 0x20 { bytes.removeLast() }
        bytes.append(0x0A)
        return bytes
    }
}
