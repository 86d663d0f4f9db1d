/// A session value as the frontend shows it (`String(value)` in its step
/// card): a string as written, any other value as its compact JSON with
/// numbers as written. What Render reads instead of the parsed JSON.
public struct ShownValue: Sendable {
    public let kind: JSONValue.Kind
    /// The decoded string, or the compact JSON of any other value ("null" for null).
    public let text: String
    private let value: JSONValue

    public init(_ value: JSONValue) {
        self.value = value
        kind = value.kind
        text = value.isNull ? "null" : value.displayText
    }

    /// The number as an integer, when it is integral and fits; nil for anything else.
    public var int: Int? { value.int }

    public var isNull: Bool { kind == .null }
    public var isString: Bool { kind == .string }

    /// The text of a string; nil for any other value.
    public var string: String? { kind == .string ? text : nil }

    /// What a field shows when it shows anything: nil for null and for an empty text.
    public var shown: String? { isNull || text.isEmpty ? nil : text }
}

extension JSONValue {
    /// `key`'s value as shown; nil when absent (or when this is not an object).
    func shown(_ key: String) -> ShownValue? {
        self[key].map(ShownValue.init)
    }
}
