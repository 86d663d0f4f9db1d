/// One piece of a compiled template.
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, inverted: Bool, body: [TemplateNode])
    /// `indentation` is set for a standalone partial tag (its leading blanks);
    /// `offset` is where the tag starts, for errors.
    case partial(String, indentation: [UInt8]?, offset: Int)
}

/// A Mustache name: `.`, `a`, `a.b`, or `.a` (look only in the current value).
struct TemplateName: Sendable {
    let parts: [TemplateKey]
    let isImplicitIterator: Bool
    let isAnchored: Bool

    init(_ text: String) {
        isImplicitIterator = text == "."
        isAnchored = !isImplicitIterator && text.hasPrefix(".")
        parts = isImplicitIterator ? [] : text.split(separator: ".").map { TemplateKey(String($0)) }
    }
}
