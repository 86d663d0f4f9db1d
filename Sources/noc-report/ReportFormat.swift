import Render
import Transcript

/// The formats `render` writes: the one registry of them. Cases are in the
/// order a session's files are made (the brief names the others, so it is
/// last); a new format is a case here plus its writer.
enum ReportFormat: String, CaseIterable, Sendable {
    case json, md, html, pdf, brief

    /// What follows the report's base name: `.md`, `.brief.md`, ...
    var fileSuffix: String { self == .brief ? ".brief.md" : "." + rawValue }

    /// The order `--help` and error messages name the formats in.
    static let listed: [ReportFormat] = [.md, .html, .json, .brief, .pdf]

    /// What `--help` says beside the name, where the name is not enough.
    var about: String? {
        switch self {
        case .brief: return "a short <name>.brief.md for a ticket"
        case .pdf: return "printed from the HTML by Chromium"
        case .json, .md, .html: return nil
        }
    }

    /// "md, html, json, brief (a short ...), pdf (...)" for `--help`.
    static var helpList: String {
        listed.map { f in f.about.map { "\(f.rawValue) (\($0))" } ?? f.rawValue }.joined(separator: ", ")
    }

    /// The format's bit in a set of written formats (the manifest spill).
    var bit: UInt8 { 1 << UInt8(Self.allCases.firstIndex(of: self) ?? 0) }

    /// The report in this format; nil when it cannot be made here (a PDF
    /// without Chromium). Throws when making it failed (Chromium did).
    func bytes(_ session: inout SessionReports) throws -> [UInt8]? {
        switch self {
        case .json: return session.transcriptJSON
        case .md: return session.pages.markdown
        case .html: return session.pages.html
        case .pdf:
            guard let printer = session.printer else { return nil }
            return PDFDates.pinned(try printer.pdf(html: session.renderer.printHTML(session.model)), to: session.model.stats.created)
        case .brief:
            let beside = session.made.sorted { Self.reportOrder($0) < Self.reportOrder($1) }
            return session.renderer.brief(session.model, limit: session.briefLimit, reports: beside)
        }
    }

    /// The brief names the full reports in this order: md, html, pdf, json.
    static func reportOrder(_ file: String) -> Int {
        [".md", ".html", ".pdf", ".json"].firstIndex { file.hasSuffix($0) } ?? 4
    }
}

/// What one session's writers read. The Markdown and HTML pages share one
/// template context, so they are rendered together, once, when first asked.
struct SessionReports {
    let model: ReportModel
    let renderer: ReportRenderer
    let formats: Set<ReportFormat>
    let printer: ChromiumPrinter?
    let briefLimit: Int
    /// The transcript as JSON (`--format json`), made by the caller.
    let transcriptJSON: [UInt8]
    /// The file names made so far for this session (the brief lists them).
    var made: [String] = []
    private var rendered: (markdown: [UInt8]?, html: [UInt8]?)?

    init(model: ReportModel, renderer: ReportRenderer, formats: Set<ReportFormat>, printer: ChromiumPrinter?,
         briefLimit: Int, transcriptJSON: [UInt8]) {
        self.model = model
        self.renderer = renderer
        self.formats = formats
        self.printer = printer
        self.briefLimit = briefLimit
        self.transcriptJSON = transcriptJSON
    }

    var pages: (markdown: [UInt8]?, html: [UInt8]?) {
        mutating get {
            if let rendered { return rendered }
            let made = renderer.files(model, markdown: formats.contains(.md), html: formats.contains(.html))
            rendered = made
            return made
        }
    }
}
