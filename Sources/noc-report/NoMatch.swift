import Transcript

extension SessionSource {
    /// When the filters matched nothing: which scenarios, outcomes and
    /// creation dates the input does have, so the next try can hit. Replays
    /// every session once more, ignoring the filters: only on this failure path.
    func noMatchMessage(jobs: Int) -> String {
        var scenarios: [String: Int] = [:], outcomes: [String: Int] = [:], reasons: [String: Int] = [:]
        var first: Timestamp?, last: Timestamp?
        let loader = self.loader, items = catalog.items, redactor = self.redactor
        orderedParallelMap(count: indices.count, jobs: jobs, work: { i -> Transcript? in
            let loaded = loader.load(items[Int(indices[i])]).map { input in redactor.map { $0.redact(input) } ?? input }
            return try? loaded.map { Replay.run($0) }.get()
        }, consume: { _, t in
            guard let t else { return }
            scenarios[t.header.scenario ?? "(none)", default: 0] += 1
            outcomes[t.outcome.category.rawValue, default: 0] += 1
            if t.outcome.reason != .none { reasons[t.outcome.reason.rawValue, default: 0] += 1 }
            if let c = t.header.created {
                first = min(first ?? c, c)
                last = max(last ?? c, c)
            }
        })
        func list(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.sorted { $0.key < $1.key }.prefix(20).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                + (d.count > 20 ? ", …" : "")
        }
        let range = first.map { f in "created \(f.day()) to \((last ?? f).day()) (UTC)" } ?? "no readable created_at"
        return "no session matches the filters (of \(indices.count) read). The input has: scenarios \(list(scenarios)); "
            + "outcomes \(list(outcomes)); reasons \(list(reasons)); \(range). Nothing was written."
    }
}
