/// One problem found by the tool: with the input, with a session's content,
/// or with writing the output. The library never prints one; `ProblemText`
/// says how it reads, `ExitStatus` what a run that met it returns.
public struct Problem: Error, Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var code: ProblemCode
    /// As reported where it was found. `validate` always uses `code.severity`;
    /// `render` copes with some problems that `validate` calls errors
    /// (orphan chunks, a session's missing chunks) and says so as a warning.
    public var severity: Severity
    public var location: ProblemLocation
    /// What was wrong.
    public var message: String
    /// What the tool did about it, when the message does not say.
    public var action: String?
    /// The same problem as one already reported (a changed file's other
    /// documents): counted, not printed again.
    public var isRepeat = false

    public init(_ code: ProblemCode, severity: Severity, at location: ProblemLocation, _ message: String, action: String? = nil) {
        self.code = code
        self.severity = severity
        self.location = location
        self.message = message
        self.action = action
    }

    /// A problem with the input found while reading it.
    public init(_ severity: Severity, _ location: SourceLocation, _ what: String, action: String, code: ProblemCode) {
        self.init(code, severity: severity, at: ProblemLocation(document: location), what, action: action)
    }

    /// A warning kept with a transcript (its location is the transcript's).
    public init(_ code: ProblemCode, _ message: String, eventIndex: Int? = nil) {
        self.init(code, severity: .warning, at: ProblemLocation(eventIndex: eventIndex), message)
    }

    /// A problem `validate` reports, with the severity of its code.
    public init(_ code: ProblemCode, _ location: SourceLocation, sessionID: String? = nil, eventIndex: Int? = nil,
                field: String? = nil, _ message: String) {
        self.init(code, severity: code.severity,
                  at: ProblemLocation(document: location, sessionID: sessionID, eventIndex: eventIndex, field: field), message)
    }

    /// A failure writing `output` (a path as the user gave the folder).
    public init(writing output: String?, _ code: ProblemCode, _ message: String, action: String? = nil) {
        self.init(code, severity: .error, at: ProblemLocation(output: output), message, action: action)
    }

    /// The same problem as `validate` reports it: the severity of its code,
    /// the session it belongs to.
    public func validated(sessionID: String?) -> Problem {
        var p = self
        p.severity = code.severity
        p.location.sessionID = sessionID
        return p
    }
}
