#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's time zone database, for the offset and abbreviation of
/// an IANA zone at an instant (Foundation on Linux names AEDT "GMT+11").
public enum LocalTime {
    /// Makes `zone` (an IANA name) the process's zone for `offset(at:)`.
    /// Sets `TZ`: call it before worker threads start.
    public static func select(zone: String) {
        setenv("TZ", ":" + zone, 1)
        tzset()
    }

    /// Offset from UTC in seconds and the zone's abbreviation ("AEDT",
    /// or a number such as "+0530" where the database has none) at
    /// `seconds` since 1970, in the selected zone; nil when out of range.
    public static func offset(at seconds: Double) -> (seconds: Int, abbreviation: String)? {
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return nil }
        return (Int(parts.tm_gmtoff), parts.tm_zone.map { String(cString: $0) } ?? "")
    }
}
