import Transcript

/// How much time one bar of an index chart covers. Days are numbered from
/// 1970-01-01 in the display zone; a bin is named by its first day.
enum ChartBin: Sendable, Equatable {
    case day, week, month
    /// `n` calendar years per bar (a range of more than ten years).
    case years(Int)

    /// The finest bin that draws the days `first...last` in at most `maxBars` bars.
    static func choose(first: Int, last: Int, maxBars: Int = 120) -> ChartBin {
        if last - first + 1 <= maxBars { return .day }
        if (ChartBin.week.start(of: last) - ChartBin.week.start(of: first)) / 7 + 1 <= maxBars { return .week }
        let (y0, m0, _) = Timestamp.civilFromDays(first), (y1, m1, _) = Timestamp.civilFromDays(last)
        if (y1 * 12 + m1) - (y0 * 12 + m0) + 1 <= maxBars { return .month }
        var n = 1
        while y1 / n - y0 / n + 1 > maxBars { n += 1 }
        return .years(n)
    }

    /// The first day of the bin holding `day` (weeks start on Monday).
    func start(of day: Int) -> Int {
        switch self {
        case .day: return day
        case .week: return day - ((day + 3) % 7 + 7) % 7
        case .month:
            let (y, m, _) = Timestamp.civilFromDays(day)
            return Timestamp.daysFromCivil(y, m, 1)
        case .years(let n):
            let (y, _, _) = Timestamp.civilFromDays(day)
            return Timestamp.daysFromCivil(y - ((y % n) + n) % n, 1, 1)
        }
    }

    func next(after start: Int) -> Int {
        switch self {
        case .day: return start + 1
        case .week: return start + 7
        case .month:
            let (y, m, _) = Timestamp.civilFromDays(start)
            return m == 12 ? Timestamp.daysFromCivil(y + 1, 1, 1) : Timestamp.daysFromCivil(y, m + 1, 1)
        case .years(let n):
            let (y, _, _) = Timestamp.civilFromDays(start)
            return Timestamp.daysFromCivil(y + n, 1, 1)
        }
    }

    /// "2026-02-20", "2026-02-16 to 2026-02-22", "2026-02", "2026", "2020 to 2029".
    func label(_ start: Int) -> String {
        switch self {
        case .day: return Self.isoDay(start)
        case .week: return "\(Self.isoDay(start)) to \(Self.isoDay(start + 6))"
        case .month: return String(Self.isoDay(start).prefix(7))
        case .years(let n):
            let (y, _, _) = Timestamp.civilFromDays(start)
            return n == 1 ? "\(y)" : "\(y) to \(y + n - 1)"
        }
    }

    /// What a `<title>` puts before the label.
    var titlePrefix: String { self == .week ? "Week " : "" }

    /// "day", "week", "month", "year", "10 years".
    var noun: String {
        switch self {
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .years(let n): return n == 1 ? "year" : "\(n) years"
        }
    }

    /// The day number of a time in the zone; nil outside the years 1 to 9999
    /// (a hand-edited manifest can hold any number).
    static func dayNumber(_ t: Timestamp, zone: DisplayTimeZone) -> Int? {
        let s = t.seconds + Double(zone.offsetSeconds)
        guard s.isFinite, s >= -62_135_596_800, s < 253_402_300_800 else { return nil }
        return Int((s / 86400).rounded(.down))
    }

    static func isoDay(_ day: Int) -> String {
        let (y, m, d) = Timestamp.civilFromDays(day)
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
