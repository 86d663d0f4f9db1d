/// A template object's fields, in the order they were first set. Objects are
/// small (a few dozen names at most) and built once per report part, so a
/// scan of the keys' precomputed hashes finds a name faster than a hash table
/// would, building one hashes nothing, and one array is all it allocates.
struct TemplateObject: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    typealias Element = (key: TemplateKey, value: TemplateValue)
    private var fields: [Element] = []

    init() {}

    init(minimumCapacity: Int) {
        fields.reserveCapacity(minimumCapacity)
    }

    /// A later value of a repeated name replaces the earlier one.
    init(_ elements: [(TemplateKey, TemplateValue)]) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }

    init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) { self.init(elements) }

    var count: Int { fields.count }

    subscript(key: TemplateKey) -> TemplateValue? {
        get { position(of: key).map { fields[$0].value } }
        set {
            switch (position(of: key), newValue) {
            case (let i?, let value?): fields[i].value = value
            case (let i?, nil): fields.remove(at: i)
            case (nil, let value?): fields.append((key, value))
            case (nil, nil): break
            }
        }
    }

    func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    private func position(of key: TemplateKey) -> Int? {
        let word = key.hashWord
        let all = fields.span
        for i in all.indices where all[i].key.hashWord == word && all[i].key.name == key.name { return i }
        return nil
    }
}
