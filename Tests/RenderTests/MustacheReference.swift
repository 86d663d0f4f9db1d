import Mustache
@testable import Render

/// swift-mustache (hummingbird-project), the engine the reports were
/// rendered with before `TemplateParser`: the reference the differential
/// tests compare the project's engine with. Test-only.
enum MustacheReference {
    enum Rendered: Equatable { case output(String), failed(String) }

    /// `template` of `sources` over `context`, or the reference's parse error.
    static func render(sources: [String: String], template: String, context: TemplateObject, html: Bool) -> Rendered {
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            // Markdown templates render as TEXT (nothing escaped), as they did.
            let source = name.hasSuffix(".md") ? "{{% CONTENT_TYPE: TEXT}}\n" + text : text
            do { try library.register(source, named: name) } catch {
                return .failed("\(name): \(error)")
            }
        }
        guard let out = library.render(value(.object(context), html: html), withTemplate: template) else {
            return .failed("no template \(template)")
        }
        return .output(out)
    }

    /// A `TemplateValue` as the plain Swift values swift-mustache reads,
    /// with the documented differences (docs/templates.md) accounted for.
    static func value(_ v: TemplateValue, html: Bool) -> Any {
        switch v.side(html: html) {
        // Markdown: swift-mustache's TEXT content type escapes nothing, so
        // plain text goes in escaped as our Markdown content type writes it.
        case .text(let s): return html ? s : MarkdownText.inline(s)
        case .code(let s): return html ? s : MarkdownText.codeSpan(s)
        case .tableCode(let s): return html ? s : MarkdownText.codeSpan(s, inTable: true)
        case .block(let s): return html ? s : MarkdownText.fencedBlock(s)
        case .jsonBlock(let s): return html ? s : MarkdownText.fencedBlock(s, info: "json")
        case .link(let l): return l.url
        case .html(let h): return html ? h.html : MarkdownText.inline(h.html)
        case .markdown(let m): return m.markdown
        case .bool(let b): return b
        case .list(let items): return QuietList(items: items.map { value($0, html: html) })
        case .object(let fields):
            return QuietObject(fields: Dictionary(uniqueKeysWithValues: fields.map { ($0.key.name, value($0.value, html: html)) }))
        case .field(let key, let inner): return QuietObject(fields: [key.name: value(inner, html: html)])
        case .missing: return Missing()
        case .dual: preconditionFailure("side(html:) resolved it")
        }
    }
}

/// Difference 2: `{{list}}` renders nothing here; swift-mustache prints the
/// Swift description of the array.
struct QuietList: MustacheSequence, MustacheCustomRenderable {
    var items: [Any]
    func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
    var renderText: String { "" }
    var isNull: Bool { false }
}

/// The same for an object in `{{object}}`.
struct QuietObject: MustacheParent, MustacheCustomRenderable {
    var fields: [String: Any]
    func child(named name: String) -> Any? { fields[name] }
    var renderText: String { "" }
    var isNull: Bool { false }
}

/// `.missing`: found (stops the climb to outer values), renders as nothing,
/// false in a section.
struct Missing: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
