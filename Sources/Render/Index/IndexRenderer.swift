import Transcript

/// Writes `index.md` and `index.html` (and `index-2.*`, ... when the
/// sessions do not fit on one page) through the index templates.
public enum IndexRenderer {
    public static func render(entries: [IndexEntry], context: IndexContext,
                              templates: Templates) -> [(fileName: String, contents: String)] {
        let sorted = entries.sorted(by: IndexEntry.newestFirst)
        let totals = IndexTotals(sorted)
        let pageCount = max(1, (sorted.count + context.pageSize - 1) / context.pageSize)
        var files: [(fileName: String, contents: String)] = []
        let chart = ArchiveChart(sorted, zone: ArchiveChart.zone(of: sorted))
        for page in 1...pageCount {
            let start = (page - 1) * context.pageSize
            let slice = Array(sorted[start..<min(sorted.count, start + context.pageSize)])
            let info = IndexPage(number: page, count: pageCount, first: start + 1, entries: slice, total: sorted.count)
            for flavor in [TemplateEncoder.Flavor.markdown, .html] {
                let ext = flavor == .html ? "html" : "md"
                let ctx = IndexPageContext(e: TemplateEncoder(flavor: flavor), ext: ext, chart: page == 1 ? chart : nil)
                    .build(info, totals: totals, context: context)
                let text = String(decoding: templates.page(ctx, template: "index.\(ext)"), as: UTF8.self)
                files.append((IndexPage.fileName(page, ext: ext), text))
            }
        }
        return files
    }
}

/// One page of the index.
struct IndexPage {
    var number: Int
    var count: Int
    /// 1-based position of the first entry in the whole list.
    var first: Int
    var entries: [IndexEntry]
    var total: Int

    static func fileName(_ page: Int, ext: String) -> String {
        page == 1 ? "index.\(ext)" : "index-\(page).\(ext)"
    }
}

/// Counts over the whole archive (every page shows them).
struct IndexTotals {
    var sessions = 0
    var interactions = 0
    var byCategory: [(Outcome.Category, Int)] = []
    var byReason: [(Outcome.Reason, Int)] = []
    var byFailingAgent: [(String, Int)] = []
    var byKind: [(StepErrorKind, Int)] = []
    var redaction: RedactionTotals?

    init(_ entries: [IndexEntry]) {
        var categories: [Outcome.Category: Int] = [:]
        var reasons: [Outcome.Reason: Int] = [:]
        var agents: [String: Int] = [:]
        var kinds: [StepErrorKind: Int] = [:]
        for e in entries {
            sessions += 1
            if e.kind == .interaction { interactions += 1 }
            categories[e.category, default: 0] += 1
            if e.reason != .none { reasons[e.reason, default: 0] += 1 }
            for a in e.failingAgents { agents[a, default: 0] += 1 }
            for k in e.failedStepKinds { kinds[k, default: 0] += 1 }
        }
        // Fixed enum order for categories, reasons and kinds; agents by count, then name.
        byCategory = Outcome.Category.allCases.compactMap { c in categories[c].map { (c, $0) } }
        byReason = Outcome.Reason.allCases.compactMap { r in reasons[r].map { (r, $0) } }
        byKind = StepErrorKind.allCases.compactMap { k in kinds[k].map { (k, $0) } }
        redaction = RedactionTotals(entries)
        byFailingAgent = agents.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
