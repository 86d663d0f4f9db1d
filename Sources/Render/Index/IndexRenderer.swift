import Transcript

/// Writes `index.md` and `index.html` (and `index-2.*`, ... when the
/// sessions do not fit on one page) through the index templates.
public enum IndexRenderer {
    public static func render(entries: [IndexEntry], context: IndexContext,
                              templates: Templates) -> [(fileName: String, contents: String)] {
        var files: [(fileName: String, contents: String)] = []
        renderEach(entries: entries, context: context, templates: templates, extensions: ["md", "html"]) { files.append(($0, $1)) }
        return files
    }

    /// The pages in the given extensions ("md", "html"), one at a time: each
    /// text goes to `each` and is dropped before the next page is made.
    public static func renderEach(entries: [IndexEntry], context: IndexContext, templates: Templates, extensions: Set<String>,
                                  each: (String, String) throws -> Void) rethrows {
        let sorted = entries.sorted(by: IndexEntry.newestFirst)
        try renderEach(sorted: sorted, count: sorted.count, context: context, templates: templates, extensions: extensions, each: each)
    }

    /// The same from entries already newest first, read three times: for
    /// the totals (and the chart's zone), the chart, and the pages. A sequence
    /// that reads them from a file keeps only one page of entries in memory.
    /// A page's Markdown and HTML are made side by side on `jobs` threads:
    /// after the last session of a run this is all that is left to do.
    public static func renderEach(sorted: some Sequence<IndexEntry>, count: Int, context: IndexContext, templates: Templates,
                                  extensions: Set<String>, jobs: Int = 1, each: (String, String) throws -> Void) rethrows {
        guard !extensions.isEmpty else { return }
        let totals = IndexTotals(sorted)
        let pageCount = Self.pageCount(count, context: context)
        let chart = ArchiveChart(sorted, zone: totals.chartZone)
        let flavors = [TemplateEncoder.Flavor.markdown, .html].filter { extensions.contains(Self.fileExtension($0)) }
        var iterator = sorted.makeIterator()
        for page in 1...pageCount {
            let start = (page - 1) * context.pageSize
            var slice: [IndexEntry] = []
            while slice.count < context.pageSize, let e = iterator.next() { slice.append(e) }
            let info = IndexPage(number: page, count: pageCount, first: start + 1, entries: slice, total: count)
            var texts = [String](repeating: "", count: flavors.count)
            orderedParallelMap(count: flavors.count, jobs: jobs, work: { i in
                let ext = Self.fileExtension(flavors[i])
                let ctx = IndexPageContext(e: TemplateEncoder(flavor: flavors[i]), ext: ext, chart: page == 1 ? chart : nil)
                    .build(info, totals: totals, context: context)
                return String(decoding: templates.page(ctx, template: "index.\(ext)"), as: UTF8.self)
            }, consume: { i, text in texts[i] = text })
            for (flavor, text) in zip(flavors, texts) { try each(IndexPage.fileName(page, ext: Self.fileExtension(flavor)), text) }
        }
    }

    private static func fileExtension(_ flavor: TemplateEncoder.Flavor) -> String { flavor == .html ? "html" : "md" }

    /// The pages' file names, in the order `renderEach` makes them.
    public static func fileNames(count: Int, context: IndexContext, extensions: Set<String>) -> [String] {
        (1...Self.pageCount(count, context: context)).flatMap { page in
            ["md", "html"].filter(extensions.contains).map { IndexPage.fileName(page, ext: $0) }
        }
    }

    static func pageCount(_ count: Int, context: IndexContext) -> Int {
        max(1, (count + context.pageSize - 1) / context.pageSize)
    }
}

/// One page of the index.
struct IndexPage: Sendable {
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
struct IndexTotals: Sendable {
    var sessions = 0
    var interactions = 0
    var byCategory: [(Outcome.Category, Int)] = []
    var byReason: [(Outcome.Reason, Int)] = []
    var byFailingAgent: [(String, Int)] = []
    var byKind: [(StepErrorKind, Int)] = []
    var redaction: RedactionTotals?
    /// The zone the chart's days are in (ArchiveChart.zone(of:)), counted in the same pass.
    var chartZone = DisplayTimeZone.utc

    init(_ entries: some Sequence<IndexEntry>) {
        var categories: [Outcome.Category: Int] = [:]
        var reasons: [Outcome.Reason: Int] = [:]
        var agents: [String: Int] = [:]
        var kinds: [StepErrorKind: Int] = [:]
        var redactions = RedactionTotals.Tally()
        var zones = ArchiveChart.ZoneVote()
        for e in entries {
            redactions.add(e)
            zones.add(e)
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
        redaction = redactions.totals
        chartZone = zones.zone
        byFailingAgent = agents.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
