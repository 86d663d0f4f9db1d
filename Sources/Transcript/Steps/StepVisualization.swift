/// One visualization of a step (FORMAT.md §3): a table or graph, documents,
/// or a type this version does not know (kept whole, to be shown as JSON).
public enum StepVisualization: Sendable {
    case table(StepTable)
    case documents(StepDocuments)
    /// `type` as written (nil when missing or not a string) and the whole value.
    case other(type: String?, value: ShownValue)

    init(_ v: JSONValue) {
        let type = v["type"]?.string
        let data = v["data"] ?? .emptyObject
        switch type {
        case "table": self = .table(StepTable(kind: .table, data: data))
        case "graph": self = .table(StepTable(kind: .graph, data: data))
        case "documents": self = .documents(StepDocuments(data))
        default: self = .other(type: type, value: ShownValue(v))
        }
    }
}

/// `{"type": "documents", "data": {content, agent, citations?, searchHits?, indexName?}}`.
public struct StepDocuments: Sendable {
    /// Agent Markdown.
    public var content: ShownValue?
    public var agent: ShownValue?
    public var citations: [StepCitation]
    public var searchHits: ShownValue?
    public var indexName: ShownValue?

    init(_ data: JSONValue) {
        content = data.shown("content")
        agent = data.shown("agent")
        searchHits = data.shown("searchHits")
        indexName = data.shown("indexName")
        var citations: [StepCitation] = []
        if let list = data["citations"], list.isArray {
            for c in list.elements { citations.append(StepCitation(c)) }
        }
        self.citations = citations
    }
}

/// A citation: a URL string, or `{url, title}`. Its title falls back to
/// the URL, then to the citation's JSON.
public struct StepCitation: Sendable, Equatable {
    public var title: String
    public var url: String?

    init(_ c: JSONValue) {
        if let url = c.string {
            title = url
            self.url = url
        } else {
            url = c.shown("url")?.shown
            title = c.shown("title")?.shown ?? url ?? c.displayText
        }
    }
}
