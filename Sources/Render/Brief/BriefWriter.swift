/// The brief (`<name>.brief.md`): a session's postmortem top in a few
/// KiB, for a ticket. Built from the same `ReportModel` as the full
/// reports. Only headings, paragraphs, bold labels and flat lists are
/// written (no HTML, tables, quotes or footnotes), every value escaped by
/// `MarkdownText`, so it reads the same in GitHub, Jira and ServiceNow.
/// The byte limit is hard: parts that do not fit are cut at a block
/// boundary with a note naming the full report.
public struct BriefWriter: Sendable {
    public static let defaultLimit = 16 * 1024
    /// Title, outcome line, report names and the cut note always fit in this.
    public static let minimumLimit = 2048
    /// Longest title and single item, in bytes of Markdown.
    static let titleBytes = 240
    static let itemBytes = 1200

    public let limit: Int

    public init(limit: Int = BriefWriter.defaultLimit) {
        self.limit = max(limit, Self.minimumLimit)
    }

    /// The brief as UTF-8 bytes, at most `limit`. `reports` are the file
    /// names of the full reports written beside it (may be empty).
    public func brief(_ m: ReportModel, reports: [String]) -> [UInt8] {
        let elsewhere = reports.first(where: { $0.hasSuffix(".md") }) ?? reports.first(where: { $0.hasSuffix(".html") })
            ?? reports.first
        let seeText = elsewhere.map { "see " + MarkdownText.inline($0) } ?? "see the full report (render --format md)"
        let footer = Self.footer(reports)
        var sections = BriefSections(model: m, see: seeText).all
        func cutNote(_ leftOut: [String]) -> String {
            "*Cut to fit \(TextForm.grouped(limit)) bytes" + (leftOut.isEmpty ? "" : " (not shown: \(leftOut.joined(separator: ", ")))")
                + ": \(elsewhere.map { "the full report is " + MarkdownText.inline($0) } ?? "render the md or html format for the full report").*"
        }
        var doc = BriefBlocks(limit: limit)
        let tail = footer.reduce(0) { $0 + BriefBlocks.size($1) } + BriefBlocks.size(cutNote(sections.map(\.title))) + 1
        doc.reserve(tail)
        // The title and outcome line are small enough to always fit (minimumLimit).
        var cut = false
        for block in header(m, see: seeText) where !doc.add(block) { cut = true }
        var leftOut: [String] = []
        for (i, budget) in Self.budgets(sections, doc.remaining).enumerated() {
            cut = sections[i].write(into: &doc, budget: budget) || cut
            if budget == 0 { leftOut.append(sections[i].title) }
        }
        doc.release(tail)
        if cut { doc.add(cutNote(leftOut)); doc.add("") }
        for block in footer { doc.add(block) }
        return doc.bytes
    }

    /// Title, outcome line (outcome and reason, always), the banner, then
    /// the outcome paragraph when it fits.
    private func header(_ m: ReportModel, see: String) -> [String] {
        let reason = m.outcome.reasonLabel.map { "\($0) (`\(m.outcome.reason.rawValue)`)" } ?? "none recorded"
        var out = ["# " + Self.title(m.title), "",
                   "**Outcome:** \(MarkdownText.inline(m.outcome.label)) · **Reason:** \(reason)", ""]
        var facts = ["\(TextForm.plural(m.stats.turnCount, "turn")), \(TextForm.plural(m.stats.stepCount, "step"))"
            + (m.stats.failedStepCount > 0 ? " (\(m.stats.failedStepCount) failed)" : "")]
        if let created = m.stats.createdText { facts.insert("started " + MarkdownText.inline(created), at: 0) }
        out += [facts.joined(separator: " · "), ""]
        if let banner = m.banner { out += ["**Incomplete log:** " + Self.fit(banner, Self.itemBytes, see: see), ""] }
        if !m.outcome.paragraph.isEmpty { out += [Self.fit(m.outcome.paragraph, Self.itemBytes, see: see), ""] }
        return out
    }

    private static func footer(_ reports: [String]) -> [String] {
        guard !reports.isEmpty else { return ["## Full reports", "", "None written in this run (only the brief was asked for)."] }
        return ["## Full reports", ""] + reports.map { "- " + MarkdownText.codeSpan(String($0.prefix(200))) }
    }

    /// The title on one line, at most `titleBytes` of Markdown.
    static func title(_ text: String) -> String {
        var chars = 160
        while true {
            let t = MarkdownText.inline(TextForm.shortLine(text, limit: chars))
            if t.utf8.count <= titleBytes || chars < 8 { return t.utf8.count <= titleBytes ? t : "Session" }
            chars = chars * 2 / 3
        }
    }

    /// Byte budgets of the sections within `total`: first, by priority, room
    /// for each one's first item; then the rest shared out (`shares`). A
    /// section without room for its first item gets nothing.
    static func budgets(_ sections: [BriefSection], _ total: Int) -> [Int] {
        var out = sections.map { _ in 0 }
        var left = max(0, total)
        for i in sections.indices.sorted(by: { sections[$0].priority < sections[$1].priority })
        where sections[i].firstSize <= left {
            out[i] = sections[i].firstSize
            left -= out[i]
        }
        let extra = shares(sections.indices.map { out[$0] == 0 ? 0 : sections[$0].fullSize - out[$0] }, left)
        return out.indices.map { out[$0] + extra[$0] }
    }

    /// Byte budgets for parts of these sizes within `total`: small parts
    /// get all they need, the rest is shared equally among the large ones.
    static func shares(_ sizes: [Int], _ total: Int) -> [Int] {
        var out = sizes.map { _ in 0 }
        var left = max(0, total)
        var open = Array(sizes.indices).sorted { sizes[$0] < sizes[$1] }
        while !open.isEmpty {
            let fair = left / open.count
            let i = open.removeFirst()
            out[i] = min(sizes[i], fair)
            left -= out[i]
        }
        return out
    }

    /// `text` as one escaped Markdown line of at most `maxBytes`: whole,
    /// or its first whole sentences and a note; a first sentence too long
    /// by itself is not shown, only said to be there.
    static func fit(_ text: String, _ maxBytes: Int, see: String) -> String {
        if text.utf8.count <= maxBytes {
            let whole = MarkdownText.inline(text)
            if whole.utf8.count <= maxBytes { return whole }
        }
        let more = " … (continues: \(see))"
        // Escaping only adds bytes: no sentence past the first maxBytes can fit.
        let window = String(decoding: text.utf8.prefix(maxBytes), as: UTF8.self)
        var sentences = KeyFindingsExtractor.sentences(window.replacingOccurrences(of: "\n", with: " "))
        if text.utf8.count > maxBytes || sentences.count > 1 { sentences.removeLast() }
        var out = ""
        for s in sentences {
            let next = out.isEmpty ? MarkdownText.inline(s) : out + " " + MarkdownText.inline(s)
            guard next.utf8.count + more.utf8.count <= maxBytes else { break }
            out = next
        }
        return out.isEmpty ? "(a text of \(TextForm.grouped(text.utf8.count)) bytes: \(see))" : out + more
    }
}
