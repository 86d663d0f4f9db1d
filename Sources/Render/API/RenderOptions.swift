/// How reports are written. Everything that could make two runs differ
/// (the zone, the generation time) is passed in here: the library never
/// reads the clock or the machine's time zone.
public struct RenderOptions: Sendable {
    /// Zone for every time shown (the data is in UTC).
    public var timeZone: DisplayTimeZone
    /// Rows of a table or graph visualization shown before "N more rows".
    public var maxTableRows: Int
    /// Generation time text, shown only when set (`--stamp`).
    public var stamp: String?
    /// When set, each report links back to this index file (e.g. "index.html";
    /// the Markdown report links to the same name with `.md`).
    public var indexFileName: String?
    /// Largest brief in bytes (`--brief-limit`); never below `BriefWriter.minimumLimit`.
    public var briefLimit: Int

    public init(timeZone: DisplayTimeZone = .utc, maxTableRows: Int = 50, stamp: String? = nil,
                indexFileName: String? = nil, briefLimit: Int = BriefWriter.defaultLimit) {
        self.timeZone = timeZone
        self.maxTableRows = max(0, maxTableRows)
        self.stamp = stamp
        self.indexFileName = indexFileName
        self.briefLimit = max(BriefWriter.minimumLimit, briefLimit)
    }
}

/// UTC, a fixed offset from UTC, or an IANA zone (Australia/Sydney) whose
/// offset and abbreviation are those in force at each instant shown.
public struct DisplayTimeZone: Sendable, Hashable, CustomStringConvertible {
    public var offsetSeconds: Int
    /// The IANA name, for a zone with rules; nil for UTC and fixed offsets.
    public var identifier: String?

    public static let utc = DisplayTimeZone(offsetSeconds: 0)

    public init(offsetSeconds: Int) {
        self.offsetSeconds = offsetSeconds
    }

    /// "UTC", "Z", "+10:00", "-05:30", "+0530", "+10", optionally after
    /// "UTC" ("UTC+10:00"). Nil for anything else or beyond ±18:00.
    public init?(parsing text: String) {
        if let named = Self.named(text.trimmingASCIIWhitespace()) { self = named; return }
        var s = Substring(text.trimmingASCIIWhitespace())
        if s.uppercased() == "UTC" || s.uppercased() == "Z" || s.uppercased() == "GMT" {
            self.init(offsetSeconds: 0)
            return
        }
        if s.uppercased().hasPrefix("UTC") || s.uppercased().hasPrefix("GMT") { s = s.dropFirst(3) }
        guard let signChar = s.first, signChar == "+" || signChar == "-" || signChar == "\u{2212}" else { return nil }
        let sign = signChar == "+" ? 1 : -1
        let digits = s.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let hours: Int, minutes: Int
        switch digits.count {
        case 1, 2:
            hours = Int(digits) ?? 99; minutes = 0
        case 3:
            hours = Int(digits.prefix(1)) ?? 99; minutes = Int(digits.suffix(2)) ?? 99
        default:
            hours = Int(digits.prefix(2)) ?? 99; minutes = Int(digits.suffix(2)) ?? 99
        }
        guard hours <= 18, minutes < 60, hours * 60 + minutes <= 18 * 60 else { return nil }
        self.init(offsetSeconds: sign * (hours * 3600 + minutes * 60))
    }

    /// "UTC", "UTC+10:00", or the IANA name.
    public var description: String {
        if let identifier { return identifier }
        return Self.offsetText(offsetSeconds)
    }

    static func offsetText(_ offsetSeconds: Int) -> String {
        if offsetSeconds == 0 { return "UTC" }
        let total = abs(offsetSeconds) / 60
        let h = total / 60, m = total % 60
        return "UTC\(offsetSeconds < 0 ? "-" : "+")\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
