/// A run summary: a `run_complete` payload (the message's `runMeta`, FORMAT.md
/// §3, §4) or the document's `run_meta` (§2, §7): `{steps, tokens, time}`.
public struct RunMetaRecord: Sendable {
    public var steps: ShownValue?
    public var tokens: ShownValue?
    /// "41.3s", as written.
    public var time: ShownValue?

    /// Nil unless `value` is an object.
    public init?(_ value: JSONValue?) {
        guard let value, value.isObject else { return nil }
        steps = value.shown("steps")
        tokens = value.shown("tokens")
        time = value.shown("time")
    }
}
