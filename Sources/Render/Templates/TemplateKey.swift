/// A name in a template context. Its hash is computed once, with FNV-1a
/// over the UTF-8 bytes, and `hash(into:)` feeds only that word to the
/// table's `Hasher`: building contexts and looking names up hash a name per
/// access, and these names are ours (a handful of short identifiers), not
/// input that could be chosen to collide.
struct TemplateKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let name: String
    private let hash: UInt64

    init(_ name: String) {
        self.name = name
        var text = name
        hash = text.withUTF8 { utf8 in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    init(stringLiteral value: String) { self.init(value) }

    static func == (a: TemplateKey, b: TemplateKey) -> Bool { a.hash == b.hash && a.name == b.name }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    var description: String { name }
}
