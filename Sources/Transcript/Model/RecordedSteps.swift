/// FORMAT.md §6: a session whose event log was lost (restart recovery of a
/// chunked session rewrites chunk 0 empty and deletes the others). When the
/// rebuilt log has no event and the document has a non-empty `steps`
/// array, those steps, `diagnosis` and `run_meta` are the only record of
/// what the investigation did. Kept beside the replay: `messages` stay the
/// replay of the (empty) log.
public struct RecordedSteps: Sendable {
    /// The document's `steps`, every turn's `step_complete` payloads.
    public var steps: [StepRecord]
    /// The document's `diagnosis`: the last value any turn wrote (§2), not
    /// necessarily an answer of the last turn.
    public var diagnosis: ShownValue?
    /// The document's `run_meta` (the last `run_complete` payload written),
    /// when it is an object.
    public var runMeta: RunMetaRecord?
    /// Why the log is empty, in words for the Data integrity section.
    public var why: String
}
