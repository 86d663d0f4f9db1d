/// The text that replaces a sensitive value: `[redacted email 1]`. The same
/// value gets the same label everywhere in a session, so a reader can still
/// follow "engineer 1 was dispatched, engineer 1 arrived".
public struct RedactionLabel: Sendable, Hashable {
    public var kind: String
    /// 1, 2, … per kind and session; 0 for the unnumbered form used where
    /// there is no session to number within (messages on stderr).
    public var number: Int
    /// Index of the rule that first found the value.
    public var rule: Int

    public var text: String {
        number > 0 ? "[redacted \(kind) \(number)]" : "[redacted \(kind)]"
    }

    /// The form written inside a URL (`mailto:…`, `https://…?sig=…`): only
    /// letters, digits and hyphens, so a Markdown link destination or an
    /// autolink stays one and the URL stays valid in an `href`.
    public var urlText: String {
        let k = kind.replacingSpaces(with: "-")
        return number > 0 ? "redacted-\(k)-\(number)" : "redacted-\(k)"
    }
}

extension String {
    func replacingSpaces(with replacement: Character) -> String {
        String(map { $0 == " " ? replacement : $0 })
    }
}

/// Hands out labels in first-seen order, numbered per kind. Values are
/// compared in a normal form per kind, so `Mia.Nguyen@x.example` and
/// `mia.nguyen@x.example`, or `+61 412 884 190` and `+61412884190`, share
/// one label.
struct LabelAllocator {
    /// False for messages outside any session: every label is unnumbered.
    let numbered: Bool
    private var lastNumber: [String: Int] = [:]
    private var labels: [Key: RedactionLabel] = [:]
    /// Distinct values per rule (by the rule that found each first).
    private(set) var valuesPerRule: [Int: Int] = [:]

    struct Key: Hashable {
        var kind: String
        var value: String
    }

    init(numbered: Bool = true) { self.numbered = numbered }

    mutating func label(kind: String, value: String, rule: Int) -> RedactionLabel {
        let key = Key(kind: kind, value: Self.normalForm(value, kind: kind))
        if let existing = labels[key] { return existing }
        let number = numbered ? (lastNumber[kind] ?? 0) + 1 : 0
        lastNumber[kind] = number
        let label = RedactionLabel(kind: kind, number: number, rule: rule)
        labels[key] = label
        valuesPerRule[rule, default: 0] += 1
        return label
    }

    static func normalForm(_ value: String, kind: String) -> String {
        switch kind {
        case "phone":
            let digits = value.unicodeScalars.filter { $0.properties.numericType != nil && $0.isASCII }
            return digits.isEmpty ? value : String(String.UnicodeScalarView(digits))
        case "email", "name":
            return value.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        default:
            return value
        }
    }
}
