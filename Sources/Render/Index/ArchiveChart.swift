import Transcript

/// The figures behind the index charts: sessions per bin by outcome over the
/// archive's whole time range (empty bins included, so the axis is
/// continuous), and sessions with a failure reason per week (or coarser).
struct ArchiveChart: Sendable, Equatable {
    /// One bar: its label ("2026-02-20", "2026-02-16 to 2026-02-22") and a
    /// count per series.
    struct Bar: Sendable, Equatable {
        var label: String
        var counts: [Int]
        var total: Int { counts.reduce(0, +) }
    }

    /// Bars of one chart. `undated` counts the sessions without a creation
    /// time, so that every session of the index is in some bar.
    struct Stack: Sendable, Equatable {
        var bin: ChartBin
        var bars: [Bar]
        var undated: Bar?
        var total: Int { bars.reduce(0) { $0 + $1.total } + (undated?.total ?? 0) }
    }

    /// Series order of the outcome counts and of the reason counts.
    static let categories = Outcome.Category.allCases
    static let reasons = Outcome.Reason.allCases.filter { $0 != .none }
    static let undatedLabel = "No creation time"

    var zone: DisplayTimeZone
    var firstDay: String?
    var lastDay: String?
    var dayCount: Int
    var sessions: Stack
    var failures: Stack

    init(_ entries: some Sequence<IndexEntry>, zone: DisplayTimeZone, maxBars: Int = 120) {
        self.zone = zone
        var perDay: [Int: [Int]] = [:], reasonsPerDay: [Int: [Int]] = [:]
        var undated = Array(repeating: 0, count: Self.categories.count)
        var undatedReasons = Array(repeating: 0, count: Self.reasons.count)
        let categoryIndex = Dictionary(uniqueKeysWithValues: Self.categories.enumerated().map { ($1, $0) })
        let reasonIndex = Dictionary(uniqueKeysWithValues: Self.reasons.enumerated().map { ($1, $0) })
        for e in entries {
            let c = categoryIndex[e.category] ?? 0
            let r = reasonIndex[e.reason]
            guard let day = e.created.flatMap({ ChartBin.dayNumber($0, zone: zone) }) else {
                undated[c] += 1
                if let r { undatedReasons[r] += 1 }
                continue
            }
            perDay[day, default: Array(repeating: 0, count: Self.categories.count)][c] += 1
            if let r { reasonsPerDay[day, default: Array(repeating: 0, count: Self.reasons.count)][r] += 1 }
        }
        let first = perDay.keys.min(), last = perDay.keys.max()
        firstDay = first.map(ChartBin.isoDay)
        lastDay = last.map(ChartBin.isoDay)
        dayCount = first.flatMap { f in last.map { $0 - f + 1 } } ?? 0
        let bin = first.flatMap { f in last.map { ChartBin.choose(first: f, last: $0, maxBars: maxBars) } } ?? .day
        let reasonBin = bin == .day ? ChartBin.week : bin
        sessions = Self.stack(perDay, bin: bin, first: first, last: last, width: Self.categories.count,
                              undated: undated.contains { $0 > 0 } ? undated : nil)
        failures = Self.stack(reasonsPerDay, bin: reasonBin, first: first, last: last, width: Self.reasons.count,
                              undated: undatedReasons.contains { $0 > 0 } ? undatedReasons : nil)
    }

    /// Per-day counts summed into continuous bins from `first` to `last`.
    private static func stack(_ perDay: [Int: [Int]], bin: ChartBin, first: Int?, last: Int?, width: Int,
                              undated: [Int]?) -> Stack {
        var bars: [Bar] = []
        if let first, let last {
            var summed: [Int: [Int]] = [:]
            for (day, counts) in perDay {
                let start = bin.start(of: day)
                var row = summed[start] ?? Array(repeating: 0, count: width)
                for i in 0..<width { row[i] += counts[i] }
                summed[start] = row
            }
            var start = bin.start(of: first)
            while start <= last {
                bars.append(Bar(label: bin.label(start), counts: summed[start] ?? Array(repeating: 0, count: width)))
                start = bin.next(after: start)
            }
        }
        return Stack(bin: bin, bars: bars, undated: undated.map { Bar(label: undatedLabel, counts: $0) })
    }

    /// What a bar's `<title>` says: "2026-02-20: 3 sessions (2 completed, 1 failed)".
    static func title(_ bar: Bar, bin: ChartBin, labels: [String], noun: String, undated: Bool = false) -> String {
        let head = undated ? bar.label : bin.titlePrefix + bar.label
        let parts = zip(bar.counts, labels).filter { $0.0 > 0 }.map { "\($0.0) \($0.1.lowercased())" }
        let total = "\(bar.total) \(bar.total == 1 ? "session" : "sessions")\(noun)"
        return parts.isEmpty ? "\(head): \(total)" : "\(head): \(total) (\(parts.joined(separator: ", ")))"
    }

    static var categoryLabels: [String] { categories.map(OutcomeNarrative.label) }
    static var reasonLabels: [String] { reasons.map { OutcomeNarrative.reasonLabel($0) ?? $0.rawValue } }

    /// The zone most of the entries' creation times are shown in (the zone
    /// the reports were written in, so the chart's days match the rows);
    /// UTC when none says.
    static func zone(of entries: some Sequence<IndexEntry>) -> DisplayTimeZone {
        var vote = ZoneVote()
        for e in entries { vote.add(e) }
        return vote.zone
    }

    /// `zone(of:)` counted one entry at a time (IndexTotals reads the entries once).
    struct ZoneVote {
        private var seen: [DisplayTimeZone: Int] = [:]

        mutating func add(_ e: IndexEntry) {
            guard let text = e.createdText, text.utf8.count > 20,
                  let z = DisplayTimeZone(parsing: String(text.dropFirst(20))) else { return }
            seen[z, default: 0] += 1
        }

        var zone: DisplayTimeZone {
            seen.max { a, b in a.value != b.value ? a.value < b.value : a.key.offsetSeconds > b.key.offsetSeconds }?.key ?? .utc
        }
    }
}
