import Transcript

/// Shows backend timestamps in the report's zone. Text that does not parse
/// is shown as written rather than dropped.
struct Clock {
    let zone: DisplayTimeZone

    /// "2026-02-20 10:01:02 UTC".
    func full(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let t = Timestamp.parse(raw) else { return raw }
        return "\(t.display(offsetSeconds: zone.offsetSeconds)) \(zone)"
    }

    /// "10:01:02" when on `day` (a "2026-02-20" in the display zone), else the full form.
    func time(_ raw: String?, onDay day: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let t = Timestamp.parse(raw) else { return raw }
        let shown = t.display(offsetSeconds: zone.offsetSeconds)
        if let day, shown.hasPrefix(day) { return String(shown.dropFirst(11)) }
        return "\(shown) \(zone)"
    }

    func day(_ raw: String?) -> String? {
        guard let raw, let t = Timestamp.parse(raw) else { return nil }
        return t.day(offsetSeconds: zone.offsetSeconds)
    }
}
