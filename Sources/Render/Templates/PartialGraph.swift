/// The load-time checks on `{{> partial}}` tags, so that rendering can
/// neither recurse without end (the stack would overflow: SIGSEGV) nor paste
/// one format's text into the other: a Markdown partial's values are safe
/// Markdown, not escaped HTML.
struct PartialGraph {
    struct Include {
        let partial: String
        let offset: Int
    }

    /// How deep partials may nest (the built-in ones nest 3 deep).
    static let maxDepth = 32

    /// Template name → its partial tags, in order.
    let includes: [String: [Include]]

    init(_ parsed: [String: [TemplateNode]]) {
        var includes: [String: [Include]] = [:]
        for (name, nodes) in parsed {
            var found: [Include] = []
            Self.collect(nodes, into: &found)
            includes[name] = found
        }
        self.includes = includes
    }

    private static func collect(_ nodes: [TemplateNode], into found: inout [Include]) {
        for node in nodes {
            switch node {
            case .partial(let name, _, let offset): found.append(Include(partial: name, offset: offset))
            case .section(_, _, let body): collect(body, into: &found)
            case .text, .variable: break
            }
        }
    }

    static func isMarkdown(_ name: String) -> Bool { name.hasSuffix(".md") }

    /// Throws for the first include (in name order) that crosses formats,
    /// closes a cycle or nests too deep. `locate` turns a template name and
    /// an offset into its file and line.
    func check(locate: (String, Int) -> (file: String, line: Int)) throws(TemplateError) {
        for name in includes.keys.sorted() {
            for include in includes[name] ?? [] where includes[include.partial] != nil
                && Self.isMarkdown(include.partial) != Self.isMarkdown(name) {
                let at = locate(name, include.offset)
                throw .crossFormatPartial(file: at.file, line: at.line, partial: include.partial,
                                          templateIsHTML: !Self.isMarkdown(name))
            }
        }
        var heights: [String: Int] = [:]
        for name in includes.keys.sorted() {
            var path: [String] = []
            _ = try height(of: name, path: &path, heights: &heights, locate: locate)
        }
    }

    /// The longest chain of includes from `name` (1: it includes nothing),
    /// walked depth first; `path` holds the templates being expanded.
    private func height(of name: String, path: inout [String], heights: inout [String: Int],
                        locate: (String, Int) -> (file: String, line: Int)) throws(TemplateError) -> Int {
        if let known = heights[name] { return known }
        path.append(name)
        var tallest = 0
        for include in includes[name] ?? [] where includes[include.partial] != nil {
            func at() -> (file: String, line: Int) { locate(name, include.offset) }
            if let start = path.firstIndex(of: include.partial) {
                throw .partialCycle(file: at().file, line: at().line, chain: Array(path[start...]) + [include.partial])
            }
            if path.count >= Self.maxDepth, heights[include.partial] == nil {
                throw .partialsTooDeep(file: at().file, line: at().line, chain: path + [include.partial], limit: Self.maxDepth)
            }
            let below = try height(of: include.partial, path: &path, heights: &heights, locate: locate)
            if path.count + below > Self.maxDepth {
                throw .partialsTooDeep(file: at().file, line: at().line, chain: path + [include.partial], limit: Self.maxDepth)
            }
            tallest = max(tallest, below)
        }
        path.removeLast()
        heights[name] = tallest + 1
        return tallest + 1
    }
}
