import Transcript

/// Shows backend timestamps in the report's zone. Text that does not parse
/// is shown as written rather than dropped.
struct Clock {
    let zone: DisplayTimeZone
    private let cache = OffsetCache()

    init(zone: DisplayTimeZone) { self.zone = zone }

    /// "2026-02-20 10:01:02 UTC", "2026-01-15 21:01:02 AEDT (UTC+11:00)".
    func full(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let t = Timestamp.parse(raw) else { return raw }
        let (offset, label) = at(t)
        return "\(t.display(offsetSeconds: offset)) \(label)"
    }

    /// "10:01:02" when on `day` (a "2026-02-20" in the display zone), else the full form.
    func time(_ raw: String?, onDay day: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let t = Timestamp.parse(raw) else { return raw }
        let (offset, label) = at(t)
        let shown = t.display(offsetSeconds: offset)
        if let day, shown.hasPrefix(day) { return String(shown.dropFirst(11)) }
        return "\(shown) \(label)"
    }

    func day(_ raw: String?) -> String? {
        guard let raw, let t = Timestamp.parse(raw) else { return nil }
        return t.day(offsetSeconds: at(t).0)
    }

    private func at(_ t: Timestamp) -> (Int, String) {
        guard zone.identifier != nil else { return (zone.offsetSeconds, zone.description) }
        return cache.offset(zone, t.seconds)
    }
}

/// Offsets per quarter hour (every tz transition falls on one), so a named
/// zone costs one tz look-up per quarter hour a report spans. One per report,
/// used by one thread.
final class OffsetCache {
    private var entries: [Int: (Int, String)] = [:]

    func offset(_ zone: DisplayTimeZone, _ seconds: Double) -> (Int, String) {
        let key = Int((seconds / 900).rounded(.down))
        if let hit = entries[key] { return hit }
        let found = zone.offset(at: Double(key) * 900)
        entries[key] = found
        return found
    }
}
