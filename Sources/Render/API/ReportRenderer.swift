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
    /// asked for, one context serves both (agent Markdown parsed once).
    public func files(_ m: ReportModel, markdown: Bool, html: Bool) -> (markdown: [UInt8]?, html: [UInt8]?) {
        let flavor: TemplateEncoder.Flavor = markdown && html ? .both : (html ? .html : .markdown)
        let context = ReportContext(e: TemplateEncoder(flavor: flavor)).build(m)
        let md = markdown ? page(context, "report.md") : nil
        let page = html ? page(context, "report.html") : nil
        return (md, page)
    }

    private func page(_ context: TemplateObject, _ template: String) -> [UInt8] {
        Self.endingWithOneNewline(ControlCharacters.replaced(in: templates.renderBytes(context, template: template)))
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
