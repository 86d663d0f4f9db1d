/// Removes personal data and secrets from a session before it is replayed,
/// so nothing downstream (reports, index, transcript JSON, warnings) ever
/// sees the real values. Pure: the same input and rules always give the
/// same output and the same labels.
public struct Redactor: Sendable {
    public var rules: RedactionRules
    private var known: KnownValues?

    public init(rules: RedactionRules = .builtIn) {
        self.rules = rules
    }

    /// What whole-value rules find in `input` (names, credential fields,
    /// user key paths), for `knowing`. Cheap: no text patterns run.
    public func sharedValues(in input: SessionInput) -> [SensitiveValue] {
        var state = SessionRedaction(rules: rules, wholeValuesOnly: true)
        var path: [String] = []
        var sink: [UInt8] = []
        state.walk(input.document, path: &path, whole: nil, role: .document, out: &sink)
        for case .event(let e) in input.chunkedLog ?? [] {
            state.walk(e, path: &path, whole: nil, role: .event, out: &sink)
        }
        var seen = Set<SensitiveValue>()
        return state.shared.filter { seen.insert($0).inserted }
    }

    /// This redactor, also removing `values` (found in other sessions of
    /// the run, in input order) wherever they appear.
    public func knowing(_ values: [SensitiveValue]) -> Redactor {
        var r = self
        r.known = values.isEmpty ? nil : KnownValues(values)
        return r
    }

    /// The session with every value the rules find replaced by its label,
    /// everywhere in the session (document, chunked events, warnings, the
    /// source file name), and `redaction` saying what was done.
    public func redact(_ input: SessionInput) -> SessionInput {
        var state = SessionRedaction(rules: rules, known: known)
        var path: [String] = []
        var sink: [UInt8] = []
        state.walk(input.document, path: &path, whole: nil, role: .document, out: &sink)
        let chunkEvents: [JSONValue] = input.chunkedLog.map { log in
            log.compactMap { if case .event(let e) = $0 { return e } else { return nil } }
        } ?? []
        for event in chunkEvents { state.walk(event, path: &path, whole: nil, role: .event, out: &sink) }

        state.startWriting()
        var output = input
        var document: [UInt8] = []
        document.reserveCapacity(input.document.rawBytes.count)
        state.walk(input.document, path: &path, whole: nil, role: .document, out: &document)
        if state.changes > 0 {
            output.document = Self.reparse(document) ?? JSONValue.emptyObject
        }
        if let log = input.chunkedLog {
            let before = state.changes
            var array: [UInt8] = [UInt8(ascii: "[")]
            for (i, event) in chunkEvents.enumerated() {
                if i > 0 { array.append(UInt8(ascii: ",")) }
                state.walk(event, path: &path, whole: nil, role: .event, out: &array)
            }
            array.append(UInt8(ascii: "]"))
            if state.changes > before {
                var events = Self.reparse(array).map { Array($0.elements) } ?? []
                if events.count != chunkEvents.count { events = [] }
                var next = 0
                output.chunkedLog = log.compactMap { entry -> LogEntry? in
                    switch entry {
                    case .gap: return entry
                    case .event:
                        guard next < events.count else { return nil }
                        defer { next += 1 }
                        return .event(events[next])
                    }
                }
            }
        }
        output.warnings = input.warnings.map { w in
            var w = w
            w.message = state.redactText(w.message)
            return w
        }
        output.source.file = state.redactText(input.source.file)
        output.redaction = state.report()
        return output
    }

    /// A message printed outside any session (stderr): the text patterns,
    /// the user's patterns and the values `knowing` was given, with
    /// unnumbered labels (`[redacted email]`).
    public func redactMessage(_ text: String) -> String {
        var state = SessionRedaction(rules: rules, numbered: false, known: known)
        state.startWriting()
        return state.redactText(text)
    }

    /// Our own output is valid JSON of the input's depth; nil would be a bug,
    /// and then the caller keeps nothing rather than the unredacted value.
    private static func reparse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONTape.parse(bytes, maxDepth: 4096).root
    }
}
