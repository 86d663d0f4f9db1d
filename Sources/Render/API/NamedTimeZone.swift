import ByteLevel
import Foundation

/// IANA zones. The offset and abbreviation at an instant come from the C
/// library's tz database (Foundation on Linux names AEDT "GMT+11"); `TZ` is
/// set once, when the zone is parsed, before any worker thread starts.
extension DisplayTimeZone {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var active: String?

    static func named(_ name: String) -> DisplayTimeZone? {
        // UTC, GMT and Z stay the fixed zone; abbreviations (AEDT) are ambiguous.
        guard name.contains("/"), name.count <= 64, !name.contains(".."), TimeZone(identifier: name) != nil,
              FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/" + name) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if active != name {
            LocalTime.select(zone: name)
            active = name
        }
        var zone = DisplayTimeZone(offsetSeconds: 0)
        zone.identifier = name
        return zone
    }

    /// Offset from UTC and its label at `seconds` since 1970: "UTC+11:00" for
    /// a fixed zone, "AEDT (UTC+11:00)" for a named one.
    public func offset(at seconds: Double) -> (seconds: Int, label: String) {
        guard identifier != nil else { return (offsetSeconds, Self.offsetText(offsetSeconds)) }
        guard let (offset, abbreviation) = LocalTime.offset(at: seconds) else { return (0, "UTC") }
        let numeric = Self.offsetText(offset) == "UTC" ? "UTC+00:00" : Self.offsetText(offset)
        let looksNumeric = abbreviation.isEmpty || abbreviation.first == "+" || abbreviation.first == "-"
        return (offset, looksNumeric ? numeric : "\(abbreviation) (\(numeric))")
    }
}
