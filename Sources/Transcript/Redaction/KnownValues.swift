/// Values a whole-value rule (a key path such as `engineer.name`, or a
/// credential field) found in any session of the run. No text pattern can
/// recognise a name, so without this an engineer dispatched in one session
/// would stay readable in another session that only mentions them.
///
/// Built by a first pass over the selected sessions (`Redactor.sharedValues`),
/// in input order, then given to every session's redaction
/// (`Redactor.knowing`). E-mail addresses and phone numbers are left out:
/// the patterns find those in every session by themselves.
public struct SensitiveValue: Sendable, Hashable {
    public var kind: String
    /// Index of the rule that found it.
    public var rule: Int
    public var text: String
}

struct KnownValues: Sendable {
    let values: [SensitiveValue]
    /// Each entry's label number is its value's position + 1 (0: a name
    /// part shared by two names).
    let table: PropagationTable

    init(_ values: [SensitiveValue]) {
        var seen = Set<LabelAllocator.Key>()
        var unique: [SensitiveValue] = []
        for v in values where seen.insert(.init(kind: v.kind, value: LabelAllocator.normalForm(v.text, kind: v.kind))).inserted {
            unique.append(v)
        }
        var table = PropagationTable()
        for (i, v) in unique.enumerated() {
            let label = RedactionLabel(kind: v.kind, number: i + 1, rule: v.rule)
            let bytes = Array(v.text.utf8)
            table.add(bytes, label: label)
            if v.kind == "name" { table.addNameParts(bytes, label: label) }
        }
        table.seal()
        self.values = unique
        self.table = table
    }

    static func isShared(kind: String) -> Bool { kind != "email" && kind != "phone" }
}
