/// One rule of a `--redact-rules` file as read from either form, before it
/// is checked (`RuleFile.rule`): its fields in file order, each a string or
/// not, with the line it was on where the form keeps lines (YAML).
struct RuleFields {
    enum Value {
        case string(String)
        /// What it was instead ("a number", "a list"), for the message.
        case other(String)
    }

    struct Field {
        var key: String
        var value: Value
        var line: Int?
    }

    /// Nil when the item is not a mapping / object at all.
    var fields: [Field]?
    var line: Int?

    /// The first field named one of `keys`.
    func field(_ keys: [String]) -> Field? {
        fields?.first { keys.contains($0.key) }
    }
}

extension RuleFields {
    /// The JSON form keeps no line numbers: messages name the rule.
    init(json item: JSONValue) {
        guard item.isObject else { self.init(fields: nil, line: nil); return }
        var fields: [Field] = []
        for (key, value) in item.members {
            let v: Value = value.string.map(Value.string) ?? .other(Self.describe(value.kind))
            fields.append(Field(key: key, value: v, line: nil))
        }
        self.init(fields: fields, line: nil)
    }

    private static func describe(_ kind: JSONValue.Kind) -> String {
        switch kind {
        case .object: "an object"
        case .array: "an array"
        case .number: "a number"
        case .null: "null"
        case .bool, .string: "true or false"
        }
    }
}
