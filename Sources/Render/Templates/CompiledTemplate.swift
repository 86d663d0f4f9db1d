import ByteLevel

/// A parsed template (a class: passed around while rendering without
/// copying its arrays) as a flat list of instructions that refer to their
/// texts and names by index. Flat (no tree of enum boxes): quick to walk,
/// and a long-lived template holds only plain arrays. The instructions and
/// the literal text are frozen copies (`FrozenArray`), so the render loop
/// reads them without reference counting (it ran once per instruction).
final class CompiledTemplate: @unchecked Sendable {
    enum Op: Sendable {
        case text(Int)
        case variable(name: Int, escaped: Bool)
        /// The body is `ops[index + 1 ..< end]`.
        case section(name: Int, inverted: Bool, end: Int)
        /// `indentation` -1: none.
        case partial(name: Int, indentation: Int)
    }

    /// Valid while the storage below lives, that is while this template does.
    let ops: FrozenView<Op>
    /// Every literal text, one after the other; `textRanges[i]` is text `i`.
    let textBytes: FrozenView<UInt8>
    let textRanges: FrozenView<Range<Int>>
    private let storage: (FrozenArray<Op>, FrozenArray<UInt8>, FrozenArray<Range<Int>>)
    let names: [TemplateName]
    let partials: [String]
    let indentations: [[UInt8]]
    /// How this template's format escapes and pastes values.
    let contentType: TemplateContentType

    init(nodes: [TemplateNode], contentType: TemplateContentType) {
        var builder = Builder()
        builder.append(nodes)
        let opsStorage = FrozenArray(builder.ops), bytesStorage = FrozenArray(builder.texts.flatMap { $0 })
        var offset = 0
        let rangesStorage = FrozenArray(builder.texts.map { text -> Range<Int> in
            defer { offset += text.count }
            return offset..<(offset + text.count)
        })
        storage = (opsStorage, bytesStorage, rangesStorage)
        ops = opsStorage.view
        textBytes = bytesStorage.view
        textRanges = rangesStorage.view
        names = builder.names
        partials = builder.partials
        indentations = builder.indentations
        self.contentType = contentType
    }

    /// Text `index` as bytes.
    @inline(__always) func text(_ index: Int) -> ByteView {
        textBytes.bytes(textRanges[index])
    }
}

/// Flattens the parser's tree into instructions.
private struct Builder {
    var ops: [CompiledTemplate.Op] = []
    var texts: [[UInt8]] = []
    var names: [TemplateName] = []
    var partials: [String] = []
    var indentations: [[UInt8]] = []

    mutating func append(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                texts.append(bytes)
                ops.append(.text(texts.count - 1))
            case .variable(let name, let escaped):
                names.append(name)
                ops.append(.variable(name: names.count - 1, escaped: escaped))
            case .section(let name, let inverted, let body):
                names.append(name)
                let nameIndex = names.count - 1
                let at = ops.count
                ops.append(.section(name: nameIndex, inverted: inverted, end: at + 1))
                append(body)
                ops[at] = .section(name: nameIndex, inverted: inverted, end: ops.count)
            case .partial(let name, let indentation, _):
                partials.append(name)
                var indent = -1
                if let indentation {
                    indentations.append(indentation)
                    indent = indentations.count - 1
                }
                ops.append(.partial(name: partials.count - 1, indentation: indent))
            }
        }
    }
}
