/// The YAML form of the `--redact-rules` file: the small subset the rules
/// need, turned into the JSON form so both share one reader (`RuleFile`).
///
///     # my rules
///     rules:
///       - name: customer id
///         label: customer
///         pattern: 'CUST-[0-9]{6}'
///       - key_path: site.contact
///         label: name
///
/// A list of flat mappings (under `rules:` or at the top), one `key: value`
/// per line, values plain, 'single-quoted' (write a regex's backslashes as
/// they are) or "double-quoted" (JSON escapes). Comments start with `#`.
/// Anything else (anchors, flow collections, multi-line strings) is refused
/// with the line number: install nothing, convert to JSON instead.
enum RuleFileYAML {
    static func json(_ text: String) throws(RuleFile.Problem) -> [UInt8] {
        var rules: [[(String, String)]] = []
        var sawRulesKey = false
        var itemIndent: Int?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            func fail(_ why: String) -> RuleFile.Problem { RuleFile.Problem(rule: nil, message: "line \(lineNumber): \(why)") }
            var line = Substring(raw)
            if line.last == "\r" { line.removeLast() }
            let indent = line.prefix(while: { $0 == " " }).count
            var body = line.dropFirst(indent)
            if body.first == "\t" { throw fail("tabs cannot indent YAML; use spaces") }
            if body.isEmpty || body.first == "#" { continue }
            if body == "---" && rules.isEmpty { continue }
            if indent == 0 && body.hasPrefix("rules:") {
                guard !sawRulesKey, rules.isEmpty, stripComment(body.dropFirst(6)).isEmpty else { throw fail("expected \"rules:\" once, on a line of its own") }
                sawRulesKey = true
                continue
            }
            if body.hasPrefix("- ") || body == "-" {
                if let expected = itemIndent, expected != indent { throw fail("list items must line up") }
                itemIndent = indent
                rules.append([])
                body = body.dropFirst(1)
                let rest = body.prefix(while: { $0 == " " })
                body = body.dropFirst(rest.count)
                if body.isEmpty { continue }
            } else {
                guard let itemIndent, indent > itemIndent, !rules.isEmpty else {
                    throw fail("expected \"rules:\" or a list item \"- key: value\"")
                }
            }
            guard let colon = body.firstIndex(of: ":") else { throw fail("expected \"key: value\"") }
            let key = String(body[..<colon]).trimmingSpaces
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) else { throw fail("\"\(key)\" is not a field name") }
            let value = try scalar(body[body.index(after: colon)...], fail)
            rules[rules.count - 1].append((key, value))
        }
        var w = JSONWriter()
        w.array { w in
            for rule in rules {
                w.object { w in for (k, v) in rule { w.key(k); w.string(v) } }
            }
        }
        return w.bytes
    }

    private static func scalar(_ raw: Substring, _ fail: (String) -> RuleFile.Problem) throws(RuleFile.Problem) -> String {
        let text = raw.drop(while: { $0 == " " })
        guard let first = text.first else { throw fail("a value is missing") }
        switch first {
        case "'":
            var out = ""
            var i = text.index(after: text.startIndex)
            while i < text.endIndex {
                let c = text[i]
                i = text.index(after: i)
                if c == "'" {
                    if i < text.endIndex && text[i] == "'" { out.append("'"); i = text.index(after: i); continue }
                    guard stripComment(text[i...]).isEmpty else { throw fail("unexpected text after the quoted value") }
                    return out
                }
                out.append(c)
            }
            throw fail("the quoted value does not end on this line")
        case "\"":
            var end = text.index(after: text.startIndex)
            var escaped = false
            while end < text.endIndex {
                if escaped { escaped = false } else if text[end] == "\\" { escaped = true } else if text[end] == "\"" { break }
                end = text.index(after: end)
            }
            guard end < text.endIndex, stripComment(text[text.index(after: end)...]).isEmpty else {
                throw fail("the double-quoted value does not end on this line")
            }
            let literal = String(text[...end])
            guard let value = try? JSONTape.parse(Array(literal.utf8)).root.string else {
                throw fail("the double-quoted value has an escape JSON does not know (write regex backslashes in 'single quotes')")
            }
            return value
        case "[", "{", "&", "*", "|", ">", "!", "%", "@", "`":
            throw fail("this YAML construct is not supported in a rules file (\(first)); quote the value or use JSON")
        default:
            let value = stripComment(text)
            guard !value.isEmpty else { throw fail("a value is missing") }
            return value
        }
    }

    /// The text before a ` #` comment, trimmed.
    private static func stripComment(_ s: Substring) -> String {
        var cut = s.endIndex
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "#" && (i == s.startIndex || s[s.index(before: i)] == " ") { cut = i; break }
            i = s.index(after: i)
        }
        return String(s[..<cut]).trimmingSpaces
    }
}
