import ByteLevel
import Transcript

/// A manifest entry read without Foundation's JSONDecoder, which was most of
/// an unchanged rerun's time (every entry is decoded when the manifest is
/// opened and again when its session is checked). Strict: it takes only the
/// shape this tool writes (known keys, each once, of the exact types) and
/// returns nil for anything else, which the caller then hands to
/// JSONDecoder. So whatever it returns is what JSONDecoder would have
/// (ManifestEntryDecodingTests compares the two).
extension ManifestEntry {
    public static func strictlyDecoded(_ bytes: [UInt8]) -> ManifestEntry? {
        guard bytes.span.isValidUTF8, let tape = try? JSONTape.parse(bytes, maxDepth: 16) else { return nil }
        return try? ManifestEntry(strict: tape.root)
    }

    private static let keys: Set<String> = ["session", "updated", "severity", "files", "inputSHA256", "options", "tool", "run", "warnings"]

    private init(strict value: JSONValue) throws {
        let f = try StrictFields(value, allowed: Self.keys)
        self.init(session: try IndexEntry(strict: try f.required("session")), updated: try f.optional("updated", StrictFields.string),
                  files: try f.required("files") { try StrictFields.array($0) { try ReportFile(strict: $0) } },
                  inputSHA256: try f.required("inputSHA256", StrictFields.string), options: try f.required("options", StrictFields.stringMap),
                  tool: try f.required("tool", StrictFields.string), run: try f.required("run", StrictFields.string))
        severity = try f.optional("severity", StrictFields.string)
        warnings = try f.optional("warnings") { try StrictFields.array($0, StrictFields.string) }
    }
}

extension ReportFile {
    fileprivate init(strict value: JSONValue) throws {
        let f = try StrictFields(value, allowed: ["name", "format", "size", "sha256"])
        name = try f.required("name", StrictFields.string)
        format = try f.required("format", StrictFields.string)
        size = try f.required("size", StrictFields.int)
        sha256 = try f.required("sha256", StrictFields.string)
    }
}

extension IndexEntry {
    private static let keys: Set<String> = [
        "id", "name", "kind", "created", "createdText", "scenario", "category", "reason", "turns", "steps", "durationSeconds",
        "alertExcerpt", "failingAgents", "failedStepKinds", "warningCount", "redaction", "severity", "finding",
    ]

    fileprivate init(strict value: JSONValue) throws {
        let f = try StrictFields(value, allowed: Self.keys)
        // Redaction reports are rare (--redact): JSONDecoder reads those.
        guard try f.optional("redaction", { $0 }) == nil else { throw StrictFields.Mismatch.mismatch }
        id = try f.required("id", StrictFields.string)
        name = try f.required("name", StrictFields.string)
        kind = try f.required("kind", StrictFields.raw(DocumentKind.self))
        created = try f.optional("created", StrictFields.double).map(Timestamp.init(seconds:))
        createdText = try f.optional("createdText", StrictFields.string)
        scenario = try f.optional("scenario", StrictFields.string)
        category = try f.required("category", StrictFields.raw(Outcome.Category.self))
        reason = try f.required("reason", StrictFields.raw(Outcome.Reason.self))
        turns = try f.required("turns", StrictFields.int)
        steps = try f.required("steps", StrictFields.int)
        durationSeconds = try f.optional("durationSeconds", StrictFields.double)
        alertExcerpt = try f.required("alertExcerpt", StrictFields.string)
        failingAgents = try f.required("failingAgents") { try StrictFields.array($0, StrictFields.string) }
        failedStepKinds = try f.required("failedStepKinds") { try StrictFields.array($0, StrictFields.raw(StepErrorKind.self)) }
        warningCount = try f.required("warningCount", StrictFields.int)
        redaction = nil
        severity = try f.optional("severity", StrictFields.string)
        finding = try f.optional("finding", StrictFields.string)
    }
}

/// An object's members for the strict decoder: each key known and once.
private struct StrictFields {
    enum Mismatch: Error { case mismatch }
    private var members: [(key: String, value: JSONValue)] = []

    init(_ value: JSONValue, allowed: Set<String>) throws {
        guard value.isObject else { throw Mismatch.mismatch }
        members.reserveCapacity(value.count)
        for (key, v) in value.members {
            guard allowed.contains(key), !members.contains(where: { $0.key == key }) else { throw Mismatch.mismatch }
            members.append((key, v))
        }
    }

    /// Absent or null: nil (as `decodeIfPresent`); anything else must read.
    func optional<T>(_ key: String, _ read: (JSONValue) throws -> T) throws -> T? {
        guard let v = members.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
        return try read(v)
    }

    func required<T>(_ key: String, _ read: (JSONValue) throws -> T) throws -> T {
        guard let v = try optional(key, read) else { throw Mismatch.mismatch }
        return v
    }

    func required(_ key: String) throws -> JSONValue { try required(key) { $0 } }

    /// A string whose escapes hold no surrogate (JSONDecoder's handling of
    /// a lone one is its own): an escaped surrogate sends it to JSONDecoder.
    static func string(_ v: JSONValue) throws -> String {
        guard let s = v.string else { throw Mismatch.mismatch }
        let raw = v.rawBytes
        if raw.count > 6, let slash = raw.firstIndex(of: UInt8(ascii: "\\")) {
            var i = slash
            while i + 3 < raw.endIndex {
                if raw[i] == UInt8(ascii: "\\") && raw[i + 1] == UInt8(ascii: "u") && (raw[i + 2] | 0x20) == UInt8(ascii: "d") {
                    throw Mismatch.mismatch
                }
                i += 1
            }
        }
        return s
    }

    /// Digits only (an optional minus): what JSONDecoder reads as an Int either way.
    static func int(_ v: JSONValue) throws -> Int {
        guard let text = v.numberText, let i = Int(text) else { throw Mismatch.mismatch }
        return i
    }

    static func double(_ v: JSONValue) throws -> Double {
        guard let text = v.numberText, let d = Double(text), d.isFinite else { throw Mismatch.mismatch }
        return d
    }

    static func raw<E: RawRepresentable>(_ type: E.Type) -> (JSONValue) throws -> E where E.RawValue == String {
        { v throws in
            guard let e = E(rawValue: try string(v)) else { throw Mismatch.mismatch }
            return e
        }
    }

    static func array<T>(_ v: JSONValue, _ read: (JSONValue) throws -> T) throws -> [T] {
        guard v.isArray else { throw Mismatch.mismatch }
        var out: [T] = []
        out.reserveCapacity(v.count)
        for e in v.elements { out.append(try read(e)) }
        return out
    }

    static func stringMap(_ v: JSONValue) throws -> [String: String] {
        guard v.isObject else { throw Mismatch.mismatch }
        var out: [String: String] = [:]
        for (key, value) in v.members {
            guard out.updateValue(try string(value), forKey: key) == nil else { throw Mismatch.mismatch }
        }
        return out
    }
}
