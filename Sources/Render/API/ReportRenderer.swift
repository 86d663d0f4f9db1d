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

    /// The brief (`--format brief`): at most `limit` bytes of Markdown;
    /// `reports` are the full reports' file names, named in it.
    public func brief(_ m: ReportModel, limit: Int = BriefWriter.defaultLimit, reports: [String]) -> [UInt8] {
        BriefWriter(limit: limit).brief(m, reports: reports)
    }

    /// The HTML for printing (`--format pdf`): every step and every folded
    /// part open, so print shows them whole.
    public func printHTML(_ m: ReportModel) -> [UInt8] {
        var unfolded = m
        for t in unfolded.turns.indices {
            for e in unfolded.turns[t].entries.indices {
                if case .step(var s) = unfolded.turns[t].entries[e] {
                    s.folded = false
                    unfolded.turns[t].entries[e] = .step(s)
                }
            }
        }
        return Self.openingDetails(files(unfolded, markdown: false, html: true).html ?? [])
    }

    /// Adds `open` to every `<details` tag that lacks it. Every such tag
    /// comes from the templates: session text is escaped (`&lt;details`).
    static func openingDetails(_ html: [UInt8]) -> [UInt8] {
        let tag = Array("<details".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var i = 0
        while i < html.count {
            if html[i] == 0x3C, i + tag.count < html.count, html[i..<(i + tag.count)].elementsEqual(tag),
               html[i + tag.count] == 0x20 || html[i + tag.count] == 0x3E {
                let end = html[i...].firstIndex(of: 0x3E) ?? html.count - 1
                let head = String(decoding: html[i...end], as: UTF8.self)
                out += tag
                if !head.contains(" open") { out += Array(" open".utf8) }
                i += tag.count
                continue
            }
            out.append(html[i])
            i += 1
        }
        return out
    }
}
