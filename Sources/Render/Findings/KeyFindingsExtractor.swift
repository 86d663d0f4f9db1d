import ByteLevel
/// Diagnosis Markdown -> `KeyFindings`: a pure function over libcmark's
/// block tree (`MarkdownOutline`). What is recognised is decided only by
/// `HeadingTable` and the labelled lines below; nothing is inferred from prose.
public enum KeyFindingsExtractor {
    public static let unavailableMarker = "Data unavailable due to query error"

    public static func extract(_ markdown: String, turn: Int) -> ReportModel.KeyFindings {
        var f = ReportModel.KeyFindings()
        f.turnNumber = turn
        let outline = MarkdownOutline(markdown)
        var current: (section: HeadingTable.Section, title: String, level: Int)?
        var body: [MarkdownOutline.Block] = []

        func flush() {
            if let c = current { fill(&f, c.section, title: c.title, body: body) }
            body = []
        }
        for block in outline.blocks {
            if case .paragraph(let lines) = block { labelledLines(lines, into: &f) }
            if case .heading(let level, let text) = block {
                if let section = HeadingTable.section(of: text) {
                    flush()
                    current = (section, text, level)
                    continue
                }
                // A heading at or above the section's level ends it.
                if let c = current, level <= c.level { flush(); current = nil; continue }
            }
            if current != nil { body.append(block) }
        }
        flush()
        return f
    }

    /// `**Severity:** P2 — major` / `**Confidence:** 86%` lines, and a
    /// sentence starting "Severity:" (the situation report's summary).
    static func labelledLines(_ lines: [String], into f: inout ReportModel.KeyFindings) {
        for line in lines {
            for sentence in sentences(line) {
                if f.severity == nil, let v = value(of: sentence, label: "Severity") { f.severity = v }
                if f.confidence == nil, let v = value(of: sentence, label: "Confidence") { f.confidence = v }
            }
        }
    }

    static func value(of text: String, label: String) -> String? {
        guard text.count > label.count + 1,
              text.prefix(label.count).lowercased() == label.lowercased() else { return nil }
        let rest = text.dropFirst(label.count)
        guard rest.first == ":" else { return nil }
        var v = MarkdownOutline.trim(String(rest.dropFirst()))
        if v.hasSuffix(".") { v.removeLast() }
        return v.isEmpty ? nil : v
    }

    /// Sentences of a line: cut after ". " (the text is kept whole otherwise).
    static func sentences(_ line: String) -> [String] {
        var out: [String] = []
        var rest = Substring(line)
        while let r = rest.firstLiteralRange(of: ". ") {
            out.append(MarkdownOutline.trim(String(rest[..<r.lowerBound]) + "."))
            rest = rest[r.upperBound...]
        }
        if !rest.isEmpty { out.append(MarkdownOutline.trim(String(rest))) }
        return out
    }

    public static func firstSentence(_ text: String) -> String {
        sentences(text).first ?? text
    }

    private static func fill(_ f: inout ReportModel.KeyFindings, _ section: HeadingTable.Section,
                             title: String, body: [MarkdownOutline.Block]) {
        let texts = paragraphs(body)
        if texts.contains(where: { $0.containsLiteral(unavailableMarker) }) {
            f.gaps.append(HeadingTable.stripNumber(title))
        }
        let kept = texts.filter { !$0.containsLiteral(unavailableMarker) }
        switch section {
        case .summary: f.summary += kept
        case .blastRadius: f.blastRadius += kept
        case .risk: f.risk += kept
        case .actions:
            f.actions += listItems(body)?.map { .init(text: $0.text, subItems: $0.subItems) }
                ?? kept.map { .init(text: $0) }
        case .precedents:
            f.precedents += items(body) ?? kept
            for t in kept { for id in tickets(t) where !f.precedentTickets.contains(id) { f.precedentTickets.append(id) } }
        case .rootCauses:
            if let list = listItems(body) {
                f.rootCauses += list.map { .init(text: $0.text, details: $0.details) }
            } else if !kept.isEmpty {
                f.rootCauses.append(.init(text: kept.joined(separator: " "), details: []))
            }
        }
    }

    /// Paragraph texts and list item texts of a section, in order; pipe
    /// tables (a paragraph in CommonMark) are left out.
    static func paragraphs(_ body: [MarkdownOutline.Block]) -> [String] {
        var out: [String] = []
        for b in body {
            switch b {
            case .paragraph(let lines):
                if lines.count >= 2, lines.allSatisfy({ $0.hasPrefix("|") }) { continue }
                out.append(lines.joined(separator: " "))
            case .list(_, let items): out += items.map(\.text)
            default: break
            }
        }
        return out
    }

    static func listItems(_ body: [MarkdownOutline.Block]) -> [MarkdownOutline.ListItem]? {
        var out: [MarkdownOutline.ListItem] = []
        for case .list(_, let items) in body { out += items.filter { !$0.text.containsLiteral(unavailableMarker) } }
        return out.isEmpty ? nil : out
    }

    static func items(_ body: [MarkdownOutline.Block]) -> [String]? {
        listItems(body)?.map(\.text)
    }

    /// Ticket ids: a known prefix then digits ("INC482913", "CHG-1044").
    static func tickets(_ text: String) -> [String] {
        var out: [String] = []
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        for w in words {
            let upper = w.uppercased()
            for p in ["INC", "CHG", "PRB", "RITM", "TKT", "SR", "CS"] where upper.hasPrefix(p) {
                var digits = w.dropFirst(p.count)
                if digits.first == "-" { digits = digits.dropFirst() }
                if digits.count >= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { out.append(String(w)) }
                break
            }
        }
        return out
    }
}
