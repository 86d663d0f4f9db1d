/// ISO-8601 timestamps as the backend writes them (Python `isoformat()`),
/// parsed without Foundation so the result never depends on the machine.
public struct Timestamp: Sendable, Comparable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with `Z`, `±HH:MM`,
    /// `±HHMM` or no offset (taken as UTC); a space may stand for `T`.
    public static func parse(_ text: String) -> Timestamp? {
        var scan = TimestampScanner(Array(text.utf8))
        guard let year = scan.digits(4), scan.expect(UInt8(ascii: "-")), let month = scan.digits(2),
              scan.expect(UInt8(ascii: "-")), let day = scan.digits(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var time = (seconds: 0, fraction: 0.0)
        if !scan.atEnd {
            guard let t = scan.timeAndOffset() else { return nil }
            time = t
        }
        guard scan.atEnd else { return nil }
        let days = daysFromCivil(year, month, day)
        return Timestamp(seconds: Double(days * 86400 + time.seconds) + time.fraction)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// `2026-02-20 10:01:02` shifted by `offsetSeconds` (the display zone).
    public func display(offsetSeconds: Int = 0, withSeconds: Bool = true) -> String {
        let whole = Int((seconds + Double(offsetSeconds)).rounded(.down))
        let days = whole >= 0 ? whole / 86400 : (whole - 86399) / 86400
        let rest = whole - days * 86400
        let (y, m, d) = Timestamp.civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(y)-\(two(m))-\(two(d)) \(two(rest / 3600)):\(two(rest / 60 % 60))"
        if withSeconds { s += ":\(two(rest % 60))" }
        return s
    }

    /// The calendar day, `2026-02-20`, in the display zone.
    public func day(offsetSeconds: Int = 0) -> String {
        String(display(offsetSeconds: offsetSeconds).prefix(10))
    }
}

/// The bytes of a timestamp, read left to right by `Timestamp.parse`.
private struct TimestampScanner {
    let b: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { b = bytes }

    var atEnd: Bool { i >= b.count }

    mutating func digits(_ count: Int) -> Int? {
        guard i + count <= b.count else { return nil }
        var v = 0
        for k in 0..<count {
            let c = b[i + k]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        i += count
        return v
    }

    mutating func expect(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    private func at(_ c: UInt8) -> Bool { i < b.count && b[i] == c }

    /// After the date: `THH:MM[:SS[.ffffff]]` and an optional offset, as
    /// whole seconds since midnight UTC and the fraction apart (added last,
    /// as one sum, so every instant has one exact `Double`).
    mutating func timeAndOffset() -> (seconds: Int, fraction: Double)? {
        guard at(UInt8(ascii: "T")) || at(UInt8(ascii: " ")) || at(UInt8(ascii: "t")) else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2) else { return nil }
        var second = 0
        var fraction = 0.0
        if expect(UInt8(ascii: ":")) {
            guard let s = digits(2) else { return nil }
            second = s
            if at(UInt8(ascii: ".")) || at(UInt8(ascii: ",")) {
                i += 1
                guard let f = fractionDigits() else { return nil }
                fraction = f
            }
        }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        var offset = 0
        if !atEnd {
            guard let o = zoneOffset() else { return nil }
            offset = o
        }
        return (hour * 3600 + minute * 60 + second - offset, fraction)
    }

    /// At least one digit after the decimal separator.
    private mutating func fractionDigits() -> Double? {
        var fraction = 0.0
        var scale = 0.1
        let start = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            fraction += Double(b[i] - 0x30) * scale
            scale /= 10
            i += 1
        }
        return i == start ? nil : fraction
    }

    /// `Z`, `±HH:MM` or `±HHMM`, in seconds east of UTC.
    private mutating func zoneOffset() -> Int? {
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) { return 0 }
        guard at(UInt8(ascii: "+")) || at(UInt8(ascii: "-")) else { return nil }
        let sign = at(UInt8(ascii: "-")) ? -1 : 1
        i += 1
        guard let oh = digits(2) else { return nil }
        _ = expect(UInt8(ascii: ":"))
        guard let om = digits(2), oh < 24, om < 60 else { return nil }
        return sign * (oh * 3600 + om * 60)
    }
}

/// "41.3s", "1m 05s", "2h 03m": short durations for people.
public func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "—" }
    if seconds < 60 {
        let tenths = (seconds * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
    }
    let total = Int(seconds.rounded())
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    if total < 3600 { return "\(total / 60)m \(two(total % 60))s" }
    if total < 86400 { return "\(total / 3600)h \(two(total / 60 % 60))m" }
    return "\(total / 86400)d \(two(total / 3600 % 24))h"
}

/// Encoded as its seconds since 1970 (exact when read back).
extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }
}
