/// How a command ends, in the one table the README documents:
/// 0 without errors, 1 with errors (or any warning under `--strict`),
/// 2 for a usage error, when nothing could be read, or when the output
/// cannot be written; 130 interrupted; 141 a reader that went away.
public enum ExitStatus: Int32, Sendable, CaseIterable, Comparable {
    case success = 0
    case problems = 1
    case failure = 2
    case interrupted = 130
    case brokenPipe = 141

    /// Worse is larger: a run ends with the worst status any part asked for.
    public static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }

    /// The status of a run that found `errors` and `warnings` and produced
    /// `done` results (reports rendered, documents checked).
    public static func after(errors: Int, warnings: Int, strict: Bool, done: Int) -> ExitStatus {
        if done == 0 && errors > 0 { return .failure }
        if errors > 0 || (strict && warnings > 0) { return .problems }
        return .success
    }
}

extension Problem {
    /// The status of a run that met only this problem and produced something.
    public func exitStatus(strict: Bool) -> ExitStatus {
        if code.endsRun { return .failure }
        switch severity {
        case .error: return .problems
        case .warning: return strict ? .problems : .success
        }
    }
}
