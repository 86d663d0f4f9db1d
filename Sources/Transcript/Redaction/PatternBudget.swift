import ByteLevel

/// How long a user's pattern may search one field. A backtracking pattern
/// such as `(a+)+$` takes exponential time on a short miss; the budget turns
/// that into "this field is redacted whole" instead of a hang.
///
/// Measured in this thread's CPU time, so a loaded machine (other runs,
/// descheduling) does not make a normal pattern run out of budget: a normal
/// pattern needs microseconds per field, the budget is thousands of times that.
struct PatternBudget: Sendable {
    /// Allowed for any field, in nanoseconds.
    var baseNanoseconds: Int
    /// Allowed on top for each UTF-16 unit of the field (ICU scans UTF-16).
    var nanosecondsPerUnit: Int

    /// The first fields of a session over budget get this much.
    static let normal = PatternBudget(baseNanoseconds: 25_000_000, nanosecondsPerUnit: 2_000)
    /// After `strikes` fields over budget in one session a rule gets this:
    /// a pattern that blows up on every field must not cost 25 ms each.
    static let reduced = PatternBudget(baseNanoseconds: 2_000_000, nanosecondsPerUnit: 2_000)
    static let strikes = 4

    func nanoseconds(forUnits units: Int) -> Int {
        baseNanoseconds + nanosecondsPerUnit * units
    }
}

/// A deadline on this thread's CPU clock.
struct CPUDeadline {
    private let end: Int

    init(after nanoseconds: Int) { end = Self.now() + nanoseconds }

    var hasPassed: Bool { Self.now() > end }

    static func now() -> Int { ThreadCPUClock.nanoseconds() }
}
