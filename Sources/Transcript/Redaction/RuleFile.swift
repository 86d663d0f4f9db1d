/// The `--redact-rules` file: a user's own rules, added after the built-in
/// ones. JSON (README.md, "Redaction"), or the same in YAML (`RuleFileYams`):
///
///     {"rules": [
///       {"name": "customer id", "label": "customer", "pattern": "CUST-[0-9]{6}"},
///       {"name": "site contact", "label": "name", "key_path": "site.contact"}
///     ]}
///
/// A bare array of rules is accepted too. Each rule has exactly one of
/// `pattern` (a regular expression, Swift `Regex` syntax; a named group
/// `value` narrows what is removed) or `key_path`; `label` is the kind in
/// `[redacted <label> N]` (default `value`): a built-in kind such as `name`
/// shares its numbering. Two rules may not have the same `name`.
public enum RuleFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        /// 1-based line in the file, where the form keeps lines (YAML).
        public var line: Int?
        /// 1-based rule number, nil for the file as a whole.
        public var rule: Int?
        public var message: String

        public init(line: Int? = nil, rule: Int?, message: String) {
            self.line = line
            self.rule = rule
            self.message = message
        }

        public var description: String {
            [line.map { "line \($0)" }, rule.map { "rule \($0)" }, message].compactMap { $0 }.joined(separator: ": ")
        }
    }

    static let knownFields: Set<String> = ["name", "label", "pattern", "key_path", "keyPath", "regex", "path"]

    /// JSON when the first thing in the file is `{` or `[`, else YAML.
    public static func parse(_ bytes: [UInt8]) throws(Problem) -> [RedactionRule] {
        let first = bytes.first { !isSpaceByte($0) }
        let items = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            ? try jsonItems(bytes) : try RuleFileYams.items(String(decoding: bytes, as: UTF8.self))
        var out: [RedactionRule] = []
        var named: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let number = i + 1
            let rule = try rule(item, number: number)
            if case .string(let name)? = item.field(["name"])?.value {
                if let earlier = named[name] {
                    throw Problem(line: item.field(["name"])?.line, rule: number,
                                  message: "the name \"\(name)\" is already rule \(earlier)'s; names tell rules apart in the report")
                }
                named[name] = number
            }
            out.append(rule)
        }
        return out
    }

    private static func jsonItems(_ bytes: [UInt8]) throws(Problem) -> [RuleFields] {
        let root: JSONValue
        do { root = try JSONTape.parse(bytes).root } catch {
            throw Problem(rule: nil, message: "not valid JSON (\(error))")
        }
        let list: JSONValue
        if root.isArray {
            list = root
        } else if root.isObject, let rules = root["rules"], rules.isArray {
            list = rules
        } else {
            throw Problem(rule: nil, message: "expected {\"rules\": [ … ]} or an array of rules")
        }
        return list.elements.map(RuleFields.init(json:))
    }

    static func rule(_ item: RuleFields, number: Int) throws(Problem) -> RedactionRule {
        func fail(_ message: String, _ field: RuleFields.Field? = nil) -> Problem {
            Problem(line: field?.line ?? item.line, rule: number, message: message)
        }
        guard let fields = item.fields else { throw fail("a rule is an object with \"pattern\" or \"key_path\", and \"label\"") }
        for field in fields where !knownFields.contains(field.key) {
            throw fail("unknown field \"\(field.key)\" (use name, label, pattern, key_path)", field)
        }
        func text(_ keys: String...) throws(Problem) -> (String, RuleFields.Field)? {
            guard let field = item.field(keys) else { return nil }
            switch field.value {
            case .string(let s): return (s, field)
            case .other(let what): throw fail("\"\(field.key)\" must be a string, not \(what)", field)
            }
        }
        let labelField = try text("label")
        let label = (labelField?.0 ?? "value").lowercased()
        guard isValidLabel(label) else {
            throw fail("\"label\" must be 1 to 24 letters, digits, spaces or hyphens, starting with a letter", labelField?.1)
        }
        let pattern = try text("pattern", "regex")
        let path = try text("key_path", "keyPath", "path")
        let name = try text("name")?.0 ?? label
        let id = "user:" + name
        switch (pattern, path) {
        case let ((p, field)?, nil):
            guard !p.isEmpty else { throw fail("\"pattern\" is empty", field) }
            let compiled: UserPattern
            do { compiled = try UserPattern(p) } catch {
                throw fail("\"pattern\" is not a valid regular expression: \(error)", field)
            }
            if compiled.matchesEmpty { throw fail("\"pattern\" matches the empty string", field) }
            return RedactionRule(id: id, summary: "user rule \"\(name)\" (pattern)", kind: label, matcher: .regex(compiled))
        case let (nil, (p, field)?):
            guard let keyPath = KeyPath(parsing: p) else { throw fail("\"key_path\" must be keys separated by dots, like engineer.email", field) }
            return RedactionRule(id: id, summary: "user rule \"\(name)\" (key path \(keyPath))", kind: label, matcher: .keyPath(keyPath))
        case (nil, nil):
            throw fail("give \"pattern\" or \"key_path\"")
        case (_?, _?):
            throw fail("give \"pattern\" or \"key_path\", not both")
        }
    }

    static func isValidLabel(_ label: String) -> Bool {
        let bytes = Array(label.utf8)
        guard (1...24).contains(bytes.count), isAlphaByte(bytes[0]) else { return false }
        return bytes.allSatisfy { isAlnumByte($0) || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
    }
}
