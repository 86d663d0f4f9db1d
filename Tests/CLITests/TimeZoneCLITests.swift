import Foundation
import Testing

/// Issue 19: `--timezone` with IANA names shows the offset in force at each instant.
@Suite("time zones")
struct TimeZoneCLITests {
    @Test func anIANAZoneFollowsDaylightSavingAcrossTheYear() throws {
        let docs: [[String: Any]] = [("summer", "2026-01-15T10:00:00Z"), ("winter", "2026-07-15T10:00:00Z")].map {
            ["id": $0.0, "status": "completed", "created_at": $0.1, "event_log": []]
        }
        let input = CLI.tempDir().appendingPathComponent("tz.json")
        try JSONSerialization.data(withJSONObject: docs).write(to: input)
        let out = CLI.tempDir()
        let r = try CLI.run(["render", input.path, "--timezone", "Australia/Sydney", "-o", out.path, "-q"])
        #expect(r.code == 0, "\(r.err)")
        let summer = try String(contentsOf: out.appendingPathComponent("summer.md"), encoding: .utf8)
        let winter = try String(contentsOf: out.appendingPathComponent("winter.md"), encoding: .utf8)
        #expect(summer.contains("2026-01-15 21:00:00 AEDT (UTC+11:00)"))
        #expect(winter.contains("2026-07-15 20:00:00 AEST (UTC+10:00)"))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("2026-07-15 20:00 AEST (UTC+10:00)"), "the index's time column says its zone")
    }

    @Test(arguments: [("UTC", "2026-01-15 10:00:00 UTC"), ("+05:30", "2026-01-15 15:30:00 UTC+05:30"),
                      ("Europe/Berlin", "2026-01-15 11:00:00 CET (UTC+01:00)")])
    func zonesOfEveryKind(zone: String, shown: String) throws {
        let input = CLI.tempDir().appendingPathComponent("tz.json")
        try JSONSerialization.data(withJSONObject: [["id": "s", "status": "completed", "created_at": "2026-01-15T10:00:00Z", "event_log": []]]).write(to: input)
        let out = CLI.tempDir()
        _ = try CLI.run(["render", input.path, "--timezone", zone, "-o", out.path, "-q", "--format", "md"])
        #expect(try String(contentsOf: out.appendingPathComponent("s.md"), encoding: .utf8).contains(shown))
    }

    @Test(arguments: ["AEDT", "Mars/Olympus", "../../etc/passwd"])
    func anUnknownZoneIsAUsageError(zone: String) throws {
        let r = try CLI.run(["render", "examples", "--timezone", zone, "-o", CLI.tempDir().path])
        #expect(r.code == 2)
        #expect(r.err.contains("IANA zone like Australia/Sydney"))
    }
}
