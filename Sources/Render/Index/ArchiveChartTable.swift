/// The index figures as compact Markdown tables: one row per bin that has
/// sessions (the SVG's bars without the empty ones), plus a total row.
enum ArchiveChartTable {
    static func markdown(_ chart: ArchiveChart) -> String {
        guard chart.sessions.total > 0 else { return "" }
        var out = table(chart.sessions, labels: ArchiveChart.categoryLabels, count: "Sessions",
                        caption: ArchiveChartFigure.caption(chart, chart.sessions, what: "sessions"))
        if chart.failures.total > 0 {
            out += "\n\n" + table(chart.failures, labels: ArchiveChart.reasonLabels, count: "With a reason",
                                caption: ArchiveChartFigure.caption(chart, chart.failures, what: "sessions with a failure reason"))
        }
        return out
    }

    private static func table(_ s: ArchiveChart.Stack, labels: [String], count: String, caption: String) -> String {
        let rows = s.bars.filter { $0.total > 0 } + (s.undated.map { [$0] } ?? [])
        let present = labels.indices.filter { i in rows.contains { $0.counts[i] > 0 } }
        let unit = s.bin.noun.prefix(1).uppercased() + s.bin.noun.dropFirst()
        var lines = [MarkdownText.inline(caption) + " " + MarkdownText.inline("\(unit)s without sessions are left out."), ""]
        lines.append("| " + ([unit, count] + present.map { labels[$0] }).map(MarkdownText.inline).joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: present.count + 1))
        for bar in rows {
            let cells = [MarkdownText.inline(bar.label), String(bar.total)] + present.map { String(bar.counts[$0]) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let totals = ["**All**", String(s.total)] + present.map { i in String(rows.reduce(0) { $0 + $1.counts[i] }) }
        lines.append("| " + totals.joined(separator: " | ") + " |")
        return lines.joined(separator: "\n")
    }
}
