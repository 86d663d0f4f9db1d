/// A name in a template context. Its hash is computed once, with FNV-1a
/// over the UTF-8 bytes: `TemplateObject` compares these words before the
/// names, and `hash(into:)` feeds only that word to a `Hasher`. Names come
/// from our contexts and the templates, not from session input chosen to
/// collide (and a collision only costs a comparison of names).
struct TemplateKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let name: String
    /// FNV-1a of the name's UTF-8 bytes.
    let hashWord: UInt64

    init(_ name: String) {
        self.name = name
        var text = name
        hashWord = text.withUTF8 { utf8 in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    init(stringLiteral value: String) { self.init(value) }

    static func == (a: TemplateKey, b: TemplateKey) -> Bool { a.hashWord == b.hashWord && a.name == b.name }

    func hash(into hasher: inout Hasher) { hasher.combine(hashWord) }

    var description: String { name }
}
