import Foundation

/// The Mustache templates of the reports and the index: the ones compiled
/// into the binary (`embedded`, generated from `templates/` by
/// `tools/embed-templates.py`), optionally with files from a folder in
/// their place.
///
/// Names are file names without `.mustache`: `report.html`, `report.md`,
/// `index.html`, `index.md`, and partials (`{{> step.html}}`). A name
/// ending in `.md` is a Markdown template and renders with Mustache's TEXT
/// content type (no HTML escaping: values arrive Markdown-escaped); any
/// other is HTML and escapes every `{{variable}}`.
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

    /// Compiles `sources` (name → Mustache text).
    public init(sources: [String: String]) throws(TemplateError) {
        var library: [String: CompiledTemplate] = [:]
        for name in sources.keys.sorted() {
            guard let text = sources[name] else { continue }
            let file = name + ".mustache"
            let isMarkdown = name.hasSuffix(".md")
            if !isMarkdown { try Self.checkEscaping(text, file: file) }
            do {
                library[name] = CompiledTemplate(nodes: try TemplateParser.parse(text), escapes: !isMarkdown)
            } catch {
                let at = TemplateParser.location(of: error.offset, in: text)
                throw .syntax(file: file, line: at.line, column: at.column, lineText: at.lineText, reason: error.reason)
            }
        }
        self.library = library
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
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: dir)
        } catch {
            throw .unreadable(file: dir, reason: "\(error.localizedDescription)")
        }
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = (dir as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(file: path, reason: "the file cannot be opened")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(file: path, reason: "the file is not UTF-8 text")
            }
            sources[String(file.dropLast(".mustache".count))] = text
        }
        do throws(TemplateError) {
            return try Templates(sources: sources)
        } catch {
            // Name the file as the user has it, not only its template name.
            switch error {
            case let .syntax(file, line, column, lineText, reason) where files.contains(file):
                throw .syntax(file: (dir as NSString).appendingPathComponent(file), line: line, column: column,
                              lineText: lineText, reason: reason)
            case let .unescapedPlainText(file, line, name) where files.contains(file):
                throw .unescapedPlainText(file: (dir as NSString).appendingPathComponent(file), line: line, name: name)
            case let .delimiterChange(file, line) where files.contains(file):
                throw .delimiterChange(file: (dir as NSString).appendingPathComponent(file), line: line)
            default:
                throw error
            }
        }
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

    /// Escape by construction for HTML templates: an unescaped tag may only
    /// paste a `…HTML` variable, which the renderer fills with `SafeHTML`.
    static func checkEscaping(_ text: String, file: String) throws(TemplateError) {
        let bytes = Array(text.utf8)
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; i += 1; continue }
            guard b == UInt8(ascii: "{"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            let marker = bytes[i + 2]
            if marker == UInt8(ascii: "=") { throw .delimiterChange(file: file, line: line) }
            if marker == UInt8(ascii: "{") || marker == UInt8(ascii: "&") {
                var j = i + 3
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                var name: [UInt8] = []
                while j < bytes.count, bytes[j] != UInt8(ascii: "}"), bytes[j] != 0x20 { name.append(bytes[j]); j += 1 }
                let nameText = String(decoding: name, as: UTF8.self)
                if !nameText.hasSuffix("HTML") { throw .unescapedPlainText(file: file, line: line, name: nameText) }
                i = j
                continue
            }
            i += 2
        }
    }
}
