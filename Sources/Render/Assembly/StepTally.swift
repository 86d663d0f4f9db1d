import Transcript

/// Counts of the steps shown, in order of first appearance: the figures of
/// the header, the facts table and the index.
struct StepTally {
    private(set) var stepCount = 0
    private(set) var failedCount = 0
    /// Agents in order of first use.
    private(set) var agents: [String] = []
    /// Agents of failed steps, in order of first failure.
    private(set) var failingAgents: [String] = []
    /// Kinds of the failed steps, in order of first occurrence.
    private(set) var failedKinds: [StepErrorKind] = []
    /// Sum of the runs' `run_meta.tokens`; nil when no run reported any.
    var tokens: Int?
    // Membership by set: a hostile log with 40 000 distinct agents made the
    // array searches quadratic (9 s for a 5 MB session).
    private var seenAgents = Set<String>(), seenFailingAgents = Set<String>()

    mutating func add(_ step: ReportModel.Step) {
        stepCount += 1
        if let agent = step.agent, seenAgents.insert(agent).inserted { agents.append(agent) }
        guard let f = step.failure else { return }
        failedCount += 1
        if let agent = step.agent, seenFailingAgents.insert(agent).inserted { failingAgents.append(agent) }
        if !failedKinds.contains(f.kind) { failedKinds.append(f.kind) }
    }
}
