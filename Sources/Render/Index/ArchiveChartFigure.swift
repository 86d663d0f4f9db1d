import Transcript

/// The index's two figures as HTML: caption, inline SVG, legend and the
/// same figures as a table (the text fallback; screen readers read it).
enum ArchiveChartFigure {
    /// Bottom of the stack first: failures stay comparable from bar to bar.
    static let outcomeOrder: [Outcome.Category] = [.failed, .completedWithErrors, .cancelled, .unknown, .pending, .inProgress, .completed]

    static func html(_ chart: ArchiveChart) -> SafeHTML {
        guard chart.sessions.total > 0 else { return .empty }
        var w = MarkupWriter()
        let categoryOrder = outcomeOrder.compactMap { ArchiveChart.categories.firstIndex(of: $0) }
        figure(chart.sessions, id: "chart-sessions", heading: "Sessions per \(chart.sessions.bin.noun), by outcome",
               caption: caption(chart, chart.sessions, what: "sessions"),
               classes: ArchiveChart.categories.map { "c-" + $0.rawValue }, labels: ArchiveChart.categoryLabels,
               order: categoryOrder, noun: "", into: &w)
        if chart.failures.total > 0 {
            figure(chart.failures, id: "chart-reasons", heading: "Failure reasons per \(chart.failures.bin.noun)",
                   caption: caption(chart, chart.failures, what: "sessions with a failure reason"),
                   classes: ArchiveChart.reasons.map { "r-" + $0.rawValue }, labels: ArchiveChart.reasonLabels,
                   order: Array(ArchiveChart.reasons.indices), noun: " with a failure reason", into: &w)
        } else {
            w.raw("<p class=\"muted\">No session of the archive has a failure reason.</p>\n")
        }
        return w.html
    }

    /// "42 days from 2026-01-14 to 2026-02-24, one bar per day; days in UTC, the zone of the reports."
    static func caption(_ chart: ArchiveChart, _ s: ArchiveChart.Stack, what: String) -> String {
        var text = "\(TextForm.grouped(s.total)) \(what)"
        if let first = chart.firstDay, let last = chart.lastDay {
            text += " over \(TextForm.plural(chart.dayCount, "day")) from \(first) to \(last), one bar per \(s.bin.noun)"
            if s.bin != .day {
                text += chart.sessions.bin == .day ? "" : " (the range is longer than 120 days)"
                if s.bin == .week { text += ", weeks from Monday to Sunday" }
            }
            text += "; days in \(chart.zone), the zone of the reports"
        }
        if let u = s.undated { text += "; \(TextForm.grouped(u.total)) without a creation time in the last bar" }
        return text + "."
    }

    private static func figure(_ s: ArchiveChart.Stack, id: StaticString, heading: String, caption: String,
                               classes: [String], labels: [String], order: [Int], noun: String, into w: inout MarkupWriter) {
        w.raw("<figure class=\"chart\" id=\""); w.raw(id); w.raw("\">\n<figcaption><strong>"); w.text(heading)
        w.raw("</strong> <span class=\"muted\">"); w.text(caption); w.raw("</span></figcaption>\n")
        ArchiveChartSVG(stack: s, classes: classes, labels: labels, order: order, noun: noun,
                        ariaLabel: heading + ": " + caption).draw(into: &w)
        let present = order.reversed().filter { i in s.bars.contains { $0.counts[i] > 0 } || (s.undated?.counts[i] ?? 0) > 0 }
        w.raw("<ul class=\"chart-legend\">")
        for i in present {
            w.raw("<li><span class=\"swatch "); w.text(classes[i]); w.raw("\"></span>"); w.text(labels[i]); w.raw("</li>")
        }
        w.raw("</ul>\n<details class=\"chart-data\"><summary>The figures as a table</summary>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>")
        w.text(s.bin.noun.prefix(1).uppercased() + s.bin.noun.dropFirst()); w.raw("</th><th class=\"num\">Sessions</th>")
        for i in present { w.raw("<th class=\"num\">"); w.text(labels[i]); w.raw("</th>") }
        w.raw("</tr></thead>\n<tbody>\n")
        for bar in s.bars.filter({ $0.total > 0 }) + (s.undated.map { [$0] } ?? []) {
            w.raw("<tr><td>"); w.text(bar.label); w.raw("</td><td class=\"num\">"); w.int(bar.total); w.raw("</td>")
            for i in present { w.raw("<td class=\"num\">"); w.int(bar.counts[i]); w.raw("</td>") }
            w.raw("</tr>\n")
        }
        w.raw("</tbody>\n</table></div>\n<p class=\"muted\">")
        w.text("\(s.bin.noun.prefix(1).uppercased() + s.bin.noun.dropFirst())s without sessions are left out of the table.")
        w.raw("</p>\n</details>\n</figure>\n")
    }
}
