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
        guard markdown || html else { return (nil, nil) }
        let flavor: TemplateEncoder.Flavor = markdown && html ? .both : (html ? .html : .markdown)
        let context = ReportContext(e: TemplateEncoder(flavor: flavor)).build(m)
        return (markdown ? templates.page(context, template: "report.md") : nil,
                html ? templates.page(context, template: "report.html") : nil)
    }
}
