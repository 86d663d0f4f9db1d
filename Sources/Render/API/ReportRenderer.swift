/// Writes a `ReportModel` as Markdown or as one self-contained HTML page,
/// through the `report.md` and `report.html` templates.
public struct ReportRenderer: Sendable {
    public let templates: Templates

    public init(templates: Templates = .embedded) {
        self.templates = templates
    }

    public func markdown(_ m: ReportModel) -> String {
        let context = ReportContext(e: TemplateEncoder(flavor: .markdown)).build(m)
        return Self.endingWithOneNewline(ControlCharacters.replaced(in: templates.render(context, template: "report.md")))
    }

    public func html(_ m: ReportModel) -> String {
        let context = ReportContext(e: TemplateEncoder(flavor: .html)).build(m)
        return Self.endingWithOneNewline(ControlCharacters.replaced(in: templates.render(context, template: "report.html")))
    }

    /// The whole page as `SafeHTML`: every variable in it was escaped by
    /// Mustache or came from `SafeHTML`.
    public func safeHTML(_ m: ReportModel) -> SafeHTML {
        SafeHTML(trusted: html(m))
    }

    static func endingWithOneNewline(_ text: String) -> String {
        var s = Substring(text)
        while let last = s.last, last == "\n" || last == " " { s.removeLast() }
        return String(s) + "\n"
    }
}
