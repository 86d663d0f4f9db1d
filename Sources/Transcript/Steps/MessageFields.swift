/// The fields of the rebuilt messages (FORMAT.md §4) as shown, for readers
/// that show them; the messages themselves keep the values as written.
extension UserMessage {
    public var shownText: ShownValue? { text.map(ShownValue.init) }
    public var shownTimestamp: ShownValue? { timestamp.map(ShownValue.init) }
}

extension OrchestratorMessage {
    public var shownTimestamp: ShownValue? { timestamp.map(ShownValue.init) }
    /// The final answer: Markdown when a string.
    public var shownDiagnosis: ShownValue? { diagnosis.map(ShownValue.init) }
    public var shownErrorMessage: ShownValue? { errorMessage.map(ShownValue.init) }
    /// `runMeta` when it is an object.
    public var runMetaRecord: RunMetaRecord? { RunMetaRecord(runMeta) }
}
