/// A template object's fields, in the order they were first set. Objects are
/// small (a few dozen names at most) and built once per report part, so a
/// scan of the keys' precomputed hashes finds a name faster than a hash table
/// would, and building one hashes nothing.
struct TemplateObject: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    typealias Element = (key: TemplateKey, value: TemplateValue)
    private var hashes: [UInt64] = []
    private var fields: [Element] = []

    init() {}

    init(minimumCapacity: Int) {
        hashes.reserveCapacity(minimumCapacity)
        fields.reserveCapacity(minimumCapacity)
    }

    /// A later value of a repeated name replaces the earlier one.
    init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }

    var count: Int { fields.count }

    subscript(key: TemplateKey) -> TemplateValue? {
        get { position(of: key).map { fields[$0].value } }
        set {
            switch (position(of: key), newValue) {
            case (let i?, let value?): fields[i].value = value
            case (let i?, nil):
                hashes.remove(at: i)
                fields.remove(at: i)
            case (nil, let value?):
                hashes.append(key.hashWord)
                fields.append((key, value))
            case (nil, nil): break
            }
        }
    }

    func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    private func position(of key: TemplateKey) -> Int? {
        let word = key.hashWord
        return hashes.withUnsafeBufferPointer { words in
            var i = 0
            while i < words.count {
                if words[i] == word, fields[i].key.name == key.name { return i }
                i += 1
            }
            return nil
        }
    }
}
