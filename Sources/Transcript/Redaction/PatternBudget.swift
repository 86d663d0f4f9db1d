/// How much work a user's pattern may do on one field. A backtracking
/// pattern such as `(a+)+$` takes exponential time on a short miss; the
/// budget turns that into "this field is redacted whole" instead of a hang.
///
/// Counted in ICU's matcher steps, not in time: the same field and pattern
/// always end the same way, whatever the machine's load (same input, same
/// bytes). A normal pattern needs a few steps per character; the budget
/// is about 25 ms of matching on this machine's ICU (18 ns a step).
struct PatternBudget: Sendable {
    /// Allowed for any field.
    var baseSteps: Int
    /// Allowed on top for each UTF-16 unit of the field (ICU scans UTF-16).
    var stepsPerUnit: Int

    /// The first fields of a session over budget get this much.
    static let normal = PatternBudget(baseSteps: 1_500_000, stepsPerUnit: 100)
    /// After `strikes` fields over budget in one session a rule gets this:
    /// a pattern that blows up on every field must not cost 25 ms each.
    static let reduced = PatternBudget(baseSteps: 100_000, stepsPerUnit: 100)
    static let strikes = 4

    /// ICU reports progress once per start position it tries and once per
    /// this many steps of one match attempt.
    static let stepsPerProgressReport = 10_000

    /// How many progress reports a search of a field this long may make:
    /// one per start position, plus the steps allowed.
    func progressReports(forUnits units: Int) -> Int {
        let steps = baseSteps + stepsPerUnit * units
        return units + 1 + steps / Self.stepsPerProgressReport
    }
}
