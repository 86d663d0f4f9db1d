import Yams

/// The YAML form of the `--redact-rules` file, read by Yams (libyaml): full
/// YAML 1.1, so anchors and aliases, `<<` merge keys, flow collections and
/// `|` / `>` block scalars all work. The same shapes as the JSON form: a
/// list of rules, under `rules:` or at the top.
///
///     rules:
///       - name: customer id
///         label: &cust customer
///         pattern: 'CUST-\d{6}'
///       - {name: site contact, label: *cust, key_path: site.contact}
///
/// `YAMLLimits` runs first: Yams expands aliases, so a small file can stand
/// for a huge document.
enum RuleFileYams {
    static func items(_ text: String) throws(RuleFile.Problem) -> [RuleFields] {
        try YAMLLimits.checkSource(text)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw problem(error)
        }
        guard let root else { return [] }
        try YAMLLimits.checkExpansion(root)
        let list: Node.Sequence
        if let sequence = root.sequence {
            list = sequence
        } else if let rules = root.mapping?["rules"]?.sequence {
            list = rules
        } else {
            throw RuleFile.Problem(line: root.mark?.line, rule: nil, message: "expected \"rules:\" with a list of rules, or a list of rules")
        }
        return list.map(fields)
    }

    private static func fields(_ node: Node) -> RuleFields {
        guard let mapping = node.mapping else { return RuleFields(fields: nil, line: node.mark?.line) }
        return RuleFields(fields: merged(mapping), line: node.mark?.line)
    }

    /// The mapping's own fields, then those of `<<: *base` (or `<<: [*a, *b]`)
    /// not given here: YAML's merge key.
    private static func merged(_ mapping: Node.Mapping) -> [RuleFields.Field] {
        var own: [RuleFields.Field] = []
        var bases: [Node] = []
        for (key, value) in mapping {
            if key.tag.rawValue == Tag.Name.merge.rawValue {
                bases += value.sequence.map { Array($0) } ?? [value]
                continue
            }
            own.append(RuleFields.Field(key: key.string ?? "\(key)", value: scalar(value), line: key.mark?.line))
        }
        for base in bases {
            guard let baseMapping = base.mapping else { continue }
            for field in merged(baseMapping) where !own.contains(where: { $0.key == field.key }) {
                own.append(field)
            }
        }
        return own
    }

    private static func scalar(_ node: Node) -> RuleFields.Value {
        switch node {
        case .scalar(let s):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .other("null (empty)")
            case Tag.Name.bool.rawValue: return .other("true or false (quote it to mean the text)")
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return .other("a number (quote it to mean the text)")
            default: return .string(s.string)
            }
        case .sequence: return .other("a list")
        case .mapping: return .other("a mapping")
        case .alias: return .other("an alias")
        }
    }

    /// Yams' error as a problem with the line (and column) of its mark.
    private static func problem(_ error: any Error) -> RuleFile.Problem {
        guard let error = error as? YamlError else {
            return RuleFile.Problem(line: nil, rule: nil, message: "not valid YAML (\(error))")
        }
        func at(_ mark: Mark, _ what: String) -> RuleFile.Problem {
            RuleFile.Problem(line: mark.line, rule: nil, message: "column \(mark.column): not valid YAML: \(what)")
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return at(mark, problem + (context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""))
        case let .duplicatedKeysInMapping(duplicates, context):
            return at(context.mark, "the key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) appears twice in one mapping")
        case let .reader(problem, offset, _, _):
            return RuleFile.Problem(line: nil, rule: nil, message: "not valid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return RuleFile.Problem(line: nil, rule: nil, message: "not valid YAML (\(error))")
        }
    }
}
