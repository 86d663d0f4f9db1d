/// The headings the key findings recognise (docs/reports.md shows this
/// table). A heading's text is compared after dropping a leading number
/// ("3.", "3)"), a trailing colon, and case; "Top N" is dropped before
/// "probable root causes". Anything else is not a section.
enum HeadingTable {
    enum Section: String, Sendable, CaseIterable {
        case summary, blastRadius, rootCauses, actions, precedents, risk
    }

    static let rows: [(heading: String, section: Section)] = [
        ("incident summary", .summary), ("summary", .summary),
        ("blast radius", .blastRadius), ("impact", .blastRadius), ("customer impact", .blastRadius),
        ("probable root causes", .rootCauses), ("probable root cause", .rootCauses),
        ("root causes", .rootCauses), ("root cause", .rootCauses),
        ("recommended actions", .actions), ("recommended action", .actions),
        ("historical precedents", .precedents), ("historical precedent", .precedents), ("precedents", .precedents),
        ("risk assessment", .risk), ("risk", .risk),
    ]

    static func section(of heading: String) -> Section? {
        var key = stripNumber(heading).lowercased()
        if key.hasSuffix(":") { key.removeLast() }
        key = MarkdownOutline.trim(key)
        if key.hasPrefix("top ") {
            let rest = key.dropFirst(4).drop(while: { $0.isNumber || $0 == " " })
            if rest.count < key.count - 4 { key = String(rest) }
        }
        return rows.first { $0.heading == key }?.section
    }

    /// "3. Top 3 Probable Root Causes" -> "Top 3 Probable Root Causes".
    static func stripNumber(_ heading: String) -> String {
        let t = MarkdownOutline.trim(heading)
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return t }
        let rest = t.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return t }
        return MarkdownOutline.trim(String(rest.dropFirst()))
    }
}
