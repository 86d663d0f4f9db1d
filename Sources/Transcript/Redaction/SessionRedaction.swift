/// The two passes over one session. Pass 1 (`writing == false`) walks every
/// string and collects what the rules find, handing out labels in document
/// order; pass 2 walks again and writes the session back as JSON with every
/// collected value replaced, wherever it appears.
struct SessionRedaction {
    let rules: RedactionRules
    private let keyPathRules: [(index: Int, path: KeyPath)]
    private let fieldRules: [(index: Int, names: Set<String>)]
    private let patternRules: [(index: Int, pattern: BuiltInPattern)]
    private let regexRules: [(index: Int, pattern: UserPattern)]
    private let hexKeyRule: Int?

    /// Values found in other sessions of the run (nil: none given).
    private let known: KnownValues?
    /// Pass 1 of the run-wide pre-pass: only whole-value rules, no patterns.
    private let wholeValuesOnly: Bool
    /// Whole-value finds worth sharing with the other sessions.
    private(set) var shared: [SensitiveValue] = []

    private var allocator: LabelAllocator
    private var propagation = PropagationTable()
    private(set) var occurrences: [Int: Int] = [:]
    /// Per user pattern, the fields it ran out of budget on.
    private var fieldsOverBudget: [Int: Int] = [:]
    /// The field-name rule for each object key seen (-1: none).
    private var fieldRuleByKey: [String: Int] = [:]
    /// What the rules found in each string of pass 1, in walk order: pass 2
    /// walks the same strings in the same order and reuses it.
    private var foundInPass1: [[(Range<Int>, RedactionLabel)]] = []
    private var reused = 0
    /// The JSON inside each event `data` string pass 1 parsed, in walk order.
    var nestedInPass1: [JSONTape?] = []
    var nestedReused = 0
    /// Replacements written so far in pass 2.
    private(set) var changes = 0
    var writing = false

    init(rules: RedactionRules, numbered: Bool = true, known: KnownValues? = nil, wholeValuesOnly: Bool = false) {
        self.rules = rules
        self.known = known
        self.wholeValuesOnly = wholeValuesOnly
        var keyPaths: [(Int, KeyPath)] = [], fields: [(Int, Set<String>)] = []
        var patterns: [(Int, BuiltInPattern)] = [], regexes: [(Int, UserPattern)] = []
        var hexKey: Int?
        for (i, rule) in rules.rules.enumerated() {
            switch rule.matcher {
            case .keyPath(let p): keyPaths.append((i, p))
            case .fieldNames(let names): fields.append((i, names))
            case .pattern(let p):
                patterns.append((i, p))
                if p == .hexAPIKey { hexKey = i }
            case .regex(let r): regexes.append((i, r))
            }
        }
        keyPathRules = keyPaths
        fieldRules = fields
        patternRules = patterns
        regexRules = regexes
        hexKeyRule = hexKey
        allocator = LabelAllocator(numbered: numbered)
    }

    mutating func startWriting() {
        propagation.seal()
        writing = true
    }

    // MARK: - Text

    /// The ranges of `s` to replace, with their labels. `whole` is the rule
    /// that claims the entire value (a key path or a credential field).
    /// `walking`: called by the walk, whose pass-1 finds pass 2 reuses.
    mutating func ranges(in s: [UInt8], whole: Int?, isKey: Bool, walking: Bool = false) -> [(Range<Int>, RedactionLabel)] {
        if walking && writing && reused < foundInPass1.count {
            var found = foundInPass1[reused]
            reused += 1
            found += propagation.occurrences(in: s)
            return Self.merged(found)
        }
        var found: [(Range<Int>, RedactionLabel)] = []
        if let rule = whole, !s.isEmpty {
            let label = allocator.label(kind: rules.rules[rule].kind, value: String(decoding: s, as: UTF8.self), rule: rule)
            found.append((0..<s.count, label))
            if !writing {
                propagation.add(s, label: label)
                if label.kind == "name" { propagation.addNameParts(s, label: label) }
                if label.kind == "email" { propagation.addLocalPart(s, label: label) }
                if KnownValues.isShared(kind: label.kind) {
                    shared.append(SensitiveValue(kind: label.kind, rule: rule, text: String(decoding: s, as: UTF8.self)))
                }
            }
        }
        if wholeValuesOnly { return found }
        // Values other sessions of the run found, labelled in this session's order.
        if let known {
            for (range, seed) in known.table.occurrences(in: s) {
                found.append((range, seed.number == 0 ? seed : allocate(known.values[seed.number - 1])))
            }
        }
        let triggers = patternRules.isEmpty ? [] : PatternTriggers(scanning: s)
        for (index, pattern) in patternRules where triggers.contains(pattern.trigger) {
            for r in pattern.ranges(in: s) {
                found.append((r, collect(Array(s[r]), rule: index)))
            }
        }
        if !isKey && !regexRules.isEmpty {
            let text = String(decoding: s, as: UTF8.self)
            for (index, pattern) in regexRules {
                let budget = fieldsOverBudget[index, default: 0] >= PatternBudget.strikes ? PatternBudget.reduced : .normal
                switch pattern.search(text, budget: budget) {
                case .matches(let matches):
                    for r in matches { found.append((r, collect(Array(s[r]), rule: index))) }
                case .overBudget:
                    // Fail closed: what the pattern would have found is unknown,
                    // so the whole field counts as its value.
                    fieldsOverBudget[index, default: 0] += 1
                    if !s.isEmpty { found.append((0..<s.count, collect(s, rule: index))) }
                }
            }
        }
        if walking && !writing { foundInPass1.append(found) }
        if writing { found += propagation.occurrences(in: s) }
        return Self.merged(found)
    }

    /// A value another session found: labelled here in first-seen order.
    private mutating func allocate(_ v: SensitiveValue) -> RedactionLabel {
        let label = allocator.label(kind: v.kind, value: v.text, rule: v.rule)
        if !writing {
            let bytes = Array(v.text.utf8)
            propagation.add(bytes, label: label)
            if v.kind == "name" { propagation.addNameParts(bytes, label: label) }
        }
        return label
    }

    private mutating func collect(_ value: [UInt8], rule: Int) -> RedactionLabel {
        let label = allocator.label(kind: rules.rules[rule].kind, value: String(decoding: value, as: UTF8.self), rule: rule)
        if !writing {
            propagation.add(value, label: label)
            if label.kind == "email" { propagation.addLocalPart(value, label: label) }
        }
        return label
    }

    /// Overlapping ranges become one, labelled by its longest part, so no
    /// piece of any value is left showing.
    static func merged(_ found: [(Range<Int>, RedactionLabel)]) -> [(Range<Int>, RedactionLabel)] {
        guard found.count > 1 else { return found }
        let sorted = found.sorted {
            $0.0.lowerBound != $1.0.lowerBound ? $0.0.lowerBound < $1.0.lowerBound : $0.0.count > $1.0.count
        }
        var out: [(Range<Int>, RedactionLabel)] = []
        var longest = 0
        for (range, label) in sorted {
            if let last = out.last, range.lowerBound < last.0.upperBound {
                if range.upperBound > last.0.upperBound {
                    out[out.count - 1].0 = last.0.lowerBound..<range.upperBound
                }
                if range.count > longest {
                    out[out.count - 1].1 = label
                    longest = range.count
                }
            } else {
                out.append((range, label))
                longest = range.count
            }
        }
        return out
    }

    /// `s` with the ranges replaced by their labels; counts them.
    mutating func replacing(_ s: [UInt8], _ ranges: [(Range<Int>, RedactionLabel)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 16 * ranges.count)
        var position = 0
        for (range, label) in ranges {
            out.append(contentsOf: s[position..<range.lowerBound])
            out.append(contentsOf: (Self.insideURL(s, at: range.lowerBound) ? label.urlText : label.text).utf8)
            position = range.upperBound
            occurrences[label.rule, default: 0] += 1
            changes += 1
        }
        out.append(contentsOf: s[position...])
        return out
    }

    /// Whether `at` is inside a URL (`mailto:…`, `tel:…`, `scheme://…`): the
    /// text from the start of its token (after white space, a quote, `(` or
    /// `<`) holds `://` or starts with `mailto:` or `tel:`.
    static func insideURL(_ s: [UInt8], at: Int) -> Bool {
        var start = at
        let limit = max(0, at - 2048)
        while start > limit {
            let b = s[start - 1]
            if isSpaceByte(b) || b == UInt8(ascii: "(") || b == UInt8(ascii: "<") || b == UInt8(ascii: "\"")
                || b == UInt8(ascii: "'") || b == UInt8(ascii: "`") { break }
            start -= 1
        }
        if s.hasWord("mailto:", at: start) || s.hasWord("tel:", at: start) { return true }
        guard at - start >= 3 else { return false }
        for i in start..<(at - 2) where s[i] == UInt8(ascii: ":") && s[i + 1] == UInt8(ascii: "/") && s[i + 2] == UInt8(ascii: "/") {
            return true
        }
        return false
    }

    /// Free text (a warning, a file name): patterns and collected values.
    mutating func redactText(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let found = ranges(in: bytes, whole: nil, isKey: false)
        guard !found.isEmpty, writing else { return text }
        return String(decoding: replacing(bytes, found), as: UTF8.self)
    }

    // MARK: - Report

    func report() -> RedactionReport {
        var entries: [RedactionReport.Entry] = []
        for (i, rule) in rules.rules.enumerated() {
            let values = allocator.valuesPerRule[i] ?? 0
            let places = occurrences[i] ?? 0
            guard values > 0 || places > 0 else { continue }
            entries.append(.init(rule: rule.id, summary: rule.summary, kind: rule.kind, values: values, occurrences: places))
        }
        var report = RedactionReport(entries: entries)
        report.rulesOverBudget = fieldsOverBudget.keys.sorted().map { rules.rules[$0].id }
        return report
    }

    // MARK: - Rules that claim a whole value

    /// The key-path or field-name rule that claims the value at `path`.
    mutating func wholeValueRule(_ path: [String]) -> Int? {
        for (index, keyPath) in keyPathRules where keyPath.matches(path) { return index }
        guard let last = path.last, !fieldRules.isEmpty else { return nil }
        if let cached = fieldRuleByKey[last] { return cached < 0 ? nil : cached }
        let key = RedactionRule.fieldKey(last)
        let rule = fieldRules.first { $0.names.contains(key) }?.index
        fieldRuleByKey[last] = rule ?? -1
        return rule
    }

    /// A string of exactly 32 hex digits under a field whose name ends in `key`.
    func hexKeyFieldRule(_ path: [String], _ s: [UInt8]) -> Int? {
        guard let rule = hexKeyRule, let last = path.last, last.lowercased().hasSuffix("key"),
              PatternScanners.isHexKey(s) else { return nil }
        return rule
    }
}
