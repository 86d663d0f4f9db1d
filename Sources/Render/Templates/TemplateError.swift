/// Why a template set could not be loaded; every case names the file.
public enum TemplateError: Error, CustomStringConvertible, Equatable {
    /// Mustache could not parse the template.
    case syntax(file: String, line: Int, column: Int, lineText: String, reason: String)
    /// An HTML template pastes a variable unescaped (`{{{x}}}` or `{{&x}}`)
    /// whose name does not end in `HTML`: only `SafeHTML` fields may be.
    case unescapedPlainText(file: String, line: Int, name: String)
    /// An HTML template changes the tag delimiters, which would hide
    /// unescaped tags from the check above.
    case delimiterChange(file: String, line: Int)
    case unreadable(file: String, reason: String)
    case notADirectory(String)

    public var description: String {
        switch self {
        case let .syntax(file, line, column, lineText, reason):
            return "\(file):\(line):\(column): template syntax error: \(reason)\n    \(lineText)"
        case let .unescapedPlainText(file, line, name):
            return "\(file):\(line): {{{\(name)}}} pastes plain text without escaping; only variables named …HTML may be unescaped in HTML templates"
        case let .delimiterChange(file, line):
            return "\(file):\(line): HTML templates may not change the tag delimiters"
        case let .unreadable(file, reason):
            return "\(file): cannot read the template: \(reason)"
        case let .notADirectory(path):
            return "\(path): not a directory of templates"
        }
    }
}
