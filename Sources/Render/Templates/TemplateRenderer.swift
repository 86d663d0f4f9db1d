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
        render(template.nodes, escapes: template.escapes, indentation: nil)
    }

    private mutating func render(_ nodes: [TemplateNode], escapes: Bool, indentation: [UInt8]?) {
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { render(node, escapes: escapes, indentation: nil) }
            return
        }
        // As swift-mustache does it: within one template body, a piece of
        // output that starts right after a newline gets the indentation.
        let outer = output
        var body: [UInt8] = []
        for node in nodes {
            output = []
            render(node, escapes: escapes, indentation: indentation)
            if !output.isEmpty, body.last == 0x0A { body += indentation }
            body += output
        }
        output = outer + body
    }

    private mutating func render(_ node: TemplateNode, escapes: Bool, indentation: [UInt8]?) {
        switch node {
        case .text(let bytes):
            output += bytes
        case .variable(let name, let escaped):
            guard let value = lookup(name) else { return }
            write(value, escaped: escaped && escapes)
        case .section(let name, let inverted, let body):
            let value = lookup(name)
            if inverted {
                if Self.isFalsy(value) { render(body, escapes: escapes, indentation: indentation) }
                return
            }
            switch value {
            case nil, .missing?, .bool(false)?:
                return
            case .bool(true)?:
                render(body, escapes: escapes, indentation: indentation)
            case .list(let items)?:
                for item in items {
                    stack.append(item)
                    render(body, escapes: escapes, indentation: indentation)
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                render(body, escapes: escapes, indentation: indentation)
                stack.removeLast()
            }
        case .partial(let name, let own):
            guard let template = library[name] else { return }
            let combined: [UInt8]? = own.map { (indentation ?? []) + $0 } ?? indentation
            render(template.nodes, escapes: template.escapes, indentation: combined)
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
            if case .object(let fields) = stack[level], let hit = fields[first] {
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

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let s): append(s, escaped: escaped)
        case .html(let h): append(h.html, escaped: escaped)
        case .bool(let b): append(b ? "true" : "false", escaped: false)
        case .list, .object, .missing: break
        }
    }

    private mutating func append(_ s: String, escaped: Bool) {
        var s = s
        s.withUTF8 { utf8 in
            guard escaped else { output.append(contentsOf: utf8); return }
            HTMLEscaping.append(utf8, to: &output)
        }
    }
}

/// A parsed template and whether its `{{variables}}` are HTML-escaped.
struct CompiledTemplate: Sendable {
    let nodes: [TemplateNode]
    let escapes: Bool
}

enum HTMLEscaping {
    /// `<`, `>`, `&`, `"` and `'` as entities (the set swift-mustache used).
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0..<utf8.count {
            let entity: StaticString
            switch utf8[i] {
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = i + 1
        }
        if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
    }
}
