import ByteLevel

/// Renders compiled templates over a `TemplateValue` tree into UTF-8 bytes.
/// Lookups follow Mustache: a name climbs the stack of values opened by
/// sections until one has it (`.missing` counts as having it).
struct TemplateRenderer {
    let library: [String: CompiledTemplate]
    private var stack: [TemplateValue]
    private(set) var output: [UInt8] = []

    init(library: [String: CompiledTemplate], root: TemplateValue, capacity: Int) {
        self.library = library
        stack = [root]
        output.reserveCapacity(capacity)
    }

    mutating func render(_ template: CompiledTemplate) {
        render(template, 0..<template.ops.count, indentation: nil)
    }

    private mutating func render(_ t: CompiledTemplate, _ range: Range<Int>, indentation: [UInt8]?) {
        guard let indentation, !indentation.isEmpty else {
            var i = range.lowerBound
            while i < range.upperBound { i = render(t, at: i, indentation: nil) }
            return
        }
        // As swift-mustache does it: within one template body, a piece of
        // output that starts right after a newline gets the indentation.
        let outer = output
        var body: [UInt8] = []
        var i = range.lowerBound
        while i < range.upperBound {
            output = []
            i = render(t, at: i, indentation: indentation)
            if !output.isEmpty, body.last == 0x0A { body += indentation }
            body += output
        }
        output = outer + body
    }

    /// Renders the instruction at `i`; returns the index of the next one.
    private mutating func render(_ t: CompiledTemplate, at i: Int, indentation: [UInt8]?) -> Int {
        let html = t.contentType.isHTML
        switch t.ops[i] {
        case .text(let index):
            output.append(t.text(index))
            return i + 1
        case .variable(let name, let escaped):
            if let value = lookup(t.names[name])?.side(html: html) {
                t.contentType.write(value, unescapedTag: !escaped, to: &output)
            }
            return i + 1
        case .section(let name, let inverted, let end):
            let body = (i + 1)..<end
            let value = lookup(t.names[name])?.side(html: html)
            if inverted {
                if Self.isFalsy(value) { render(t, body, indentation: indentation) }
                return end
            }
            switch value {
            case nil, .missing?, .bool(false)?:
                break
            case .bool(true)?:
                render(t, body, indentation: indentation)
            case .list(let items)?:
                for item in items {
                    stack.append(item.side(html: html))
                    render(t, body, indentation: indentation)
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                render(t, body, indentation: indentation)
                stack.removeLast()
            }
            return end
        case .partial(let name, let own):
            guard let template = library[t.partials[name]] else { return i + 1 }
            let combined: [UInt8]? = own >= 0 ? (indentation ?? []) + t.indentations[own] : indentation
            render(template, 0..<template.ops.count, indentation: combined)
            return i + 1
        }
    }

    private static func isFalsy(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil, .missing?, .bool(false)?: return true
        case .list(let items)?: return items.isEmpty
        default: return false
        }
    }

    private func lookup(_ name: TemplateName) -> TemplateValue? {
        if name.isImplicitIterator { return stack.last }
        guard let first = name.parts.first else { return nil }
        var found: TemplateValue?
        var level = stack.count - 1
        while level >= 0 {
            if let hit = stack[level].child(first) {
                found = hit
                break
            }
            if name.isAnchored { return nil }
            level -= 1
        }
        guard var value = found else { return nil }
        if name.parts.count > 1 {
            for part in name.parts.dropFirst() {
                guard let next = value.child(part) else { return nil }
                value = next
            }
        }
        return value
    }
}
