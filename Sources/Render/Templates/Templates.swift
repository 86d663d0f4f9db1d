import Foundation

/// The Mustache templates of the reports and the index: the ones compiled
/// into the binary (`embedded`: `templates/`,
/// embedded by SwiftPM), optionally with files from a folder in their place.
///
/// Names are file names without `.mustache`: `report.html`, `report.md`,
/// `index.html`, `index.md`, and partials (`{{> step.html}}`). A name
/// ending in `.md` is a Markdown template, any other HTML; the format's
/// `TemplateContentType` escapes plain-text values when they are written.
/// `{{{x}}}` and `{{&x}}` paste only markup of the template's own format
/// (`SafeHTML`, `SafeMarkdown`): plain text is escaped all the same,
/// whatever the variable is called. A partial must be of its template's
/// format; partials may not include each other in a cycle.
public struct Templates: Sendable {
    let library: [String: CompiledTemplate]
    private let sources: [String: String]

    /// The templates compiled into the binary.
    public static let embedded: Templates = {
        do {
            return try Templates(sources: EmbeddedTemplates.all)
        } catch {
            // The embedded set is tested (golden files); failing here is our bug.
            preconditionFailure("embedded templates do not compile: \(error)")
        }
    }()

    /// One template file may be at most this large, and all together four
    /// times that: parsing takes about 20 bytes of memory per template byte.
    public static let maxTemplateBytes = 1 << 20
    public static let maxTotalBytes = 4 << 20

    /// Compiles `sources` (name → Mustache text).
    public init(sources: [String: String]) throws(TemplateError) {
        try self.init(sources: sources, files: [:])
    }

    /// `files`: the path to show in errors for a name (default `<name>.mustache`).
    init(sources: [String: String], files: [String: String]) throws(TemplateError) {
        func file(_ name: String) -> String { files[name] ?? name + ".mustache" }
        var parsed: [String: [TemplateNode]] = [:]
        var total = 0
        for name in sources.keys.sorted() {
            guard let text = sources[name] else { continue }
            let size = text.utf8.count
            total += size
            if size > Self.maxTemplateBytes { throw .tooLarge(file: file(name), bytes: size, limit: Self.maxTemplateBytes) }
            if total > Self.maxTotalBytes { throw .tooLarge(file: file(name), bytes: total, limit: Self.maxTotalBytes) }
            do {
                parsed[name] = try TemplateParser.parse(text)
            } catch {
                let at = TemplateParser.location(of: error.offset, in: text)
                throw .syntax(file: file(name), line: at.line, column: at.column, lineText: at.lineText, reason: error.reason)
            }
        }
        try PartialGraph(parsed).check { name, offset in
            (file(name), TemplateParser.location(of: offset, in: sources[name] ?? "").line)
        }
        var compiled: [String: CompiledTemplate] = [:]
        for (name, nodes) in parsed {
            compiled[name] = CompiledTemplate(nodes: nodes, contentType: TemplateContentType(templateName: name))
        }
        self.library = compiled
        self.sources = sources
    }

    /// The embedded templates, each replaced by the file of the same name
    /// (`<name>.mustache`) in `dir` when there is one; other `.mustache`
    /// files there are added (new partials).
    public static func loading(overridesFrom dir: String) throws(TemplateError) -> Templates {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(dir)
        }
        var sources = EmbeddedTemplates.all
        var paths: [String: String] = [:]
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: dir)
        } catch {
            throw .unreadable(file: dir, reason: "\(error.localizedDescription)")
        }
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = (dir as NSString).appendingPathComponent(file)
            let name = String(file.dropLast(".mustache".count))
            sources[name] = try read(path)
            paths[name] = path
        }
        return try Templates(sources: sources, files: paths)
    }

    /// The text of a template file, refused before reading when it is too large.
    private static func read(_ path: String) throws(TemplateError) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size > maxTemplateBytes { throw .tooLarge(file: path, bytes: size, limit: maxTemplateBytes) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, reason: "the file cannot be opened")
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit: the file may grow after the check.
        let data = (try? handle.read(upToCount: maxTemplateBytes + 1)) ?? Data()
        if data.count > maxTemplateBytes { throw .tooLarge(file: path, bytes: data.count, limit: maxTemplateBytes) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: path, reason: "the file is not UTF-8 text")
        }
        return text
    }

    /// Template names, sorted.
    public var names: [String] { sources.keys.sorted() }

    /// The Mustache text of a template.
    public func source(named name: String) -> String? { sources[name] }

    /// `template` rendered over `context`; empty when there is no such template.
    func render(_ context: TemplateObject, template name: String) -> String {
        String(decoding: renderBytes(context, template: name), as: UTF8.self)
    }

    /// A finished page, ready to write: `template` over `context`, control
    /// characters replaced, ending in exactly one newline.
    func page(_ context: TemplateObject, template name: String) -> [UInt8] {
        var bytes = ControlCharacters.replaced(in: renderBytes(context, template: name))
        while let last = bytes.last, last == 0x0A || last == 0x20 { bytes.removeLast() }
        bytes.append(0x0A)
        return bytes
    }

    func renderBytes(_ context: TemplateObject, template name: String, capacity: Int = 1 << 18) -> [UInt8] {
        guard let template = library[name] else { return [] }
        var renderer = TemplateRenderer(library: library, root: .object(context), capacity: capacity)
        renderer.render(template)
        return renderer.output
    }
}
