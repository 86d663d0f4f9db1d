import Foundation
import Testing

/// Checks a rendered HTML page the way an attacker would look at it: every
/// `<` in our output starts real markup (text is escaped), so scanning the
/// tags finds everything a browser would run or load.
enum HTMLSafety {
    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "link", "style", "body", "div", "header", "nav", "main", "section",
        "footer", "p", "span", "a", "ol", "ul", "li", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "table",
        "thead", "tbody", "tr", "th", "td", "details", "summary", "figure", "figcaption", "dl", "dt", "dd",
        "strong", "em", "br", "hr", "blockquote", "time",
        // The index charts: inline SVG shapes and text only.
        "svg", "desc", "g", "line", "rect", "text",
    ]
    static let allowedAttributes: Set<String> = [
        "class", "id", "href", "rel", "lang", "charset", "name", "content", "http-equiv", "title", "scope",
        "aria-label", "open", "start",
        "viewbox", "role", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "text-anchor",
    ]
    static let csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    struct Tag { var name: String; var attributes: [(String, String)] }

    static func check(_ html: String, name: String) throws {
        let tags = try scan(html, name: name)
        var styles = 0
        var sawCSP = false
        for tag in tags {
            guard allowedTags.contains(tag.name) else { throw TestFailure("\(name): <\(tag.name)> is not allowed") }
            if tag.name == "style" { styles += 1 }
            for (attr, value) in tag.attributes {
                guard allowedAttributes.contains(attr) else { throw TestFailure("\(name): attribute \(attr)= on <\(tag.name)>") }
                if attr == "http-equiv" {
                    guard value.lowercased() == "content-security-policy" else { throw TestFailure("\(name): http-equiv=\(value)") }
                    guard tag.attributes.first(where: { $0.0 == "content" })?.1 == csp else { throw TestFailure("\(name): wrong CSP") }
                    sawCSP = true
                }
                if attr == "href" { try checkHref(value, tag: tag, name: name) }
            }
        }
        guard sawCSP else { throw TestFailure("\(name): no Content-Security-Policy meta") }
        guard styles == 1 else { throw TestFailure("\(name): \(styles) <style> elements") }
        guard html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">") else { throw TestFailure("\(name): no doctype/lang") }
        // The stylesheet must not load anything either.
        if let start = html.range(of: "<style>"), let end = html.range(of: "</style>") {
            let css = html[start.upperBound..<end.lowerBound].lowercased()
            for bad in ["url(", "@import", "expression(", "<"] where css.contains(bad) {
                throw TestFailure("\(name): stylesheet contains \(bad)")
            }
        }
    }

    static func checkHref(_ raw: String, tag: Tag, name: String) throws {
        let value = decodeEntities(raw).lowercased().filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
        if tag.name == "link" {
            guard value == "data:," else { throw TestFailure("\(name): <link href=\(raw)>") }
            return
        }
        guard tag.name == "a" else { throw TestFailure("\(name): href on <\(tag.name)>") }
        // The report's own anchors and sibling files, or a scheme
        // react-markdown keeps (FORMAT.md §4); never another relative URL.
        let ok = value.isEmpty || value.hasPrefix("#") || value.hasPrefix("./") || value.hasPrefix("https://")
            || value.hasPrefix("http://") || value.hasPrefix("mailto:") || value.hasPrefix("irc:")
            || value.hasPrefix("ircs:") || value.hasPrefix("xmpp:")
        guard ok else { throw TestFailure("\(name): <a href=\"\(raw)\">") }
    }

    static func scan(_ html: String, name: String) throws -> [Tag] {
        let b = Array(html.utf8)
        var tags: [Tag] = []
        var i = 0
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-")
        }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if html.utf8.dropFirst(i).starts(with: "<!DOCTYPE html>".utf8) { i += 15; continue }
            if html.utf8.dropFirst(i).starts(with: "<!--".utf8) { throw TestFailure("\(name): comment in output") }
            var j = i + 1
            if j < b.count, b[j] == UInt8(ascii: "/") { j += 1 }
            let nameStart = j
            while j < b.count, isNameByte(b[j]) { j += 1 }
            guard j > nameStart else { throw TestFailure("\(name): bare '<' at byte \(i)") }
            var tag = Tag(name: String(decoding: b[nameStart..<j], as: UTF8.self).lowercased(), attributes: [])
            // Attributes up to '>'.
            while j < b.count, b[j] != UInt8(ascii: ">") {
                if b[j] == 0x20 || b[j] == 0x0A || b[j] == UInt8(ascii: "/") { j += 1; continue }
                let aStart = j
                while j < b.count, b[j] != UInt8(ascii: "="), b[j] != 0x20, b[j] != UInt8(ascii: ">") { j += 1 }
                let attr = String(decoding: b[aStart..<j], as: UTF8.self).lowercased()
                var value = ""
                if j < b.count, b[j] == UInt8(ascii: "=") {
                    j += 1
                    guard j < b.count, b[j] == UInt8(ascii: "\"") else { throw TestFailure("\(name): unquoted attribute \(attr)") }
                    j += 1
                    let vStart = j
                    while j < b.count, b[j] != UInt8(ascii: "\"") { j += 1 }
                    value = String(decoding: b[vStart..<j], as: UTF8.self)
                    j += 1
                }
                tag.attributes.append((attr, value))
            }
            if !html.utf8.dropFirst(i + 1).starts(with: "/".utf8) { tags.append(tag) }
            i = j + 1
        }
        return tags
    }

    static func decodeEntities(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The headings and links of a Markdown report as `cmark --to xml` reads them.
struct MarkdownOutline {
    var headings: [(level: Int, text: String)] = []
    var destinations: [String] = []
    var rawHTMLNodes = 0

    /// Nil when the `cmark` program is not installed.
    static func parse(_ markdown: String) throws -> MarkdownOutline? {
        guard let result = try runTool("cmark", ["--to", "xml"], stdin: markdown) else { return nil }
        guard result.status == 0 else { throw TestFailure("cmark failed: \(result.stderr)") }
        return parse(xml: result.stdout)
    }

    static func parse(xml: String) -> MarkdownOutline {
        var outline = MarkdownOutline()
        let lines = xml.split(separator: "\n")
        var current: (Int, String)?
        for line in lines {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("<html_block") || t.hasPrefix("<html_inline") { outline.rawHTMLNodes += 1 }
            if let r = t.range(of: "destination=\"") {
                let rest = t[r.upperBound...]
                outline.destinations.append(HTMLSafety.decodeEntities(String(rest.prefix(while: { $0 != "\"" }))))
            }
            if t.hasPrefix("<heading level=\"") {
                let level = Int(String(t.dropFirst(16).prefix(1))) ?? 0
                current = (level, "")
                continue
            }
            guard current != nil else { continue }
            if t.hasPrefix("</heading>") {
                if let c = current { outline.headings.append((c.0, c.1)) }
                current = nil
                continue
            }
            for tagName in ["text", "code"] {
                let open = "<\(tagName) xml:space=\"preserve\">"
                if t.hasPrefix(open), let end = t.range(of: "</\(tagName)>") {
                    current?.1 += HTMLSafety.decodeEntities(String(t[t.index(t.startIndex, offsetBy: open.count)..<end.lowerBound]))
                }
            }
            if t == "<softbreak />" { current?.1 += " " }
        }
        return outline
    }

    /// Requirement 3: one level-1 heading, the four level-2 sections, turns at
    /// level 3, steps and diagnoses at level 4; agent text only below that.
    func checkReportShape(name: String) throws {
        let h1 = headings.filter { $0.level == 1 }
        guard h1.count == 1 else { throw TestFailure("\(name): \(h1.count) level-1 headings") }
        let h2 = headings.filter { $0.level == 2 }.map(\.text)
        // A redacted report (--redact) ends with its Redaction note.
        // Key findings and Key events appear only when there is something to say.
        let sections = ["Summary", "Outcome", "Timeline", "Data integrity"]
        let core = h2.filter { $0 != "Key findings" && $0 != "Key events" }
        let order = ["Summary", "Key findings", "Outcome", "Key events", "Timeline", "Data integrity", "Redaction"]
        let ordered = h2.map { order.firstIndex(of: $0) ?? -1 }
        guard (core == sections || core == sections + ["Redaction"]), ordered == ordered.sorted() else { throw TestFailure("\(name): level-2 headings \(h2)") }
        // A lost log's recorded steps stand where the turns would (FORMAT.md §6).
        let recorded = "Steps recorded on the session document (the event log was lost)"
        for h in headings where h.level == 3 && !h.text.hasPrefix("Turn ") && h.text != recorded {
            throw TestFailure("\(name): level-3 heading that is not a turn: \(h.text)")
        }
        for h in headings where h.level == 4
            && !(h.text.hasPrefix("Step ") || h.text == "Diagnosis" || h.text == "Diagnosis recorded on the session document") {
            throw TestFailure("\(name): level-4 heading that is not a step: \(h.text)")
        }
        guard headings.first?.level == 1 else { throw TestFailure("\(name): the title is not the first heading") }
        guard rawHTMLNodes == 0 else { throw TestFailure("\(name): \(rawHTMLNodes) raw HTML nodes") }
        for d in destinations {
            let v = d.lowercased()
            let schemes = ["https://", "http://", "mailto:", "irc:", "ircs:", "xmpp:"]
            guard v.isEmpty || v.hasPrefix("./") || schemes.contains(where: v.hasPrefix) else {
                throw TestFailure("\(name): link to \(d)")
            }
        }
    }
}
