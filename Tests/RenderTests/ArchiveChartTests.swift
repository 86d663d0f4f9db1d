import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Render
import Transcript

/// Collects the `<title>` of every bar of an SVG (also checks it is well-formed XML).
final class BarTitles: NSObject, XMLParserDelegate {
    var titles: [String] = []
    private var inTitle = false, text = ""
    func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if e == "title" { inTitle = true; text = "" }
    }
    func parser(_ p: XMLParser, foundCharacters s: String) { if inTitle { text += s } }
    func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        if e == "title" { inTitle = false; titles.append(text) }
    }

    static func parse(_ html: String) throws -> [[String]] {
        var out: [[String]] = []
        var rest = Substring(html)
        while let a = rest.range(of: "<svg"), let b = rest.range(of: "</svg>", range: a.upperBound..<rest.endIndex) {
            let svg = String(rest[a.lowerBound..<b.upperBound])
            let d = BarTitles(), p = XMLParser(data: Data(svg.utf8))
            p.delegate = d
            #expect(p.parse(), "the SVG is not well-formed XML")
            out.append(d.titles)
            rest = rest[b.upperBound...]
        }
        return out
    }

    /// "2026-02-20: 3 sessions (2 completed, 1 failed)" -> ("2026-02-20", 3, [2, 1]).
    static func counts(_ title: String) throws -> (label: String, total: Int, parts: [Int]) {
        let colon = try #require(title.range(of: ": ", options: .backwards))
        let label = String(title[..<colon.lowerBound])
        let rest = title[colon.upperBound...]
        let total = try #require(Int(rest.prefix { $0.isNumber }))
        var parts: [Int] = []
        if let open = rest.firstIndex(of: "(") {
            for piece in rest[rest.index(after: open)...].dropLast().split(separator: ",") {
                parts.append(try #require(Int(piece.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })))
            }
        }
        return (label, total, parts)
    }
}

@Suite struct ArchiveChartTests {
    static let categories: [Outcome.Category] = [.completed, .failed, .cancelled, .completedWithErrors, .unknown]
    static let reasons: [Outcome.Reason] = [.none, .runInterrupted, .exception, .cancelledByUser]

    static func entries(seed: UInt64, count: Int, spanDays: Int) throws -> [IndexEntry] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let base = try IndexTests.entry("x", created: nil)
        return (0..<count).map { i in
            var e = base
            e.id = "s\(i)"; e.name = e.id
            if next(20) != 0 {
                let t = Timestamp(seconds: 1_767_225_600 + Double(next(spanDays * 86400)))
                e.created = t
                e.createdText = t.display() + " UTC"
            } else { e.created = nil; e.createdText = nil }
            e.category = categories[next(categories.count)]
            e.reason = e.category == .completed ? .none : reasons[next(reasons.count)]
            return e
        }
    }

    @Test(arguments: [(1, 0, 1), (2, 40, 3), (3, 300, 60), (4, 500, 119), (5, 400, 121), (6, 900, 800), (7, 300, 4000)])
    func barTitlesAddUpToTheEntries(seed: Int, count: Int, span: Int) throws {
        let entries = try Self.entries(seed: UInt64(seed), count: count, spanDays: span)
        let chart = ArchiveChart(entries, zone: .utc)
        let html = ArchiveChartFigure.html(chart).html
        let svgs = try BarTitles.parse(html)
        guard count > 0 else { #expect(html.isEmpty); return }
        let sessions = try svgs[0].map(BarTitles.counts)
        for s in sessions { #expect(s.parts.reduce(0, +) == s.total, "\(s)") }
        #expect(sessions.reduce(0) { $0 + $1.total } == entries.count)
        #expect(sessions.count <= 121)
        if chart.sessions.bin == .day {
            var perDay: [String: Int] = [:]
            for e in entries { perDay[e.createdText.map { String($0.prefix(10)) } ?? ArchiveChart.undatedLabel, default: 0] += 1 }
            for s in sessions { #expect(perDay[s.label, default: 0] == s.total, "\(s.label)") }
            // Continuous axis: consecutive days.
            let days = sessions.map(\.label).filter { $0 != ArchiveChart.undatedLabel }
            #expect(Set(days).count == days.count)
        }
        let failures = entries.filter { $0.reason != .none }.count
        if failures > 0 {
            let r = try svgs[1].map(BarTitles.counts)
            for s in r { #expect(s.parts.reduce(0, +) == s.total) }
            #expect(r.reduce(0) { $0 + $1.total } == failures)
        }
        #expect(ArchiveChartFigure.html(ArchiveChart(entries.reversed(), zone: .utc)).html == html, "order-independent bytes")
    }

    @Test(arguments: [
        (0, 0, ChartBin.day), (0, 119, .day), (0, 120, .week), (0, 830, .week), (0, 839, .month), (0, 900, .month),
        (0, 3000, .month), (0, 3600, .month), (0, 3700, .years(1)), (0, 3800, .years(1)), (-700_000, 2_900_000, .years(83)),
    ])
    func binsGrowWithTheRange(first: Int, last: Int, expected: ChartBin) {
        let bin = ChartBin.choose(first: first, last: last)
        #expect(bin == expected)
        var n = 0, start = bin.start(of: first)
        while start <= last { n += 1; start = bin.next(after: start) }
        #expect(n <= 120)
    }

    @Test func weeksStartOnMonday() {
        let day = Timestamp.daysFromCivil(2026, 2, 20)  // a Friday
        #expect(ChartBin.week.label(ChartBin.week.start(of: day)) == "2026-02-16 to 2026-02-22")
        #expect(ChartBin.month.label(ChartBin.month.start(of: day)) == "2026-02")
    }

    @Test func impossibleTimesGoToTheUndatedBar() throws {
        var a = try IndexTests.entry("a", created: "2026-02-20T10:00:00Z")
        var b = try IndexTests.entry("b", created: nil)
        b.created = Timestamp(seconds: .infinity)
        a.category = .failed; a.reason = .exception
        let chart = ArchiveChart([a, b], zone: .utc)
        #expect(chart.sessions.bars.count == 1)
        #expect(chart.sessions.undated?.total == 1)
        #expect(chart.failures.bars.map(\.label) == ["2026-02-16 to 2026-02-22"])
    }

    @Test func theDisplayZoneMovesSessionsAcrossMidnight() throws {
        let e = try IndexTests.entry("a", created: "2026-02-20T23:30:00Z")
        #expect(ArchiveChart([e], zone: DisplayTimeZone(offsetSeconds: 3600)).firstDay == "2026-02-21")
        var shown = e
        shown.createdText = "2026-02-21 00:30:00 UTC+01:00"
        #expect(ArchiveChart.zone(of: [shown]) == DisplayTimeZone(offsetSeconds: 3600))
        #expect(ArchiveChart.zone(of: [e]) == .utc)
    }

    @Test func goldenSmallArchive() throws {
        let entries = try Self.entries(seed: 42, count: 12, spanDays: 9)
        let chart = ArchiveChart(entries, zone: .utc)
        try Golden.check(ArchiveChartFigure.html(chart).html, "chart-small.fragment.txt")
        try Golden.check(ArchiveChartTable.markdown(chart), "chart-small.md")
    }
}
