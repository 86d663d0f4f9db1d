/// A value a template can show: the typed tree the report and index
/// contexts are built as. Typed (not `Any`) so that rendering is a switch,
/// not a chain of dynamic casts.
enum TemplateValue: Sendable {
    // Plain text, unescaped: the template's content type escapes it for its
    // format and for the position named by the case (Markdown needs to know
    // whether a value is prose, code or a block; HTML escapes them alike).
    /// Prose or a name, on one line.
    case text(String)
    /// An id, a code, a query: monospace (a Markdown code span).
    case code(String)
    /// `code` inside a Markdown table cell (`|` escaped there).
    case tableCode(String)
    /// Multi-line text (a Markdown fenced code block).
    case block(String)
    /// `block` of JSON (fence info `json`).
    case jsonBlock(String)
    /// A link destination `LinkPolicy` built (percent-encoded): Markdown
    /// writes it as it is (safe inside `(<…>)`), HTML escapes it.
    case link(LinkTarget)
    // Markup: pasted only by a template of its own format.
    case html(SafeHTML)
    case markdown(SafeMarkdown)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
    /// An object with one name (a table cell, a note): no dictionary.
    indirect case field(TemplateKey, TemplateValue)
    /// Absent: renders as nothing, is false in a section, and stops a name
    /// lookup from climbing to an outer value of the same name.
    case missing
    /// One value per output format, for a context that serves both the
    /// Markdown and the HTML templates: each sees its own side.
    indirect case dual(markdown: TemplateValue, html: TemplateValue)
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        if elements.count == 1 {
            self = .field(elements[0].0, elements[0].1)
        } else {
            self = .object(TemplateObject(elements))
        }
    }
}

extension TemplateValue {
    /// `.text` unless nil.
    static func optional(_ s: String?) -> TemplateValue { s.map(TemplateValue.text) ?? .missing }

    /// The side a template of this format sees (itself unless `.dual`).
    @inline(__always)
    func side(html: Bool) -> TemplateValue {
        if case .dual(let markdown, let htmlSide) = self { return html ? htmlSide : markdown }
        return self
    }

    /// The value of `name` inside this one (objects only).
    func child(_ name: TemplateKey) -> TemplateValue? {
        switch self {
        case .object(let fields): return fields[name]
        case .field(let key, let value): return key == name ? value : nil
        default: return nil
        }
    }
}
