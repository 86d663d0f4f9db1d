/// The `--redact-rules` file: a user's own rules, added after the built-in
/// ones. JSON (README.md, "Redaction"), or the same in a small YAML subset
/// (`RuleFileYAML`):
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
/// shares its numbering.
public enum RuleFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        /// 1-based rule number, nil for the file as a whole.
        public var rule: Int?
        public var message: String
        public var description: String { rule.map { "rule \($0): \(message)" } ?? message }
    }

    static let knownFields: Set<String> = ["name", "label", "pattern", "key_path", "keyPath", "regex", "path"]

    /// JSON when the first thing in the file is `{` or `[`, else the YAML
    /// subset of `RuleFileYAML`.
    public static func parse(_ bytes: [UInt8]) throws(Problem) -> [RedactionRule] {
        let first = bytes.first { !isSpaceByte($0) }
        let json = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            ? bytes : try RuleFileYAML.json(String(decoding: bytes, as: UTF8.self))
        let root: JSONValue
        do { root = try JSONTape.parse(json).root } catch {
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
        var out: [RedactionRule] = []
        for (i, item) in list.elements.enumerated() {
            out.append(try rule(item, number: i + 1))
        }
        return out
    }

    static func rule(_ item: JSONValue, number: Int) throws(Problem) -> RedactionRule {
        func fail(_ message: String) -> Problem { Problem(rule: number, message: message) }
        guard item.isObject else { throw fail("a rule is an object with \"pattern\" or \"key_path\", and \"label\"") }
        for (key, _) in item.members where !knownFields.contains(key) {
            throw fail("unknown field \"\(key)\" (use name, label, pattern, key_path)")
        }
        func text(_ keys: String...) throws(Problem) -> String? {
            for key in keys {
                guard let v = item[key] else { continue }
                guard let s = v.string else { throw fail("\"\(key)\" must be a string") }
                return s
            }
            return nil
        }
        let label = (try text("label") ?? "value").lowercased()
        guard isValidLabel(label) else {
            throw fail("\"label\" must be 1 to 24 letters, digits, spaces or hyphens, starting with a letter")
        }
        let pattern = try text("pattern", "regex")
        let path = try text("key_path", "keyPath", "path")
        let name = try text("name") ?? label
        let id = "user:" + name
        switch (pattern, path) {
        case let (p?, nil):
            guard !p.isEmpty else { throw fail("\"pattern\" is empty") }
            let compiled: UserPattern
            do { compiled = try UserPattern(p) } catch {
                throw fail("\"pattern\" is not a valid regular expression: \(error)")
            }
            if compiled.matchesEmpty { throw fail("\"pattern\" matches the empty string") }
            return RedactionRule(id: id, summary: "user rule \"\(name)\" (pattern)", kind: label, matcher: .regex(compiled))
        case let (nil, p?):
            guard let keyPath = KeyPath(parsing: p) else { throw fail("\"key_path\" must be keys separated by dots, like engineer.email") }
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
