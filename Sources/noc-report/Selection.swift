import ArgumentParser
import Transcript

/// Which sessions a command works on. Every filter given must match.
struct Selection: ParsableArguments {
    @Option(name: .customLong("session"), help: ArgumentHelp("Only this session id, or a unique prefix of it (repeatable).", valueName: "id"))
    var sessions: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only sessions of this scenario (repeatable).", valueName: "name"))
    var scenario: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this outcome category: completed, completed_with_errors, cancelled, failed, in_progress, pending, unknown (repeatable).", valueName: "category"))
    var outcome: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this failure reason, e.g. run_interrupted (repeatable).", valueName: "reason"))
    var reason: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only sessions created at or after this date or date-time (ISO 8601, UTC unless an offset is given).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only sessions created before this date or date-time; a bare date includes that whole day.", valueName: "date"))
    var until: String?

    func validate() throws {
        for o in outcome where Outcome.Category(rawValue: o) == nil {
            throw ValidationError("unknown --outcome '\(o)' (use \(Outcome.Category.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for r in reason where Outcome.Reason(rawValue: r) == nil {
            throw ValidationError("unknown --reason '\(r)' (use \(Outcome.Reason.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since '\(since)' is not a date like 2026-02-20 or 2026-02-20T10:00:00Z") }
        if let until, Timestamp.parse(until) == nil { throw ValidationError("--until '\(until)' is not a date like 2026-02-20 or 2026-02-20T10:00:00Z") }
    }

    var isEmpty: Bool {
        sessions.isEmpty && scenario.isEmpty && outcome.isEmpty && reason.isEmpty && since == nil && until == nil
    }

    /// Filters that only a replayed session can answer (all but --session).
    var needsTranscript: Bool {
        !scenario.isEmpty || !outcome.isEmpty || !reason.isEmpty || since != nil || until != nil
    }

    /// Cheap test on the first pass's header, before a document is parsed.
    func mayMatch(_ item: Catalog.Item) -> Bool {
        sessions.isEmpty || item.document.header.id.map(sessions.contains) == true
    }

    /// `id` is the session id as read (under --redact, `t.id` may be a label).
    func matches(_ t: Transcript, id: String? = nil) -> Bool {
        if !sessions.isEmpty && !sessions.contains(id ?? t.id) { return false }
        if !scenario.isEmpty && !scenario.contains(t.header.scenario ?? "") { return false }
        if !outcome.isEmpty && !outcome.contains(t.outcome.category.rawValue) { return false }
        if !reason.isEmpty && !reason.contains(t.outcome.reason.rawValue) { return false }
        if since != nil || until != nil {
            guard let created = t.header.created else { return false }
            if let since, let s = Timestamp.parse(since), created < s { return false }
            if let until, var u = Timestamp.parse(until) {
                if until.count == 10 { u.seconds += 86400 }
                if created >= u { return false }
            }
        }
        return true
    }
}

extension Selection {
    /// `--session 01f63b7b`: each value that is not an id of the input stands
    /// for the one id it begins. Several ids begin it: they are listed, exit 2;
    /// none: what ids there are, exit 1.
    func resolvingPrefixes(of items: [Catalog.Item], diagnostics: Diagnostics) throws -> Selection {
        guard !sessions.isEmpty else { return self }
        let ids = items.compactMap { $0.document.header.id }
        let known = Set(ids)
        var resolved = self
        resolved.sessions = []
        for wanted in sessions {
            if known.contains(wanted) { resolved.sessions.append(wanted); continue }
            let candidates = ids.filter { $0.hasPrefix(wanted) }
            switch candidates.count {
            case 1: resolved.sessions.append(candidates[0])
            case 0:
                let shown = ids.prefix(5).map { String($0.prefix(40)) }.joined(separator: ", ")
                diagnostics.error("--session \(wanted): no session id is or begins with it; the input has \(ids.count) session\(ids.count == 1 ? "" : "s")\(ids.isEmpty ? "" : " (" + shown + (ids.count > 5 ? ", …" : "") + ")")")
                throw ExitCode(.problems)
            default:
                let shown = candidates.prefix(10).joined(separator: ", ")
                diagnostics.error("--session \(wanted) is the beginning of \(candidates.count) session ids; give more of one: \(shown)\(candidates.count > 10 ? ", …" : "")")
                throw ExitCode(.failure)
            }
        }
        return resolved
    }
}
