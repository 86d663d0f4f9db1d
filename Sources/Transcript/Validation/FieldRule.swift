/// What one top-level field of a document should hold (FORMAT.md §2, §6, §7).
struct FieldRule: Sendable {
    enum Expect: Sendable {
        case string, stringOrNull, timestamp, array, objectOrNull, number, count, stringArray
        /// Only presence is checked (the replay reports a wrong type itself).
        case present
    }

    var name: String
    var expect: Expect
    /// A missing field is worth a warning.
    var expected: Bool

    init(_ name: String, _ expect: Expect, expected: Bool = false) {
        self.name = name
        self.expect = expect
        self.expected = expected
    }

    /// Nil when `value` is as expected; otherwise what it is instead.
    func mismatch(_ value: JSONValue) -> (code: ProblemCode, what: String)? {
        switch expect {
        case .present: return nil
        case .string where value.isString: return nil
        case .stringOrNull where value.isString || value.isNull: return nil
        case .array where value.isArray: return nil
        case .objectOrNull where value.isObject || value.isNull: return nil
        case .number where value.kind == .number: return nil
        case .count:
            if let n = value.int, n >= 0, value.kind == .number { return nil }
            if value.kind == .number { return (.fieldTypeMismatch, "\(value.displayText), not a whole number of at least 0") }
        case .stringArray where value.isArray:
            guard let bad = value.elements.enumerated().first(where: { !$0.element.isString }) else { return nil }
            return (.fieldTypeMismatch, "an array whose element \(bad.offset) is \(bad.element.kind.article), not a string")
        case .timestamp:
            guard let text = value.string else { break }
            if Timestamp.parse(text) != nil { return nil }
            return (.badTimestamp, "\(quoted(text)), not an ISO-8601 date-time")
        default:
            break
        }
        return (.fieldTypeMismatch, "\(value.kind.article), not \(expect.noun)")
    }
}

extension FieldRule.Expect {
    var noun: String {
        switch self {
        case .string: return "a string"
        case .stringOrNull: return "a string or null"
        case .timestamp: return "an ISO-8601 date-time string"
        case .array: return "an array"
        case .objectOrNull: return "an object or null"
        case .number: return "a number"
        case .count: return "a whole number of at least 0"
        case .stringArray: return "an array of strings"
        case .present: return "present"
        }
    }
}
