/// Why a template set could not be loaded; every case names the file.
public enum TemplateError: Error, CustomStringConvertible, Equatable {
    /// Mustache could not parse the template.
    case syntax(file: String, line: Int, column: Int, lineText: String, reason: String)
    /// A partial of the other format: a partial renders with its own
    /// content type, so a Markdown partial writes text escaped for
    /// Markdown, not for HTML (and the other way round).
    case crossFormatPartial(file: String, line: Int, partial: String, templateIsHTML: Bool)
    /// Partials that include each other (`chain` starts and ends with the same name).
    case partialCycle(file: String, line: Int, chain: [String])
    /// Partials nested deeper than the limit.
    case partialsTooDeep(file: String, line: Int, chain: [String], limit: Int)
    /// A template file, or all of them together, over the size limit.
    case tooLarge(file: String, bytes: Int, limit: Int)
    case unreadable(file: String, reason: String)
    case notADirectory(String)

    public var description: String {
        switch self {
        case let .syntax(file, line, column, lineText, reason):
            return "\(file):\(line):\(column): template syntax error: \(reason)\n    \(lineText)"
        case let .crossFormatPartial(file, line, partial, templateIsHTML):
            return templateIsHTML
                ? "\(file):\(line): an HTML template cannot include the Markdown partial {{> \(partial)}}: its text is not escaped for HTML; include an HTML partial (a name not ending in .md)"
                : "\(file):\(line): a Markdown template cannot include the HTML partial {{> \(partial)}}; include a Markdown partial (a name ending in .md)"
        case let .partialCycle(file, line, chain):
            return "\(file):\(line): partials include each other (\(chain.joined(separator: " → "))); a template cannot include itself, directly or through others"
        case let .partialsTooDeep(file, line, chain, limit):
            return "\(file):\(line): partials nest deeper than \(limit) levels (\(chain.joined(separator: " → ")))"
        case let .tooLarge(file, bytes, limit):
            return "\(file): the template is \(bytes) bytes; templates may be at most \(limit) bytes (\(limit >> 20) MiB)"
        case let .unreadable(file, reason):
            return "\(file): cannot read the template: \(reason)"
        case let .notADirectory(path):
            return "\(path): not a directory of templates"
        }
    }
}
